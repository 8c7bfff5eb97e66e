# tests/sshd.sh: a private OpenSSH sshd on 127.0.0.1 for the SSH tests,
# with its own host key, user key, authorized_keys and PAM configuration
# (bind-mounted over /etc/pam.d/sshd inside a private mount namespace, so
# the machine's files are untouched). Needs root, as sshd does.
#
#   sshd_start MODE    pubkey | 2fa | password | kbdint2 | pubpw | cbc
#                      sets SSHD_DIR, SSHD_PORT, SSHD_PID; SSHD_ADDR is
#                      the address to listen on (127.0.0.1), SSHD_WRAP a
#                      command to run it under (such as nsenter -t PID -n)
#   sshd_launch        the same sshd again (after sshd_stop or a kill)
#   sshd_otp           the current one-time code (2fa), fresh each time
#   sshd_stop

SSHD_OATH_HEX=3132333435363738393031323334353637383930
SSHD_PASSWORD=correct-horse

# A TCP port nobody listens on, from /proc (no extra tools needed).
sshd_free_port() {
	tt_free_port
}

sshd_start() {
	mode=$1
	SSHD_DIR=$(mktemp -d "$TT_TOP/sshd.XXXXXX")
	chmod 755 "$SSHD_DIR"
	ssh-keygen -q -t ed25519 -N '' -C host -f "$SSHD_DIR/hostkey" || return 1
	ssh-keygen -q -t ed25519 -N '' -C user -f "$SSHD_DIR/userkey" || return 1
	cp "$SSHD_DIR/userkey.pub" "$SSHD_DIR/authorized_keys"
	SSHD_PORT=$(sshd_free_port)
	cat >"$SSHD_DIR/sshd_config" <<-CONF
	Port $SSHD_PORT
	ListenAddress ${SSHD_ADDR:-127.0.0.1}
	HostKey $SSHD_DIR/hostkey
	PidFile $SSHD_DIR/sshd.pid
	AuthorizedKeysFile $SSHD_DIR/authorized_keys
	StrictModes no
	LogLevel DEBUG3
	PermitRootLogin yes
	UseDNS no
	LoginGraceTime ${SSHD_GRACE:-20}
	PrintMotd no
	PrintLastLog no
	Banner $SSHD_DIR/banner
	CONF
	printf 'Test server \033]2;evil-title\007of tterm\n' >"$SSHD_DIR/banner"
	case $mode in
	pubkey)
		printf '%s\n' 'UsePAM no' 'PasswordAuthentication no' \
		    'KbdInteractiveAuthentication no' \
		    'AuthenticationMethods publickey' ;;
	2fa)
		printf '%s\n' 'UsePAM yes' 'PasswordAuthentication no' \
		    'KbdInteractiveAuthentication yes' \
		    'AuthenticationMethods publickey,keyboard-interactive' ;;
	password)
		printf '%s\n' 'UsePAM yes' 'PasswordAuthentication yes' \
		    'KbdInteractiveAuthentication no' \
		    'AuthenticationMethods password' ;;
	kbdint2)
		printf '%s\n' 'UsePAM yes' 'PasswordAuthentication no' \
		    'KbdInteractiveAuthentication yes' \
		    'AuthenticationMethods keyboard-interactive' ;;
	pubpw)
		printf '%s\n' 'UsePAM yes' 'PasswordAuthentication yes' \
		    'KbdInteractiveAuthentication no' \
		    'AuthenticationMethods publickey,password' ;;
	cbc)
		printf '%s\n' 'UsePAM no' 'PasswordAuthentication no' \
		    'KbdInteractiveAuthentication no' \
		    'AuthenticationMethods publickey' 'Ciphers aes128-cbc' ;;
	none)
		printf '%s\n' 'UsePAM no' 'PasswordAuthentication no' \
		    'KbdInteractiveAuthentication no' \
		    'AuthenticationMethods publickey' ;;
	esac >>"$SSHD_DIR/sshd_config"
	# Password check for PAM (pam_exec gives the password on stdin).
	cat >"$SSHD_DIR/checkpw.sh" <<-CHK
	#!/bin/sh
	read -r pw
	[ "\$pw" = "$SSHD_PASSWORD" ]
	CHK
	chmod 755 "$SSHD_DIR/checkpw.sh"
	case $mode in
	2fa)
		auth="auth required pam_oath.so usersfile=$SSHD_DIR/users.oath window=3 digits=6" ;;
	kbdint2)
		auth="auth requisite pam_exec.so quiet expose_authtok $SSHD_DIR/checkpw.sh
