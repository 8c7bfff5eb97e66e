# ssh-cert.sh: OpenSSH certificates against a private sshd that trusts a
# test CA for user certificates and has a host certificate of it: a key
# with its certificate beside it (~/.ssh, -i, the agent), a certificate
# refused (the key alone next, or the checklist), one for another key or
# not a certificate; known_hosts lines with @cert-authority (libssh 0.10
# cannot check host certificates: the plain key is asked about) and
# @revoked (never connects).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

cert_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
}

cert_tab() {
	tt_start 100 30 --no-ssh-config "$@" \
	    "ssh://$SSHD_USER@127.0.0.1:$SSHD_PORT"
}

remote_prompt() {
	tt_wait_re "$SSHD_USER"'@[^ ]*[#$] ?$' 15
}

# The user key as ~/.ssh/id_ed25519 with its .pub, the host key known.
cert_client() {
	sshd_client_setup known
	cp "$SSHD_DIR/userkey.pub" "$TT_HOME/.ssh/id_ed25519.pub"
}

# sshd logged a login with a certificate (CERT) or the key alone (KEY).
accepted() {
	case $1 in
	CERT)	re="Accepted publickey for $SSHD_USER .* ED25519-CERT SHA256:.* ID tterm-user" ;;
	KEY)	re="Accepted publickey for $SSHD_USER .* ED25519 SHA256:" ;;
	esac
	tt_until 'grep -qE "$1" "$SSHD_DIR/sshd.log"' 5 "sshd: $1" "$re"
}

# No authorized_keys entry: only the certificate beside the key lets in.
test_cert_beside_key() {
	sshd_start cert || return 1
	cert_home
	cert_client
	sshd_cert "$TT_HOME/.ssh/id_ed25519" || return 1
	: >"$SSHD_DIR/authorized_keys"
	cert_tab || return 1
	remote_prompt || return 1
	accepted CERT
}

# -i KEY: KEY-cert.pub beside it is offered too.
test_cert_option_i() {
	sshd_start cert || return 1
	cert_home
	sshd_client_setup known
	rm -f "$TT_HOME/.ssh/id_ed25519"
	mkdir "$TT_HOME/keys"
	cp "$SSHD_DIR/userkey" "$TT_HOME/keys/work"
	cp "$SSHD_DIR/userkey.pub" "$TT_HOME/keys/work.pub"
	chmod 600 "$TT_HOME/keys/work"
	sshd_cert "$TT_HOME/keys/work" || return 1
	: >"$SSHD_DIR/authorized_keys"
	cert_tab -i "$TT_HOME/keys/work" || return 1
	remote_prompt || return 1
	accepted CERT
}

# ~/.ssh/config's IdentityFile lines (all of them, the first missing)
# and a CertificateFile elsewhere with tokens, as ssh reads them.
test_cert_file_config() {
	sshd_start cert || return 1
	cert_home
	sshd_client_setup known
	rm -f "$TT_HOME/.ssh/id_ed25519"
	mkdir "$TT_HOME/keys" "$TT_HOME/certs"
	cp "$SSHD_DIR/userkey" "$TT_HOME/keys/work"
	cp "$SSHD_DIR/userkey.pub" "$TT_HOME/keys/work.pub"
	chmod 600 "$TT_HOME/keys/work"
	sshd_cert "$TT_HOME/keys/work" || return 1
	mv "$TT_HOME/keys/work-cert.pub" "$TT_HOME/certs/$SSHD_USER.crt"
	: >"$SSHD_DIR/authorized_keys"
	cat >"$TT_HOME/.ssh/config" <<-CFG
	Host certbox
	    HostName 127.0.0.1
	    Port $SSHD_PORT
	    User $SSHD_USER
	    IdentityFile ~/keys/missing
	    CertificateFile ~/certs/%r.crt
	Host *
	    IdentityFile %d/keys/work
	CFG
	tt_start 100 30 certbox || return 1
	remote_prompt || return 1
	accepted CERT
}

# An expired certificate is refused; the key alone is in authorized_keys.
test_cert_expired_key_alone() {
	sshd_start cert || return 1
	cert_home
	cert_client
	sshd_cert "$TT_HOME/.ssh/id_ed25519" 20200101:20200102 || return 1
	cert_tab || return 1
	remote_prompt || return 1
	grep -q 'Certificate invalid: expired' "$SSHD_DIR/sshd.log" || {
		tt_log "the certificate was not offered"; return 1; }
	accepted KEY
}

# An expired certificate and nothing else: the checklist names it.
test_cert_expired_checklist() {
	sshd_start cert || return 1
	cert_home
	cert_client
	sshd_cert "$TT_HOME/.ssh/id_ed25519" 20200101:20200102 || return 1
	: >"$SSHD_DIR/authorized_keys"
	cert_tab || return 1
	tt_wait "Authentication to $SSHD_USER@127.0.0.1 failed" 15 || return 1
	tt_wait '    - The server refused the certificate' || return 1
	tt_wait "      $TT_HOME/.ssh/id_ed25519-cert.pub:" || return 1
	tt_wait 'has it expired (ssh-keygen -Lf shows its dates)' || return 1
	tt_wait '[closed: authentication failed]'
}

