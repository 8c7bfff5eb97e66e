# diagnose.sh: tterm --diagnose, without the screen, against a closed port,
# a blackholed path, a port that speaks something else, a server with no
# common cipher, publickey-only and two-factor sshds (known, unknown,
# changed and revoked host keys, certificates), a profile, and a jump
# host. Each run's exit status is the step that failed; nothing logs in.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

# dg_run ARGS...: tterm --diagnose ARGS in a fresh home; its output in
# DG_OUT, its exit status in DG_RC. A sanitizer's report is a failure.
dg_run() {
	DG_DIR=$(mktemp -d "$TT_TOP/dg.XXXXXX")
	DG_OUT=$DG_DIR/out
	TT_HOME=${TT_HOME:-$DG_DIR/home}
	mkdir -p "$TT_HOME"
	DG_RC=0
	env HOME="$TT_HOME" SSH_AUTH_SOCK= \
	    ASAN_OPTIONS=log_path=$DG_DIR/asan:detect_leaks=1 \
	    UBSAN_OPTIONS=log_path=$DG_DIR/ubsan:print_stacktrace=1 \
	    timeout 60 "$TTERM" --diagnose "$@" \
	    </dev/null >"$DG_OUT" 2>&1 || DG_RC=$?
	sed 's/^/    | /' "$DG_OUT" >&2
	if ls "$DG_DIR"/asan* "$DG_DIR"/ubsan* >/dev/null 2>&1; then
		cat "$DG_DIR"/asan* "$DG_DIR"/ubsan* >&2
		return 1
	fi
	return 0
}

# dg_expect RC PATTERN...: the status was RC and the output has each
# pattern (grep -E).
dg_expect() {
	[ "$DG_RC" = "$1" ] || { tt_log "exit status $DG_RC, not $1"; return 1; }
	shift
	for p in "$@"; do
		grep -Eq -- "$p" "$DG_OUT" || { tt_log "no '$p'"; return 1; }
	done
}

# Nobody logged in to the sshd of SSHD_DIR.
dg_no_login() {
	! grep -q 'Accepted' "$SSHD_DIR/sshd.log" ||
	    { tt_log "a login was accepted"; return 1; }
}

dg_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
}

test_diagnose_refused() {
	dg_home
	port=$(sshd_free_port)
	dg_run --no-ssh-config "tterm@127.0.0.1:$port" || return 1
	dg_expect 3 '^\[1\] name: 127\.0\.0\.1 is 127\.0\.0\.1' \
	    "Connection refused by 127.0.0.1 .* on port $port" \
	    'Is sshd running there' 'failed at TCP connect'
}

test_diagnose_name_not_found() {
	dg_home
	dg_run --no-ssh-config tterm@no-such-host.invalid || return 1
	dg_expect 2 'Name not found: no-such-host\.invalid' \
	    'failed at the name'
}

test_diagnose_blackholed() {
	command -v tc >/dev/null || { tt_skip "no tc (iproute2)"; return 1; }
	unshare -n true 2>/dev/null || { tt_skip "no network namespaces"; return 1; }
	# tterm in a network namespace whose loopback drops every packet.
	dg_home
	DG_DIR=$(mktemp -d "$TT_TOP/dg.XXXXXX") DG_OUT=$DG_DIR/out DG_RC=0
	env HOME="$TT_HOME" ASAN_OPTIONS=log_path=$DG_DIR/asan:detect_leaks=1 \
	    unshare -n sh -c 'ip link set lo up &&
	    tc qdisc add dev lo root blackhole && exec "$0" "$@"' \
	    "$TTERM" --diagnose --no-ssh-config --connect-timeout 2 \
	    tterm@127.0.0.1:2222 </dev/null >"$DG_OUT" 2>&1 || DG_RC=$?
	sed 's/^/    | /' "$DG_OUT" >&2
	! ls "$DG_DIR"/asan* >/dev/null 2>&1 || return 1
	dg_expect 3 'No answer from 127\.0\.0\.1 .* port 2222 after 2 seconds' \
	    'security group' 'failed at TCP connect'
}

