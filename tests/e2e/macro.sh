# macro.sh: Tera Term macros (TTL) through the real UI against real peers:
# Tera Term's own ssh2login.ttl, a password login with connect /passwd=,
# a key login whose one-time code is typed into the form while the macro
# waits, a serial console login with a configuration captured to a file
# (StartupMacro of a profile), a loop over hosts read from a file with a
# log per host, errors that stop one macro only, the stop key and the
# prefix m form.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"
. "$(dirname "$0")/../socat.sh"

DATA=$(cd "$(dirname "$0")/../data/teraterm" && pwd)

tt_test_cleanup() {
	sshd_stop
	serial_stop
	[ -n "${SRV_PID:-}" ] && kill "$SRV_PID" 2>/dev/null
	[ -n "${CONSOLE_PID:-}" ] && kill "$CONSOLE_PID" 2>/dev/null
	return 0
}

macro_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
	MDIR=$(mktemp -d "$TT_TOP/macros.XXXXXX")
}

# A local shell tab (FileDir=$dl) that runs macro FILE (prefix m).
macro_local_tab() {
	tt_start 100 30 -o "FileDir=$dl" -e 'exec sh' || return 1
	tt_wait_re '^\$' || return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$1"
	tt_keys Enter
}

remote_prompt() {
	tt_wait_re "$SSHD_USER"'@[^ ]*[#$] ?$' 15
}

# No file tterm wrote holds the secret.
no_secret_in_files() {
	if grep -rlF -- "$1" "$TT_HOME" 2>/dev/null; then
		tt_log "the secret is in a file above"
		return 1
	fi
	return 0
}

# Tera Term's sample, pointed at the test server: passwordbox asks (the
# form in the tab), connect logs in with /auth=password /passwd=.
test_macro_ssh2login_sample() {
	sshd_start password || return 1
	macro_home
	sshd_client_setup known
	sed -e "s/'nike'/'$SSHD_USER'/" -e "s/'192.168.1.3'/'127.0.0.1'/" \
	    -e "s/':22 /':$SSHD_PORT /" "$DATA/ssh2login.ttl" \
	    >"$MDIR/ssh2login.ttl"
	tt_start 100 30 --macro "$MDIR/ssh2login.ttl" || return 1
	tt_wait "Enter password for user $SSHD_USER" 10 || return 1
	tt_wait 'Get password' || return 1
	tt_row 29 | grep -q 'MACRO ssh2login.ttl: passwordbox' || return 1
	tt_type "$SSHD_PASSWORD"
	tt_screen | grep -qF "$SSHD_PASSWORD" && { tt_log "echoed"; return 1; }
	tt_keys Enter
	remote_prompt || return 1
	tt_type 'echo sample-$((6*7))'
	tt_keys Enter
	tt_wait_re '^sample-42' || return 1
	grep -q "Accepted password for $SSHD_USER" "$SSHD_DIR/sshd.log" || return 1
	no_secret_in_files "$SSHD_PASSWORD"
}

# A login macro of the usual shape: connect with the password, wait for
# the prompt, run commands, wait for their output.
test_macro_password_login() {
	sshd_start password || return 1
	macro_home
	sshd_client_setup known
	cat >"$MDIR/login.ttl" <<-EOF
	; password login
	timeout = 20
	connect '127.0.0.1:$SSHD_PORT /ssh /auth=password /user=$SSHD_USER /passwd=$SSHD_PASSWORD'
	if result <> 2 goto fail
	wait '\$ ' '# '
	sendln 'echo macro-\$((6*7))'
	wait 'macro-42'
	if result = 0 goto fail
	int2str s result
	wait '\$ ' '# '
	sendln 'echo result-was-' s
	end
	:fail
	dispstr 'MACRO-FAILED'
	EOF
	tt_start 100 30 --macro "$MDIR/login.ttl" || return 1
	tt_wait_re '^result-was-1' 20 || return 1
	tt_screen | grep -q 'MACRO-FAILED' && return 1
	# The macro has ended: the status bar is the connection's again.
	tt_until '! tt_row 29 | grep -q MACRO' 5 'the macro to end' '' ||
	    return 1
	tt_type 'echo by-hand'
	tt_keys Enter
	tt_wait_re '^by-hand' || return 1
	no_secret_in_files "$SSHD_PASSWORD"
}

# Key, then a one-time code: the macro's connect waits for the login while
# the user types the code into the form; the status bar says so.
test_macro_2fa_form() {
	sshd_start 2fa || return 1
	macro_home
	sshd_client_setup known
	cat >"$MDIR/twofa.ttl" <<-EOF
	connect '127.0.0.1:$SSHD_PORT /ssh /user=$SSHD_USER'
	timeout = 60
	wait '\$ ' '# '
	sendln 'echo after-code-\$((6*7))'
	wait 'after-code-42'
	EOF
	tt_start 100 30 -e 'exec sh' --macro "$MDIR/twofa.ttl" || return 1
	tt_wait 'One-time password (OATH)' 15 || return 1
	# connect waits for the login, which waits for the code.
	tt_wait 'MACRO twofa.ttl: connect' || return 1
	# The other tab types meanwhile.
	tt_prefix 2
	tt_wait_re '^ 1\+?:.* 2\*:' || return 1
	tt_type 'echo other-tab-ok'
	tt_keys Enter
	tt_wait_re '^other-tab-ok' || return 1
	tt_prefix 1
	tt_wait 'One-time password (OATH)' || return 1
	tt_type "$(sshd_otp)"
	tt_keys Enter
	remote_prompt || return 1
	tt_wait_re '^after-code-42' 10 || return 1
	tt_until '! tt_row 29 | grep -q MACRO' 5 'the macro to end' ''
}