# A certificate of another key beside the key, then a file that is not a
# certificate: a line each, and the key alone logs in.
test_cert_not_for_key() {
	sshd_start cert || return 1
	cert_home
	cert_client
	other=$TT_HOME/other
	ssh-keygen -q -t ed25519 -N '' -f "$other" </dev/null || return 1
	sshd_cert "$other" || return 1
	cp "$other-cert.pub" "$TT_HOME/.ssh/id_ed25519-cert.pub"
	cert_tab || return 1
	remote_prompt || return 1
	tt_screen | grep -qF "The certificate $TT_HOME/.ssh/id_ed25519-cert.pub is not for the key" ||
	    { tt_log "no word of the wrong certificate"; return 1; }
	accepted KEY || return 1
	tt_stop
	echo 'ssh-ed25519-cert-v01@openssh.com bm90IGEgY2VydGlmaWNhdGU= x' \
	    >"$TT_HOME/.ssh/id_ed25519-cert.pub"
	cert_tab || return 1
	remote_prompt || return 1
	tt_screen | grep -qF "Cannot read the certificate $TT_HOME/.ssh/id_ed25519-cert.pub" ||
	    { tt_log "no word of the unreadable certificate"; return 1; }
}

# The agent holds the key and its certificate (ssh-add takes both), no
# key file: libssh offers the agent's certificate.
test_cert_agent() {
	sshd_start cert || return 1
	cert_home
	cert_client
	sshd_cert "$TT_HOME/.ssh/id_ed25519" || return 1
	: >"$SSHD_DIR/authorized_keys"
	eval "$(ssh-agent -s -a "$TT_TOP/agent.$$")" >/dev/null
	ssh-add -q "$TT_HOME/.ssh/id_ed25519" 2>/dev/null
	rm -f "$TT_HOME/.ssh/id_ed25519"*
	TT_AGENT=$SSH_AUTH_SOCK cert_tab
	rc=$?
	[ $rc = 0 ] && remote_prompt
	rc=$?
	kill "$SSH_AGENT_PID" 2>/dev/null
	[ $rc = 0 ] && accepted CERT
}

# The host has a certificate and known_hosts its CA: libssh 0.10 cannot
# check it, so the plain key is asked about, with a word of why.
test_cert_authority_host() {
	sshd_start cert || return 1
	cert_home
	sshd_client_setup
	printf '@cert-authority [127.0.0.1]:%s %s\n' "$SSHD_PORT" \
	    "$(cut -d' ' -f1-2 "$SSHD_DIR/ca.pub")" >"$TT_HOME/.ssh/known_hosts"
	fp=$(ssh-keygen -lf "$SSHD_DIR/hostkey.pub" | cut -d' ' -f2)
	cafp=$(ssh-keygen -lf "$SSHD_DIR/ca.pub" | cut -d' ' -f2)
	cert_tab || return 1
	tt_wait 'Unknown host key' 10 || return 1
	tt_wait 'Your known_hosts names a certificate authority for this host:' ||
	    return 1
	tt_wait "@cert-authority ED25519 $cafp" || return 1
	tt_wait "(line 1 of $TT_HOME/.ssh/known_hosts)" || return 1
	tt_wait 'but this version of libssh cannot check host certificates,' ||
	    return 1
	tt_wait "ED25519 $fp" || return 1
	tt_keys a
	remote_prompt
}

# A host key marked @revoked never connects: known (a plain line too) or
# not, no question, the reason in the tab.
test_cert_revoked_host() {
	sshd_start pubkey || return 1
	cert_home
	sshd_client_setup known
	fp=$(ssh-keygen -lf "$SSHD_DIR/hostkey.pub" | cut -d' ' -f2)
	printf '@revoked * %s\n' "$(cut -d' ' -f1-2 "$SSHD_DIR/hostkey.pub")" \
	    >>"$TT_HOME/.ssh/known_hosts"
	cert_tab || return 1
	tt_wait 'The host key of 127.0.0.1 is REVOKED: not connecting.' 10 ||
	    return 1
	tt_wait "offered: ED25519 $fp" || return 1
	tt_wait "Line 2 of $TT_HOME/.ssh/known_hosts marks this key @revoked" ||
	    return 1
	tt_wait '[closed: host key revoked]' || return 1
	tt_stop
	sed -i 1d "$TT_HOME/.ssh/known_hosts"	# unknown now
	cert_tab || return 1
	tt_wait '[closed: host key revoked]' 10 || return 1
	tt_screen | grep -q 'Unknown host key' && return 1
	! grep -q 'Accepted publickey' "$SSHD_DIR/sshd.log"
}

tt_test_cleanup() {
	sshd_stop
}

if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null ||
    [ ! -x /usr/sbin/sshd ]; then
	tt_skip "the SSH tests need root and openssh-server"
fi
tt_run test_cert_beside_key
tt_run test_cert_option_i
tt_run test_cert_file_config
tt_run test_cert_expired_key_alone
tt_run test_cert_expired_checklist
tt_run test_cert_not_for_key
tt_run test_cert_agent
tt_run test_cert_authority_host
tt_run test_cert_revoked_host