test_diagnose_not_ssh() {
	dg_home
	port=$(sshd_free_port)
	printf 'HTTP/1.0 400 Bad request\r\n\r\n' >"$TT_TOP/http.txt"
	socat -u "OPEN:$TT_TOP/http.txt" "TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr" &
	tt_until "ss -ltn | grep -q ':$port '" 5 'socat to listen' '' || return 1
	dg_run --no-ssh-config "tterm@127.0.0.1:$port" || return 1
	dg_expect 4 '^\[2\] TCP: connected to 127\.0\.0\.1' \
	    'answers, but not with SSH' 'It sent: "HTTP/1\.0 400' \
	    'failed at the SSH greeting'
}

test_diagnose_no_common_cipher() {
	sshd_start cbc || return 1
	dg_home
	sshd_client_setup known
	dg_run --no-ssh-config "$SSHD_USER@127.0.0.1:$SSHD_PORT" || return 1
	dg_expect 5 '^\[3\] greeting: SSH-2\.0-OpenSSH' \
	    'No algorithm in common' 'aes128-cbc' \
	    'failed at the key exchange' || return 1
	dg_no_login
}

test_diagnose_publickey_only() {
	sshd_start pubkey || return 1
	dg_home
	sshd_client_setup known
	dg_run --no-ssh-config "$SSHD_USER@127.0.0.1:$SSHD_PORT" || return 1
	dg_expect 0 '^\[2\] TCP: connected to 127\.0\.0\.1 port' \
	    '^\[3\] greeting: SSH-2\.0-OpenSSH[^\\]*$' \
	    '^\[4\] key exchange: [a-z0-9@.-]+, cipher ' \
	    'Host key .*SHA256:.* is in known_hosts' '^\[5\] host key: known' \
	    "The server offers $SSHD_USER: publickey\$" \
	    "key tterm would offer: $TT_HOME/.ssh/id_ed25519" \
	    'all steps passed \(not logged in\)' || return 1
	dg_no_login || return 1
	# An unknown key is reported, not saved, and the check goes on.
	rm "$TT_HOME/.ssh/known_hosts"
	dg_run --no-ssh-config "$SSHD_USER@127.0.0.1:$SSHD_PORT" || return 1
	dg_expect 0 'is not in .*known_hosts yet' \
	    '^\[5\] host key: not known yet' "offers $SSHD_USER: publickey" ||
	    return 1
	[ ! -e "$TT_HOME/.ssh/known_hosts" ] || { tt_log "known_hosts written"; return 1; }
	dg_no_login
}

test_diagnose_changed_key() {
	sshd_start pubkey || return 1
	dg_home
	sshd_client_setup
	ssh-keygen -q -t ed25519 -N '' -f "$TT_TOP/other" || return 1
	printf '[127.0.0.1]:%s %s\n' "$SSHD_PORT" \
	    "$(cut -d' ' -f1-2 "$TT_TOP/other.pub")" >"$TT_HOME/.ssh/known_hosts"
	cp "$TT_HOME/.ssh/known_hosts" "$TT_TOP/kh.before"
	dg_run --no-ssh-config "$SSHD_USER@127.0.0.1:$SSHD_PORT" || return 1
	dg_expect 6 'HOST KEY OF \[127\.0\.0\.1\]:[0-9]+ HAS CHANGED' \
	    'line 1 of .*known_hosts' 'failed at the host key' || return 1
	! grep -q 'offers' "$DG_OUT" || { tt_log "went on past a changed key"; return 1; }
	cmp "$TT_TOP/kh.before" "$TT_HOME/.ssh/known_hosts" || return 1
	# The user's name never went to a server that may not be the one.
	! grep -q "userauth-request for user $SSHD_USER" "$SSHD_DIR/sshd.log" ||
	    { tt_log "authentication started"; return 1; }
}