# A console at the other end of a socat pair: a login, a prompt, a
# configuration listing ending in "end".
console_start() {
	(
		printf 'Switch console\r\nlogin: '
		IFS= read -r u
		printf '%s\n' "$u" >"$SER/user"
		printf '\r\nPassword: '
		IFS= read -r p
		printf '%s\n' "$p" >"$SER/pass"
		printf '\r\nsw1# '
		IFS= read -r c
		printf '%s\n' "$c" >"$SER/cmd"
		printf '\r\nhostname sw1\r\ninterface eth0\r\n ip address'
		printf ' 10.0.0.1/24\r\nend\r\nsw1# '
		sleep 60
	) <"$SER/dev" >"$SER/dev" &
	CONSOLE_PID=$!
}

# A serial profile's StartupMacro logs in to the console and captures
# `show running-config` to a file, line by line, up to "end".
test_macro_serial_console() {
	serial_start || return 1
	macro_home
	mkdir -p "$TT_HOME/.config/tterm/profiles"
	cat >"$MDIR/console.ttl" <<-EOF
	timeout = 10
	wait 'login:'
	sendln 'admin'
	wait 'Password:'
	sendln 'console-pw'
	wait '#'
	sendln 'show running-config'
	filecreate fh 'config.txt'
	do
	  recvln
	  if result = 0 break
	  strcompare inputstr 'end'
	  if result = 0 break
	  filewriteln fh inputstr
	loop
	fileclose fh
	dispstr 'CAPTURED'
	EOF
	cat >"$TT_HOME/.config/tterm/profiles/console.ini" <<-EOF
	[Tera Term]
	Port=serial
	BaudRate=115200
	CRSend=CRLF
	StartupMacro=$MDIR/console.ttl
	[tterm]
	Device=$TTY
	EOF
	console_start
	tt_start 100 30 -P console || return 1
	tt_wait 'CAPTURED' 15 || return 1
	grep -q '^admin' "$SER/user" || return 1
	grep -q '^console-pw' "$SER/pass" || return 1
	grep -q '^show running-config' "$SER/cmd" || return 1
	grep -q '^hostname sw1' "$MDIR/config.txt" || return 1
	grep -q '^ ip address 10.0.0.1/24' "$MDIR/config.txt" || return 1
	! grep -q '^end' "$MDIR/config.txt"
}

# Hosts read from a file: each logged into in turn in the macro's tab (the
# tab connects again after the session ends), a log per host.
test_macro_hosts_loop() {
	sshd_start pubkey || return 1
	macro_home
	sshd_client_setup known
	# The same server twice (a fresh machine may not know localhost).
	printf '127.0.0.1\n127.0.0.1\n' >"$MDIR/hosts.txt"
	cat >"$MDIR/loop.ttl" <<-EOF
	timeout = 20
	fileopen hf 'hosts.txt' 0 1
	n = 0
	while 1
	  filereadln hf host
	  if result break
	  sprintf2 line '%s:%d /ssh /user=%s' host $SSHD_PORT '$SSHD_USER'
	  connect line
	  wait '\$ ' '# '
	  sendln 'echo ===\$((40+2))=== ' host
	  waitln '===42==='
	  sprintf2 name 'log-%d-%s.txt' n host
	  filecreate lf name
	  filewriteln lf inputstr
	  fileclose lf
	  sendln 'exit'
	  waitevent 4
	  n = n + 1
	endwhile
	fileclose hf
	sprintf2 msg 'HOSTS-DONE-%d' n
	dispstr msg
	EOF
	tt_start 100 30 --macro "$MDIR/loop.ttl" || return 1
	tt_wait 'HOSTS-DONE-2' 40 || return 1
	grep -q '^===42=== 127.0.0.1' "$MDIR/log-0-127.0.0.1.txt" || return 1
	grep -q '^===42=== 127.0.0.1' "$MDIR/log-1-127.0.0.1.txt" || return 1
	[ "$(grep -c "Accepted publickey for $SSHD_USER" "$SSHD_DIR/sshd.log")" \
	    -ge 2 ]
}

# Prefix m runs a macro in the visible tab; an error stops that macro
# only, saying where, and the tabs go on.
test_macro_error_other_tabs() {
	macro_home
	cat >"$MDIR/bad.ttl" <<-EOF
	x = 1
	sendln 'echo first-line-ran'
	y = nosuchvariable + 1
	sendln 'echo never'
	EOF
	tt_start 100 30 -e 'exec sh' -e 'exec sh' || return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$MDIR/bad.ttl"
	tt_keys Enter
	tt_wait_re '^first-line-ran' || return 1
	tt_wait "[bad.ttl stopped: bad.ttl:3: y =" || return 1
	tt_wait "'nosuchvariable' is not defined]" || return 1
	tt_screen | grep -q '^never' && return 1
	tt_type 'echo this-tab-ok'
	tt_keys Enter
	tt_wait_re '^this-tab-ok' || return 1
	tt_prefix 1
	tt_wait_re '^ 1\*:' || return 1
	tt_type 'echo tab-one-ok'
	tt_keys Enter
	tt_wait_re '^tab-one-ok' || return 1
	# The form remembers the file.
	tt_prefix 2
	tt_prefix m
	tt_wait "$MDIR/bad.ttl" || return 1
	tt_keys Escape
	tt_wait_gone 'Run a macro'
}