auth required pam_oath.so usersfile=$SSHD_DIR/users.oath window=3 digits=6" ;;
	*)
		auth="auth requisite pam_exec.so quiet expose_authtok $SSHD_DIR/checkpw.sh" ;;
	esac
	printf '%s\n' "$auth" 'account required pam_permit.so' \
	    'session required pam_permit.so' 'password required pam_deny.so' \
	    >"$SSHD_DIR/pam.sshd"
	sshd_oath_reset
	sshd_launch
}

# Run sshd on SSHD_DIR's files (again after sshd_stop or a kill: same port
# and host key) and wait until it listens.
sshd_launch() {
	rm -f "$SSHD_DIR/sshd.log"
	if unshare --mount --propagation private true 2>/dev/null; then
		# shellcheck disable=SC2016
		${SSHD_WRAP:-} unshare --mount --propagation private -- sh -c '
		    mount -t tmpfs -o mode=0755 tmpfs /run &&
		    mkdir -m 0755 /run/sshd &&
		    mount --bind "$1/pam.sshd" /etc/pam.d/sshd &&
		    exec /usr/sbin/sshd -D -E "$1/sshd.log" -f "$1/sshd_config"' \
		    sh "$SSHD_DIR" &
		SSHD_PID=$!
	else
		# No namespaces here: sshd's PAM service is its program name,
		# so a link with a name of its own gets a PAM file of its own.
		install -d -m 0755 /run/sshd
		SSHD_PAM=/etc/pam.d/sshd-tterm-$SSHD_PORT
		cp "$SSHD_DIR/pam.sshd" "$SSHD_PAM"
		ln -sf /usr/sbin/sshd "$SSHD_DIR/sshd-tterm-$SSHD_PORT"
		${SSHD_WRAP:-} "$SSHD_DIR/sshd-tterm-$SSHD_PORT" -D -E "$SSHD_DIR/sshd.log" \
		    -f "$SSHD_DIR/sshd_config" &
		SSHD_PID=$!
	fi
	tt_until 'grep -q "Server listening" "$SSHD_DIR/sshd.log" 2>/dev/null' \
	    10 "sshd to listen" "" || { cat "$SSHD_DIR/sshd.log" >&2; return 1; }
}

# pam_oath refuses a code twice: a fresh users file before each login.
sshd_oath_reset() {
	printf 'HOTP/T30/6\troot\t-\t%s\n' "$SSHD_OATH_HEX" >"$SSHD_DIR/users.oath"
}

sshd_otp() {
	oathtool --totp "$SSHD_OATH_HEX"
}

# Put the user key where tterm looks by default, and (optionally) the
# host key in known_hosts.
sshd_client_setup() {
	mkdir -p "$TT_HOME/.ssh"
	chmod 700 "$TT_HOME/.ssh"
	cp "$SSHD_DIR/userkey" "$TT_HOME/.ssh/id_ed25519"
	chmod 600 "$TT_HOME/.ssh/id_ed25519"
	if [ "${1:-}" = known ]; then
		printf '[127.0.0.1]:%s %s\n' "$SSHD_PORT" \
		    "$(cut -d' ' -f1-2 "$SSHD_DIR/hostkey.pub")" \
		    >"$TT_HOME/.ssh/known_hosts"
	fi
}

sshd_stop() {
	[ -n "${SSHD_PID:-}" ] || return 0
	pkill -TERM -P "$SSHD_PID" 2>/dev/null
	kill "$SSHD_PID" 2>/dev/null
	wait "$SSHD_PID" 2>/dev/null
	SSHD_PID=
	if [ -n "${SSHD_PAM:-}" ]; then
		rm -f "$SSHD_PAM"
		SSHD_PAM=
	fi
}