# Certificates: the key's is named with the key; a @cert-authority line is
# said to be of no use to libssh; a @revoked key stops the check.
test_diagnose_certificates() {
	sshd_start cert || return 1
	dg_home
	sshd_client_setup
	cp "$SSHD_DIR/userkey.pub" "$TT_HOME/.ssh/id_ed25519.pub"
	sshd_cert "$TT_HOME/.ssh/id_ed25519" || return 1
	printf '@cert-authority [127.0.0.1]:%s %s\n' "$SSHD_PORT" \
	    "$(cut -d' ' -f1-2 "$SSHD_DIR/ca.pub")" >"$TT_HOME/.ssh/known_hosts"
	dg_run --no-ssh-config "$SSHD_USER@127.0.0.1:$SSHD_PORT" || return 1
	dg_expect 0 'is not in .*known_hosts yet' \
	    'names a certificate authority for this host, in line 1$' \
	    '@cert-authority ED25519 SHA256:' \
	    'libssh 0\.10 cannot check host certificates' \
	    'id_ed25519 \(its certificate -cert\.pub first\)' || return 1
	printf '@revoked * %s\n' "$(cut -d' ' -f1-2 "$SSHD_DIR/hostkey.pub")" \
	    >>"$TT_HOME/.ssh/known_hosts"
	dg_run --no-ssh-config "$SSHD_USER@127.0.0.1:$SSHD_PORT" || return 1
	dg_expect 6 'The host key of 127\.0\.0\.1 is REVOKED' \
	    'Line 2 of .*known_hosts marks this key @revoked' || return 1
	! grep -q 'offers' "$DG_OUT" || { tt_log "went on past a revoked key"; return 1; }
	dg_no_login
}

test_diagnose_two_factor_profile() {
	sshd_start 2fa || return 1
	dg_home
	sshd_client_setup known
	printf '[Tera Term]\nTCPPort=%s\n[tterm]\nHost=%s@127.0.0.1\n[TTSSH]\nEnabled=1\n' \
	    "$SSHD_PORT" "$SSHD_USER" >"$TT_TOP/2fa.ini"
	dg_run --no-ssh-config -P "$TT_TOP/2fa.ini" || return 1
	dg_expect 0 "Checking $SSHD_USER@127\.0\.0\.1 port $SSHD_PORT" \
	    "The server offers $SSHD_USER: publickey" 'all steps passed' ||
	    return 1
	dg_no_login
}

test_diagnose_jump() {
	sshd_start pubkey || return 1
	J_DIR=$SSHD_DIR J_PORT=$SSHD_PORT
	sshd_start pubkey || return 1
	cp "$J_DIR/userkey.pub" "$SSHD_DIR/authorized_keys"
	dg_home
	SSHD_DIR=$J_DIR sshd_client_setup
	for d in "$J_DIR:$J_PORT" "$SSHD_DIR:$SSHD_PORT"; do
		printf '[127.0.0.1]:%s %s\n' "${d##*:}" \
		    "$(cut -d' ' -f1-2 "${d%:*}/hostkey.pub")"
	done >"$TT_HOME/.ssh/known_hosts"
	dg_run --no-ssh-config -J "$SSHD_USER@127.0.0.1:$J_PORT" \
	    "$SSHD_USER@127.0.0.1:$SSHD_PORT" || return 1
	dg_expect 0 "port $SSHD_PORT by 127\.0\.0\.1 > " \
	    "127\.0\.0\.1 opened a tunnel to 127\.0\.0\.1 port $SSHD_PORT" \
	    '^\[5\] host key: known' "offers $SSHD_USER: publickey" \
	    'all steps passed' || return 1
	# The jump host logged in, the destination did not.
	grep -q 'Accepted publickey' "$J_DIR/sshd.log" || return 1
	dg_no_login || return 1
	# A jump host that is not there: its own step, its own status.
	port=$(sshd_free_port)
	dg_run --no-ssh-config -J "$SSHD_USER@127.0.0.1:$port" \
	    "$SSHD_USER@127.0.0.1:$SSHD_PORT" || return 1
	dg_expect 8 'Connection refused' \
	    "failed at jump host 127\.0\.0\.1: connection refused"
}

test_diagnose_usage() {
	dg_home
	dg_run || return 1
	dg_expect 2 'takes one destination' || return 1
	dg_run --speed 9600 serial:/dev/null || return 1
	dg_expect 2 'checks SSH destinations'
}

command -v sshd >/dev/null || tt_skip "no sshd"
command -v socat >/dev/null || tt_skip "no socat"

tt_run test_diagnose_refused
tt_run test_diagnose_name_not_found
tt_run test_diagnose_blackholed
tt_run test_diagnose_not_ssh
tt_run test_diagnose_no_common_cipher
tt_run test_diagnose_publickey_only
tt_run test_diagnose_changed_key
tt_run test_diagnose_two_factor_profile
tt_run test_diagnose_certificates
tt_run test_diagnose_jump
tt_run test_diagnose_usage