# A waiting macro shows its wait and the time left; prefix . stops it,
# and a waitregex sets its groups.
test_macro_stop_and_regex() {
	macro_home
	cat >"$MDIR/w.ttl" <<-EOF
	sendln 'echo "user""42@box"'
	waitregex 'user([0-9]+)@(\w+)'
	sprintf2 s 'GROUPS-%s-%s' groupmatchstr1 groupmatchstr2
	dispstr s
	timeout = 100
	wait 'never-comes'
	EOF
	tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$MDIR/w.ttl"
	tt_keys Enter
	tt_wait 'GROUPS-42-box' 10 || return 1
	tt_wait_re "MACRO w.ttl: wait 'never-comes' \\((99|100) s\\)" ||
	    return 1
	tt_prefix .
	tt_wait 'macro stopped' || return 1
	tt_until '! tt_row 29 | grep -q MACRO' 5 'the status to go' '' ||
	    return 1
	tt_type 'echo still-typing'
	tt_keys Enter
	tt_wait_re '^still-typing'
}

# A macro busy with slow statements (a regular expression that backtracks
# over a long string, half a millisecond each) gives the loop its turn
# after a few milliseconds, not after 20,000 of them (ten seconds): the
# other tab echoes at once, and the macro is still running.
test_macro_busy_keeps_keys() {
	macro_home
	cat >"$MDIR/busy.ttl" <<-EOF
	s = ''
	for i 1 511
	  strconcat s 'a'
	next
	dispstr 'BUSY-START'
	while 1
	  strmatch s '(?:a+)+[^a]'
	endwhile
	EOF
	tt_start 100 30 -e 'exec sh' -e 'exec sh' || return 1
	tt_wait_re '^\$' || return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$MDIR/busy.ttl"
	tt_keys Enter
	tt_wait 'BUSY-START' 10 || return 1
	tt_prefix 2
	tt_wait_re '^ 1\+?:.* 2\*:' 3 || return 1
	tt_type 'echo typed-while-busy'
	tt_keys Enter
	tt_wait_re '^typed-while-busy' 3 || return 1
	tt_prefix 1
	tt_wait_re 'MACRO busy.ttl' 3 || return 1
	tt_prefix .
	tt_wait 'macro stopped' 5
}

# Tera Term's login.ttl shape: getpassword asks the first time (a form)
# and keeps the password in its file, hidden; the second run takes it
# from there without asking. The session goes to a log (logopen,
# logwrite, logclose), mode 0600.
test_macro_password_file_and_log() {
	sshd_start password || return 1
	macro_home
	sshd_client_setup known
	cat >"$MDIR/pw.ttl" <<-EOF
	getpassword 'password.dat' 'server1' pw
	if result = 0 goto fail
	logopen 'session.log' 0 0 1
	logwrite 'macro-marker'#13#10
	msg = '127.0.0.1:$SSHD_PORT /ssh /auth=password /user=$SSHD_USER /passwd='
	strconcat msg pw
	connect msg
	timeout = 20
	wait '\$ ' '# '
	sendln 'echo logged-\$((6*7))'
	wait 'logged-42'
	logclose
	dispstr 'PW-MACRO-DONE'
	end
	:fail
	dispstr 'PW-MACRO-FAILED'
	EOF
	tt_start 100 30 --macro "$MDIR/pw.ttl" || return 1
	tt_wait 'server1' 10 || return 1
	tt_type "$SSHD_PASSWORD"
	tt_keys Enter
	tt_wait 'PW-MACRO-DONE' 20 || return 1
	grep -q '^\[Password\]' "$MDIR/password.dat" ||
	    { tt_log "no [Password] in the file"; return 1; }
	grep -qF "$SSHD_PASSWORD" "$MDIR/password.dat" && {
		tt_log "the password is in the clear"; return 1; }
	grep -q 'macro-marker' "$MDIR/session.log" &&
	    grep -q 'logged-42' "$MDIR/session.log" || {
		tt_log "the log has:"; sed 's/^/    > /' "$MDIR/session.log" >&2
		return 1; }
	[ "$(stat -c %a "$MDIR/session.log")" = 600 ] &&
	    [ "$(stat -c %a "$MDIR/password.dat")" = 600 ] ||
	    { tt_log "modes: $(stat -c '%n %a' "$MDIR"/*)"; return 1; }
	tt_prefix q
	tt_wait 'Quit tterm?' && tt_keys y
	tt_wait_exit 10 || return 1
	# Again: no form this time.
	tt_start 100 30 --macro "$MDIR/pw.ttl" || return 1
	tt_wait 'PW-MACRO-DONE' 20 || return 1
	[ "$(grep -c "Accepted password for $SSHD_USER" "$SSHD_DIR/sshd.log")" \
	    -ge 2 ] || { tt_log "not two logins"; return 1; }
}

