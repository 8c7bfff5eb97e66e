# tests/sshd.sh: a private OpenSSH sshd on 127.0.0.1 for the SSH tests,
# with its own host key, user key, authorized_keys and PAM configuration.
# Needs root, as sshd does.
#
# Where a private mount namespace with an overlay on /etc can be had, sshd
# runs in one: the PAM file is written there, and the tests log in as a
# throw-away user ($SSHD_USER, tterm-test) added there, with a clean home
# under the sshd's folder, /bin/sh and a known prompt; the machine's files
# and users are untouched. Elsewhere (a container without CAP_SYS_ADMIN, a
# chroot) sshd runs under a name of its own, which is its PAM service
# name, with a PAM file of that name, and the tests log in as root.
#
#   sshd_start MODE    pubkey | 2fa | password | kbdint2 | pubpw | cbc |
#                      cert (publickey; user certificates of the CA
#                      $SSHD_DIR/ca are trusted, and the host key has a
#                      certificate of that CA, hostkey-cert.pub)
#                      sets SSHD_DIR, SSHD_PORT, SSHD_PID; SSHD_ADDR is
#                      the address to listen on (127.0.0.1), SSHD_WRAP a
#                      command to run it under (such as nsenter -t PID -n),
#                      SSHD_SFTP its Subsystem line (empty: no SFTP)
#   sshd_launch        the same sshd again (after sshd_stop or a kill)
#   sshd_otp           the current one-time code (2fa), fresh each time
#   sshd_pids          the sshd processes serving connections
#   sshd_stop

SSHD_OATH_HEX=3132333435363738393031323334353637383930
SSHD_PASSWORD=correct-horse

# Set up the namespace for sshd: a tmpfs on /run (with sshd's privilege
# separation folder), /etc as an overlay kept in it, the PAM file and the
# test user written there. Run by sh -c with $1 = SSHD_DIR, $2 = the user.
# useradd: no home made (the folder is ours), no lastlog or faillog entry
# (those are outside /etc), '*' as password: locked accounts cannot log in
# even with a key.
SSHD_NS_SETUP='
	mount -t tmpfs -o mode=0755 tmpfs /run &&
	mkdir -m 0755 /run/sshd /run/etc /run/etc/upper /run/etc/work &&
	mount -t overlay overlay -o \
	    lowerdir=/etc,upperdir=/run/etc/upper,workdir=/run/etc/work /etc &&
	cp "$1/pam.sshd" /etc/pam.d/sshd &&
	{ [ -z "$2" ] || {
		useradd -M -l -d "$1/home" -s /bin/sh -p "*" "$2" &&
		chown -R "$2:" "$1/home"; }; }'

# Whether sshd can run in such a namespace here: try it once.
sshd_ns_works() {
	[ "$(id -u)" = 0 ] && command -v useradd >/dev/null || return 1
	probe=$(mktemp -d "$TT_TOP/probe.XXXXXX")
	mkdir "$probe/home" && : >"$probe/pam.sshd" &&
	    unshare --mount --propagation private -- sh -c "$SSHD_NS_SETUP" \
	    sh "$probe" tterm-test >/dev/null 2>&1
	probe_rc=$?
	rm -rf "$probe"
	return $probe_rc
}

if sshd_ns_works; then
	SSHD_NS=1
	SSHD_USER=tterm-test
else
	SSHD_NS=
	SSHD_USER=root
fi
export SSHD_USER

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
	${SSHD_SFTP-Subsystem sftp internal-sftp}
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
	cert)
		sshd_ca || return 1
		printf '%s\n' 'UsePAM no' 'PasswordAuthentication no' \
		    'KbdInteractiveAuthentication no' \
		    'AuthenticationMethods publickey' \
		    "TrustedUserCAKeys $SSHD_DIR/ca.pub" \
		    "HostCertificate $SSHD_DIR/hostkey-cert.pub" ;;
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