# exec runs a command in the macro's folder, away from the screen; with
# wait, the macro goes on when it ends, its exit status in result. The
# tab types meanwhile.
test_macro_exec() {
	macro_home
	cat >"$MDIR/ex.ttl" <<-EOF
	exec 'sleep 1; echo from-exec > exec-out.txt; exit 3' 'hide' 1
	int2str s result
	strconcat s '-END'
	sprintf2 m 'EXEC-RESULT-%s' s
	dispstr m
	EOF
	tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$MDIR/ex.ttl"
	tt_keys Enter
	tt_wait 'MACRO ex.ttl: exec' || return 1
	tt_type 'echo typing-meanwhile'
	tt_keys Enter
	tt_wait_re '^typing-meanwhile' || return 1
	tt_wait 'EXEC-RESULT-3-END' 10 || return 1
	grep -q '^from-exec' "$MDIR/exec-out.txt" || return 1
	tt_screen | grep -q 'from-exec' && return 1
	return 0
}

# A scripted peer for Tera Term's samples, run with its input and output
# on the line: it reads a line (to CR or LF, telnet's negotiation and NULs
# left out) with peer_line, answers with printf, and notes in $PEER/log.
peer_script() {
	cat >"$1" <<-'EOF'
	peer_line() {
		line=
		while :; do
			c=$(dd bs=1 count=1 2>/dev/null | od -An -tu1 | tr -d ' ')
			[ -n "$c" ] || exit 0
			case $c in
			10|13) [ -n "$line" ] && break ;;
			0|255|251|252|253|254|1|3|24|31) ;;
			*) line="$line$(printf "\\$(printf %o "$c")")" ;;
			esac
		done
		printf '%s\n' "$line" >>"$PEER_LOG"
	}
	EOF
	cat >>"$1"
}

# Tera Term's login.ttl: a telnet login whose password getpassword asks
# for once and keeps; the sample's host pointed at a scripted server.
test_macro_login_sample() {
	command -v socat >/dev/null || { tt_skip "socat is not installed"; return 1; }
	macro_home
	PEER=$MDIR
	PEER_LOG=$PEER/log
	export PEER_LOG
	port=$(tt_free_port 5)
	peer_script "$PEER/server.sh" <<-'EOF'
	printf 'Welcome\r\nUsername: '
	peer_line
	printf '\r\nPassword: '
	peer_line
	printf '\r\nlogged in\r\n$ '
	sleep 30
	EOF
	socat TCP-LISTEN:"$port",bind=127.0.0.1,reuseaddr \
	    SYSTEM:"sh $PEER/server.sh" 2>"$PEER/socat.log" &
	SRV_PID=$!
	tt_listening "$port" || return 1
	sed "s|'myhost.mydomain'|'127.0.0.1:$port /nossh /T=1'|" \
	    "$DATA/login.ttl" >"$MDIR/login.ttl"
	tt_start 100 30 --macro "$MDIR/login.ttl" || return 1
	tt_wait 'mypassword' 10 || return 1
	tt_type 'sample-secret'
	tt_keys Enter
	tt_wait 'logged in' 10 || return 1
	tt_until 'grep -q "^sample-secret" "$PEER_LOG"' 5 'the password' '' ||
	    return 1
	grep -q '^MYNAME' "$PEER_LOG" || return 1
	grep -q '^\[Password\]' "$MDIR/password.dat" || return 1
	! grep -q 'sample-secret' "$MDIR/password.dat"
}

# Tera Term's dialup.ttl on a serial line: a scripted modem (ATZ, ATD,
# CONNECT) and the login behind it; COM1 pointed at a socat pair.
test_macro_dialup_sample() {
	serial_start || return 1
	macro_home
	PEER_LOG=$MDIR/log
	export PEER_LOG
	peer_script "$MDIR/modem.sh" <<-'EOF'
	peer_line
	printf '\r\nOK\r\n'
	peer_line
	printf '\r\nCONNECT 9600\r\nUsername: '
	peer_line
	printf '\r\nPassword: '
	peer_line
	printf '\r\nwelcome\r\n'
	sleep 30
	EOF
	sh "$MDIR/modem.sh" <"$SER/dev" >"$SER/dev" &
	CONSOLE_PID=$!
	sed "s|'/C=1'|'serial:$TTY /BAUD=9600'|" "$DATA/dialup.ttl" \
	    >"$MDIR/dialup.ttl"
	tt_start 100 30 --macro "$MDIR/dialup.ttl" || return 1
	tt_wait 'mypassword' 10 || return 1
	tt_type 'dial-pw'
	tt_keys Enter
	tt_wait 'welcome' 15 || return 1
	tt_until 'grep -q "^dial-pw" "$PEER_LOG"' 5 'the password' '' || return 1
	sed -n 1p "$PEER_LOG" | grep -q '^ATZ' || return 1
	sed -n 2p "$PEER_LOG" | grep -q '^ATD0000000000' || return 1
	sed -n 3p "$PEER_LOG" | grep -q '^MYNAME'
}

# setsync 1: a flood the macro has not read yet holds the tab (the
# program waits) instead of being dropped, so the first line is still
# there after a pause; then
# setexitcode and closett of the last tab: tterm ends with that status.
test_macro_setsync_exitcode() {
	macro_home
	cat >"$MDIR/sync.ttl" <<-'EOF'
	connect ''
	setsync 1
	timeout = 10
	wait '$ ' '# '
	sendln 'seq 1 60000 | sed s/^/L/; : >@DONE@'
	mpause 4000
	waitregex '^L1$'
	if result = 0 goto fail
	filecreate h 'first.txt'
	filewriteln h inputstr
	fileclose h
	setsync 0
	mpause 500
	setexitcode 7
	closett
	end
	:fail
	setexitcode 3
	closett
	EOF
	sed -i "s|@DONE@|$MDIR/done|" "$MDIR/sync.ttl"
	tt_start 100 30 --macro "$MDIR/sync.ttl" || return 1
	# The flood starts, then waits for the macro: no "done" meanwhile.
	tt_wait_re '^L[0-9]+$' 10 || return 1
	held_until=$(( $(date +%s%N) / 1000000 + 2000 ))
	while [ "$(( $(date +%s%N) / 1000000 ))" -lt "$held_until" ]; do
		[ -e "$MDIR/done" ] && { tt_log "the flood was not held"; return 1; }
		sleep 0.05
	done
	tt_wait_exit 20 || return 1
	[ "$(tt_exit_status)" = 7 ] || {
		tt_log "exit status $(tt_exit_status)"; return 1; }
	grep -q '^L1.$' "$MDIR/first.txt"
}

# Tera Term's /auth=challenge with /passwd=: the password answers the
# server's first question (keyboard-interactive), the one-time code after
# it is typed into the form while the macro waits; the macro was started
# Tera Term's way, /M= with the destination on the command line... and
# its connect finds the tab connected (result 2, nothing done).
test_macro_challenge_tt_cmdline() {
	sshd_start kbdint2 || return 1
	macro_home
	sshd_client_setup known
	cat >"$MDIR/chal.ttl" <<-EOF
	connect 'ignored-host /ssh'
	int2str s result
	timeout = 60
	wait '\$ ' '# '
	sendln 'echo connect-result-' s '-ok'
	EOF
	tt_start 100 30 "/M=$MDIR/chal.ttl" 127.0.0.1:$SSHD_PORT /ssh \
	    /auth=challenge "/user=$SSHD_USER" "/passwd=$SSHD_PASSWORD" || return 1
	tt_wait 'One-time password (OATH)' 15 || return 1
	tt_screen | grep -q 'Password:' && { tt_log "asked the password"; return 1; }
	tt_row 29 | grep -q 'MACRO chal.ttl: wait' || return 1
	tt_type "$(sshd_otp)"
	tt_keys Enter
	tt_wait_re '^connect-result-2-ok' 15 || return 1
	no_secret_in_files "$SSHD_PASSWORD"
}

# Arguments after --macro FILE: param2 on, paramcnt, params[].
test_macro_params() {
	macro_home
	cat >"$MDIR/p.ttl" <<-'EOF'
	sprintf2 s 'P-%d-%s-%s-%s' paramcnt param2 param3 params[3]
	connect ''
	wait '$ ' '# '
	sendln 'echo ' s
	EOF
	tt_start 100 30 --macro "$MDIR/p.ttl" first 'sec ond' || return 1
	tt_wait_re '^P-3-first-sec ond-sec ond$' 10
}

# connect to a host of ~/.ssh/config that goes through a jump host
# (ProxyJump, here the same server): two logins, one shell.
test_macro_jump_from_config() {
	sshd_start pubkey || return 1
	macro_home
	sshd_client_setup known
	cat >"$TT_HOME/.ssh/config" <<-EOF
	Host target
	    HostName 127.0.0.1
	    Port $SSHD_PORT
	    User $SSHD_USER
	    ProxyJump $SSHD_USER@127.0.0.1:$SSHD_PORT
	EOF
	cat >"$MDIR/jump.ttl" <<-'EOF'
	connect 'target /ssh /auth=publickey'
	timeout = 20
	wait '$ ' '# '
	sendln 'echo jumped-$((6*7))'
	EOF
	tt_start 100 30 --macro "$MDIR/jump.ttl" || return 1
	tt_wait_re '^jumped-42' 20 || return 1
	[ "$(grep -c "Accepted publickey for $SSHD_USER" "$SSHD_DIR/sshd.log")" \
	    -ge 2 ]
}

# unlink: the macro leaves its tab, which goes on; its connect then opens
# a tab of its own.
test_macro_unlink() {
	macro_home
	cat >"$MDIR/u.ttl" <<-'EOF'
	unlink
	testlink
	int2str s result
	connect ''
	wait '$ ' '# '
	sendln 'echo unlinked-' s '-new-tab'
	EOF
	tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$MDIR/u.ttl"
	tt_keys Enter
	tt_wait_re '^ 1\+?:exec sh \| 2\*:' 10 || return 1
	tt_wait_re '^unlinked-0-new-tab' 10 || return 1
	tt_prefix 1
	tt_type 'echo first-tab-ok'
	tt_keys Enter
	tt_wait_re '^first-tab-ok'
}