# A certificate authority for the cert mode, and the host key's
# certificate from it.
sshd_ca() {
	ssh-keygen -q -t ed25519 -N '' -C ca -f "$SSHD_DIR/ca" \
	    </dev/null >/dev/null || return 1
	ssh-keygen -q -s "$SSHD_DIR/ca" -h -I tterm-host -n 127.0.0.1 \
	    "$SSHD_DIR/hostkey.pub" </dev/null >/dev/null 2>&1
}

# sshd_cert KEY [VALIDITY]: sign KEY.pub with the cert mode's CA for
# $SSHD_USER (ssh-keygen -V's window, +1h if not given): KEY-cert.pub.
sshd_cert() {
	ssh-keygen -q -s "$SSHD_DIR/ca" -I tterm-user -n "$SSHD_USER" \
	    -V "${2:-+1h}" "$1.pub" </dev/null >/dev/null 2>&1
}

# Run sshd on SSHD_DIR's files (again after sshd_stop or a kill: same port
# and host key) and wait until it listens.
sshd_launch() {
	rm -f "$SSHD_DIR/sshd.log"
	if [ -n "$SSHD_NS" ]; then
		# The user reads authorized_keys and its home under TT_TOP.
		chmod 711 "$TT_TOP"
		sshd_home
		# shellcheck disable=SC2016
		${SSHD_WRAP:-} unshare --mount --propagation private -- sh -c \
		    "$SSHD_NS_SETUP"' &&
		    exec /usr/sbin/sshd -D -E "$1/sshd.log" -f "$1/sshd_config"' \
		    sh "$SSHD_DIR" "$SSHD_USER" &
		SSHD_PID=$!
	else
		# No namespaces here: sshd's PAM service is its program name,
		# so a link with a name of its own gets a PAM file of its own.
		# The name is unique to this sshd (the sshds of the jump tests
		# have the same port in different network namespaces), and in
		# lower case: PAM looks for the service's file in lower case.
		install -d -m 0755 /run/sshd
		name=sshd-tterm-$(printf '%s' "${SSHD_DIR##*.}" | tr 'A-Z' 'a-z')
		cp "$SSHD_DIR/pam.sshd" "/etc/pam.d/$name"
		ln -sf /usr/sbin/sshd "$SSHD_DIR/$name"
		${SSHD_WRAP:-} "$SSHD_DIR/$name" -D -E "$SSHD_DIR/sshd.log" \
		    -f "$SSHD_DIR/sshd_config" &
		SSHD_PID=$!
		echo "/etc/pam.d/$name" >"$TT_TOP/pam.$SSHD_PID"
	fi
	tt_until 'grep -q "Server listening" "$SSHD_DIR/sshd.log" 2>/dev/null' \
	    10 "sshd to listen" "" || { cat "$SSHD_DIR/sshd.log" >&2; return 1; }
}

# The test user's home: nothing of root's, a shell prompt that the tests
# can match (user@host$).
sshd_home() {
	mkdir -p -m 0755 "$SSHD_DIR/home"
	# shellcheck disable=SC2016
	printf '%s\n' 'PS1="$(id -un)@$(uname -n)\$ "' >"$SSHD_DIR/home/.profile"
}

# pam_oath refuses a code twice: a fresh users file before each login.
sshd_oath_reset() {
	printf 'HOTP/T30/6\t%s\t-\t%s\n' "$SSHD_USER" "$SSHD_OATH_HEX" \
	    >"$SSHD_DIR/users.oath"
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

# The processes below the listener: one per connection, and for a user
# other than root its unprivileged child, which talks to the client.
sshd_pids() {
	for p in $(pgrep -P "$SSHD_PID"); do
		echo "$p"
		pgrep -P "$p"
	done
}

# Stop the sshd of SSHD_PID and its connections; without namespaces,
# remove its PAM file.
sshd_stop() {
	[ -n "${SSHD_PID:-}" ] || return 0
	pkill -TERM -P "$SSHD_PID" 2>/dev/null
	kill "$SSHD_PID" 2>/dev/null
	wait "$SSHD_PID" 2>/dev/null
	if [ -f "$TT_TOP/pam.$SSHD_PID" ]; then
		rm -f "$(cat "$TT_TOP/pam.$SSHD_PID")" "$TT_TOP/pam.$SSHD_PID"
	fi
	SSHD_PID=
}