# The macro form shows the last macro selected: what is typed replaces it
# (it went in front: "b.ttla.ttl"). A macro run by a relative name is
# kept in the recent ones by its whole path.
test_macro_form_recent() {
	macro_home
	printf '%s\n' "sendln 'echo ran-a'" >"$MDIR/a.ttl"
	printf '%s\n' "sendln 'echo ran-b'" >"$MDIR/b.ttl"
	cd "$MDIR" || return 1
	tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type 'a.ttl'
	tt_keys Enter
	tt_wait_re '^ran-a' || return 1
	[ "$(head -n 1 "$TT_HOME/.config/tterm/macros")" = "$MDIR/a.ttl" ] ||
	    { tt_log "kept: $(head -n 1 "$TT_HOME/.config/tterm/macros")"; return 1; }
	tt_prefix m
	tt_wait_re "Macro file +$MDIR/a.ttl" || return 1
	tt_type 'b.ttl'
	tt_keys Enter
	tt_wait_re '^ran-b'
}

# A message wider than the screen wraps at spaces, as in Tera Term: its
# last words are shown (they were cut at the form's edge).
test_macro_long_message_wraps() {
	macro_home
	printf '%s\n' "messagebox 'This message is wider than the screen, so the form wraps it at spaces rather than cutting it: the-last-words.' 'Wide'" \
	    "sendln 'echo after-wide'" >"$MDIR/wide.ttl"
	tt_start 60 20 -e 'exec sh' || return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$MDIR/wide.ttl"
	tt_keys Enter
	tt_wait 'Wide' || return 1
	tt_wait 'the-last-words.' || return 1
	tt_screen | grep -q '│ This message is wider than the screen, so' ||
	    return 1
	tt_keys Enter
	tt_wait_re '^after-wide'
}

# A form whose text is longer than the screen (a macro's message here, a
# server's instruction for a one-time code the same), on a screen
# narrower than its field: the text is cut, the field narrowed, what is
# typed reaches it, tterm goes on.
test_macro_form_longer_than_screen() {
	macro_home
	msg="'line 1'"
	i=2
	while [ $i -le 40 ]; do
		msg="$msg#10'line $i'"
		i=$((i + 1))
	done
	printf '%s\n' "inputbox $msg 'Long form'" \
	    "sendln 'echo typed-' inputstr" >"$MDIR/long.ttl"
	tt_start 60 12 -e 'exec sh' || return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$MDIR/long.ttl"
	tt_keys Enter
	tt_wait 'Long form' || return 1
	tt_type 'abc'
	tt_keys Enter
	tt_wait_re '^typed-abc' || return 1
	tt_type 'echo still-typing'
	tt_keys Enter
	tt_wait_re '^still-typing'
}

# What is typed into a form stays through a resize (it was sent empty:
# a one-time code typed, the pane resized, the login failed).
test_macro_form_typing_through_resize() {
	macro_home
	printf '%s\n' "inputbox 'Type it' 'Resize form'" \
	    "sendln 'echo typed-' inputstr" >"$MDIR/resize.ttl"
	tt_start 80 24 -e 'exec sh' || return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$MDIR/resize.ttl"
	tt_keys Enter
	tt_wait 'Resize form' || return 1
	tt_type 'hello'
	tt_wait 'hello' || return 1
	tt_resize 79 23
	tt_wait '79x21' 2 || true
	tt_resize 80 24
	tt_wait_re '│ hello' || return 1
	tt_keys Enter
	tt_wait_re '^typed-hello'
}

# A field narrowed on a narrow screen grows back with the screen: what
# was typed shows whole again (the field stayed narrow, its start
# scrolled out of sight).
test_macro_form_field_grows_back() {
	macro_home
	printf '%s\n' "inputbox 'Type it' 'Narrow form'" \
	    "sendln 'echo typed-' inputstr" >"$MDIR/narrow.ttl"
	tt_start 40 20 -e 'exec sh' || return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$MDIR/narrow.ttl"
	tt_keys Enter
	tt_wait 'Narrow form' || return 1
	tt_type 'aaaa-bbbb-cccc-dddd-eeee-ffff-gggg-hhhh'
	tt_wait 'hhhh' || return 1
	tt_resize 100 20
	tt_wait '100x18' 2 || true
	tt_wait_re '│ aaaa-bbbb-cccc-dddd-eeee-ffff-gggg-hhhh' || return 1
	tt_keys Enter
	tt_wait_re '^typed-aaaa-bbbb-cccc-dddd-eeee-ffff-gggg-hhhh'
}

# A macro's tab through its life: duplicated (the copy has no macro),
# reconnected (the macro goes on waiting), closed by the user while the
# macro's form is up (the macro ends with it), and tterm quit while
# another macro waits: no crash, the other tabs type.
test_macro_tab_life() {
	macro_home
	printf '%s\n' 'timeout = 100' "wait 'never-comes'" >"$MDIR/wait.ttl"
	printf '%s\n' "inputbox 'Type it' 'Macro form'" "wait 'x'" \
	    >"$MDIR/form.ttl"
	tt_start 100 30 -e 'exec sh' -e 'exec sh' || return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$MDIR/wait.ttl"
	tt_keys Enter
	tt_wait "MACRO wait.ttl: wait 'never-comes'" || return 1
	tt_prefix d
	tt_wait_re '^ 1\+?:.* 3\*:' || return 1
	tt_row 29 | grep -q MACRO && { tt_log "the copy has the macro"; return 1; }
	tt_prefix 1
	tt_wait "MACRO wait.ttl: wait 'never-comes'" || return 1
	tt_prefix r
	tt_wait 'Reconnect tab' || return 1
	tt_keys y
	tt_wait_gone 'Reconnect tab' || return 1
	tt_wait "MACRO wait.ttl: wait 'never-comes'" || return 1
	tt_type 'echo reconnected-ok'
	tt_keys Enter
	tt_wait_re '^reconnected-ok' || return 1
	# Tab 2: a macro's form, then the user closes the tab.
	tt_prefix 2
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_keys C-u
	tt_type "$MDIR/form.ttl"
	tt_keys Enter
	tt_wait 'Macro form' || return 1
	tt_prefix x
	tt_until 'tt_screen | grep -q "Close tab" || ! tt_screen | grep -q "Macro form"' \
	    5 'the close question' '' || return 1
	tt_screen | grep -q 'Close tab' && tt_keys y
	tt_wait_gone 'Macro form' || return 1
	tt_wait_re '^ 1[*]?:exec sh \| 2[*]?:' || return 1
	tt_prefix 1
	tt_type 'echo after-close-ok'
	tt_keys Enter
	tt_wait_re '^after-close-ok' || return 1
	tt_prefix q
	tt_wait 'Quit tterm?' || return 1
	tt_keys y
	tt_wait_exit 15 || { tt_log "tterm did not end after quit"; return 1; }
	[ "$(tt_exit_status)" = 0 ]
}

# macro_out_is WORDS: the macro's out.txt (filewriteln's lines, CRLF)
# comes within 15 s and holds WORDS, one a line.
macro_out_is() {
	tt_until '[ -s "$MDIR/out.txt" ]' 15 'the macro to write its file' '' ||
	    return 1
	[ "$(tr -d '\r' <"$MDIR/out.txt" | tr '\n' ' ')" = "$1 " ] ||
	    { tt_log "out.txt: $(cat "$MDIR/out.txt")"; return 1; }
}

# Tera Term's usual "connect, if result <> 2 then messagebox": connect
# waits for the connection, so a refused one gives 1 (it gave 2, the
# refusal came after), and the dialog after it stays up.
test_macro_dialog_after_failed_connect() {
	macro_home
	port=$(tt_free_port)
	cat >"$MDIR/refused.ttl" <<-EOF
	connect '127.0.0.1:$port /nossh'
	int2str c result
	yesnobox 'Go on?' 'After the refusal'
	int2str a result
	filecreate fh '$MDIR/out.txt'
	filewriteln fh c
	filewriteln fh a
	fileclose fh
	EOF
	tt_start 100 30 --macro "$MDIR/refused.ttl" || return 1
	tt_wait '[closed: connection refused' 10 || return 1
	tt_wait 'After the refusal' || return 1
	tt_keys y
	macro_out_is '1 1'
}

# connect's result says how the login went (Tera Term's 2 connected, 1
# not): a wrong password whose retry form the user cancels gives 1, the
# right one 2, each once the login is over.
test_macro_connect_result_waits() {
	sshd_start password || return 1
	macro_home
	sshd_client_setup known
	cat >"$MDIR/results.ttl" <<-EOF
	connect '127.0.0.1:$SSHD_PORT /ssh /auth=password /user=$SSHD_USER /passwd=wrong-one'
	int2str a result
	connect '127.0.0.1:$SSHD_PORT /ssh /auth=password /user=$SSHD_USER /passwd=$SSHD_PASSWORD'
	int2str b result
	filecreate fh '$MDIR/out.txt'
	filewriteln fh a
	filewriteln fh b
	fileclose fh
	EOF
	tt_start 100 30 --macro "$MDIR/results.ttl" || return 1
	tt_wait 'Attempt 2' 15 || return 1
	tt_row 29 | grep -q 'MACRO results.ttl: connect' ||
	    { tt_log "the status bar does not say the macro waits"; return 1; }
	tt_keys Escape
	macro_out_is '1 2'
}

# The tab's program ends while its macro's dialog is up: the dialog
# stays (it went with the connection's questions, and the macro waited
# for ever), and its answer reaches the macro.
test_macro_dialog_outlives_tab_end() {
	macro_home
	printf '%s\n' "yesnobox 'Go on?' 'While it ends'" 'int2str a result' \
	    "filecreate fh '$MDIR/out.txt'" 'filewriteln fh a' 'fileclose fh' \
	    >"$MDIR/ends.ttl"
	# The tab's program ends when the test says so.
	tt_start 100 30 -e "sh -c 'until [ -e $MDIR/stop ]; do sleep 0.1; done'" ||
	    return 1
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$MDIR/ends.ttl"
	tt_keys Enter
	tt_wait 'While it ends' || return 1
	touch "$MDIR/stop"
	tt_wait '[exited, status 0]' 10 || return 1
	tt_screen | grep -q 'While it ends' ||
	    { tt_log "the dialog went with the tab's end"; return 1; }
	tt_keys y
	macro_out_is 1
}

# The user reconnects a tab while its macro's dialog is up: the password
# form goes first, the dialog comes back after the login, and its answer
# reaches the macro, which goes on in the new connection.
test_macro_dialog_through_reconnect() {
	sshd_start password || return 1
	macro_home
	sshd_client_setup known
	cat >"$MDIR/dialog.ttl" <<-EOF
	connect '127.0.0.1:$SSHD_PORT /ssh /auth=password /user=$SSHD_USER /passwd=$SSHD_PASSWORD'
	wait '\$ ' '# '
	yesnobox 'Go on?' 'Through a reconnect'
	int2str a result
	sendln 'echo answer-' a '-after-reconnect'
	EOF
	tt_start 100 30 --macro "$MDIR/dialog.ttl" || return 1
	tt_wait 'Through a reconnect' 15 || return 1
	tt_prefix r
	tt_wait 'Reconnect tab' || return 1
	tt_keys y
	tt_wait 'Password' 15 || return 1
	tt_type "$SSHD_PASSWORD"
	tt_keys Enter
	tt_wait 'Through a reconnect' 15 || return 1
	tt_keys y
	tt_wait_re '(^|[#$] )answer-1-after-reconnect' 10
}

if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null ||
    [ ! -x /usr/sbin/sshd ]; then
	tt_skip "the macro tests need root, openssh-server and socat"
fi
# recvfile: what the shell sends goes into the file unchanged (every
# byte value, the terminal in raw mode) until it is quiet for the
# auto-stop time; result 1; a relative name is in FileDir.
test_macro_recvfile() {
	macro_home
	dl=$(mktemp -d "$TT_TOP/dl.XXXXXX")
	mkdir -p "$dl"
	awk 'BEGIN { for (i = 0; i < 256; i++) printf "%c", i }' \
	    </dev/null >"$TT_TOP/all.bin"
	head -c 200000 /dev/urandom >>"$TT_TOP/all.bin"
	cat >"$MDIR/rf.ttl" <<-EOF
	sendln 'stty -echo'
	wait '\$ '
	sendln 'stty raw; sleep 1; cat $TT_TOP/all.bin; sleep 4; stty sane'
	recvfile 'rf.bin' 1 2
	r = result
	wait '\$ '
	sprintf2 msg 'stty echo; echo recvfile-result-%d' r
	sendln msg
	EOF
	macro_local_tab "$MDIR/rf.ttl" || return 1
	tt_wait_re '^recvfile-result-1' 30 || return 1
	cmp "$TT_TOP/all.bin" "$dl/rf.bin"
}
# zmodemrecv and zmodemsend in a macro (lrzsz at the other end of a
# local tab): each waits for its transfer (or joins the one the peer
# started first) and sets result 1. zmodemsend waits for rz to be there:
# before, the tty would echo sz's bytes back while the shell starts rz.
test_macro_modem_transfers() {
	command -v sz >/dev/null && command -v rx >/dev/null ||
	    tt_skip "lrzsz is not installed" || return $?
	macro_home
	dl=$(mktemp -d "$TT_TOP/dl.XXXXXX")
	src=$(mktemp -d "$TT_TOP/src.XXXXXX")
	sink=$(mktemp -d "$TT_TOP/sink.XXXXXX")
	head -c 150000 /dev/urandom >"$src/z.bin"
	head -c 120000 /dev/urandom >"$src/u.bin"
	cat >"$MDIR/modem.ttl" <<-EOF
	sendln 'cd $src && sz z.bin'
	zmodemrecv
	r1 = result
	wait '\$ '
	sendln 'cd $sink && rz -b'
	wait 'waiting to receive'
	zmodemsend '$src/u.bin' 1
	r2 = result
	wait '\$ '
	sprintf2 msg 'echo macro-modem-%d-%d' r1 r2
	sendln msg
	EOF
	macro_local_tab "$MDIR/modem.ttl" || return 1
	tt_wait_re '^macro-modem-1-1' 60 || return 1
	cmp "$src/z.bin" "$dl/z.bin" || return 1
	cmp "$src/u.bin" "$sink/u.bin"
}
tt_run test_macro_ssh2login_sample
tt_run test_macro_password_login
tt_run test_macro_2fa_form
tt_run test_macro_serial_console
tt_run test_macro_hosts_loop
tt_run test_macro_error_other_tabs
tt_run test_macro_stop_and_regex
tt_run test_macro_busy_keeps_keys
tt_run test_macro_tab_life
tt_run test_macro_dialog_after_failed_connect
tt_run test_macro_connect_result_waits
tt_run test_macro_dialog_outlives_tab_end
tt_run test_macro_dialog_through_reconnect
tt_run test_macro_form_longer_than_screen
tt_run test_macro_long_message_wraps
tt_run test_macro_form_recent
tt_run test_macro_form_typing_through_resize
tt_run test_macro_form_field_grows_back
tt_run test_macro_exec
tt_run test_macro_password_file_and_log
tt_run test_macro_login_sample
tt_run test_macro_dialup_sample
tt_run test_macro_setsync_exitcode
tt_run test_macro_challenge_tt_cmdline
tt_run test_macro_params
tt_run test_macro_jump_from_config
tt_run test_macro_unlink
tt_run test_macro_recvfile
tt_run test_macro_modem_transfers
