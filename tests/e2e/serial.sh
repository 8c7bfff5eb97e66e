# serial.sh: serial-console tabs on socat pty pairs: a scripted console
# at the other end, XON/XOFF from the device, the lock against a second
# user, and the adapter unplugged and plugged back.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../socat.sh"

# The system lock directory (/var/lock, a link to /run/lock on Debian) may
# be missing in a bare container: the lock test needs it.
[ -d /var/lock/ ] || mkdir -p "$(readlink -f /var/lock)" 2>/dev/null

tt_test_cleanup() {
	[ -n "${S2N_PID:-}" ] && kill "$S2N_PID" 2>/dev/null
	serial_stop
	[ -n "${DEV_PID:-}" ] && kill "$DEV_PID" 2>/dev/null
	[ -n "${FLOOD_PID:-}" ] && kill "$FLOOD_PID" 2>/dev/null
	return 0
}

# What the device received (the console side's bytes, as text).
dev_capture() {
	cat "$SER/dev" >"$SER/got" 2>/dev/null &
	DEV_PID=$!
}

test_serial_console() {
	serial_start || return 1
	dev_capture
	tt_start 100 30 --speed 115200 --line 8N1 "serial:$TTY" || return 1
	tt_wait "Opened $TTY at 115200 8N1" || return 1
	tt_wait_re "serial .*/t[A-Za-z0-9]* 115200 8N1 \\|" || return 1
	printf 'Switch console\r\nlogin: ' >"$SER/dev"
	tt_wait 'login:' || return 1
	tt_type 'admin'
	tt_keys Enter
	tt_until 'grep -q "admin" "$SER/got"' 5 'the typed login' ''
}

test_serial_xoff_from_device() {
	serial_start || return 1
	dev_capture
	tt_start 100 30 --flow xonxoff "serial:$TTY" || return 1
	tt_wait 'flow control XON/XOFF' || return 1
	printf '\023' >"$SER/dev"
	tt_wait 'PAUSED BY DEVICE' || return 1
	tt_type 'held-back'
	# Nothing reaches the device while it is paused...
	tt_until 'grep -q "held-back" "$SER/got"' 1 '' '' 2>/dev/null && return 1
	printf '\021' >"$SER/dev"
	tt_wait_gone 'PAUSED BY DEVICE' || return 1
	# ...and all of it, in order, once it resumes.
	tt_until 'grep -q "held-back" "$SER/got"' 5 'the held-back text' ''
}

# A device that floods a hidden tab faster than tterm takes it: tterm
# sends XOFF, then XON when it has caught up.
test_serial_tterm_sends_xoff() {
	serial_start || return 1
	dev_capture
	tt_start 100 30 --flow xonxoff -e 'exec sh' "serial:$TTY" || return 1
	tt_wait_re '^\$ ?$' || return 1
	head -c 30000000 /dev/zero | tr '\0' x >"$SER/dev" &
	FLOOD_PID=$!
	tt_until 'od -An -tx1 "$SER/got" | grep -q 13' 20 \
	    'XOFF from tterm' '' || return 1
	wait "$FLOOD_PID"
	FLOOD_PID=
	tt_until 'od -An -tx1 "$SER/got" | grep -q 11' 20 'XON from tterm' ''
}

test_serial_ctrl_s_without_flow() {
	serial_start || return 1
	dev_capture
	tt_start 100 30 "serial:$TTY" || return 1
	tt_wait 'flow control none' || return 1
	tt_keys C-s
	tt_until 'od -An -c "$SER/got" | grep -q "023"' 5 'Ctrl+S sent' '' ||
	    return 1
	! tt_screen | grep -q 'OUTPUT PAUSED'
}

test_serial_locked() {
	serial_start || return 1
	tt_start 100 30 "serial:$TTY" || return 1
	tt_wait "Opened $TTY" || return 1
	out=$(script -qec "$TTERM serial:$TTY" /dev/null 2>&1)
	printf '%s\n' "$out" | grep -q "busy: locked by PID $TT_PID (tterm)" ||
	    { tt_log "got: $out"; return 1; }
}

test_serial_unplug_replug() {
	serial_start || return 1
	tt_start 100 30 "serial:$TTY" || return 1
	printf 'before unplug\r\n' >"$SER/dev"
	tt_wait 'before unplug' || return 1
	serial_stop
	tt_wait 'device disconnected' 10 || return 1
	tt_wait 'DEVICE DISCONNECTED' || return 1
	serial_start again || return 1
	tt_wait 'device back, reopened' 10 || return 1
	tt_wait 'before unplug' || return 1
	printf 'after replug\r\n' >"$SER/dev"
	tt_wait 'after replug'
}

# Reconnecting (prefix r) a tab whose device is unplugged: it goes on
# waiting for the device (it closed, "No such file", and stayed closed
# when the device came back).
test_serial_reconnect_while_unplugged() {
	serial_start || return 1
	tt_start 100 30 "serial:$TTY" || return 1
	tt_wait 'Opened' || return 1
	serial_stop
	tt_wait 'DEVICE DISCONNECTED' 10 || return 1
	tt_prefix r
	tt_wait 'Reconnect tab' || return 1
	tt_keys y
	tt_wait_gone 'Reconnect tab' || return 1
	tt_wait 'device disconnected (No such file or directory), waiting' ||
	    return 1
	tt_screen | grep -q 'closed' && { tt_log "the tab closed"; return 1; }
	serial_start again || return 1
	tt_wait 'device back, reopened' 10 || return 1
	printf 'after reconnect\r\n' >"$SER/dev"
	tt_wait 'after reconnect'
}

test_serial_delays() {
	# 100 ms after each character: five characters take 0.4 s or more.
	serial_start || return 1
	dev_capture
	tt_start 100 30 --char-delay 100 "serial:$TTY" || return 1
	tt_wait "Opened" || return 1
	start=$(date +%s%N)
	tt_type 'abcde'
	tt_until 'grep -q "abcde" "$SER/got"' 5 'the paced text' '' || return 1
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	tt_log "5 characters took $ms ms"
	[ "$ms" -ge 400 ]
}

test_serial_newlines_and_echo() {
	serial_start || return 1
	dev_capture
	tt_start 100 30 --send-newline crlf --receive-newline crlf \
	    --local-echo "serial:$TTY" || return 1
	tt_wait "Opened" || return 1
	tt_type 'hello'
	tt_keys Enter
	# Typed text is echoed locally, Enter goes out as CR LF.
	tt_wait_re '^hello$' || return 1
	tt_until 'od -An -tx1 -w64 "$SER/got" | grep -q "68 65 6c 6c 6f 0d 0a"' \
	    5 'hello CR LF at the device' '' || return 1
	# A bare CR from the device starts a new line.
	printf 'one\rtwo\r' >"$SER/dev"
	tt_wait_re '^one$' || return 1
	tt_wait_re '^two$' || return 1
	# The last key typed is echoed at once, not with the next key or
	# the device's next bytes.
	tt_type 'last-key'
	tt_wait_re '^last-key$'
}

test_serial_odd_speed() {
	# A speed outside the standard list (Linux: termios2); a pty takes it.
	serial_start || return 1
	tt_start 100 30 --speed 250000 "serial:$TTY" || return 1
	tt_wait "at 250000 8N1" || return 1
	tt_wait_re "/t[A-Za-z0-9]* 250000 8N1 \\|"
}

test_serial_teraterm_args() {
	# /C=N names COMn as /dev/ttyS(n-1); with no such device, the error
	# says which file it tried.
	out=$(script -qec "$TTERM /C=200 /BAUD=115200" /dev/null 2>&1)
	printf '%s\n' "$out" | grep -q '/dev/ttyS199' || {
		tt_log "got: $out"; return 1; }
}

# A serial profile (tterm -P): the line, flow control and CRSend from it.
test_serial_profile() {
	serial_start || return 1
	dev_capture
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
	mkdir -p "$TT_HOME/.config/tterm/profiles"
	cat >"$TT_HOME/.config/tterm/profiles/console.ini" <<-EOF
	[Tera Term]
	Port=serial
	BaudRate=57600
	Parity=even
	FlowCtrl=x
	CRSend=CRLF
	CRReceive=AUTO
	[tterm]
	Device=$TTY
	EOF
	tt_start 100 30 -P console || return 1
	tt_wait "Opened $TTY at 57600 8E1" || return 1
	tt_wait 'flow control XON/XOFF' || return 1
	tt_type 'admin'
	tt_keys Enter
	tt_until 'tr "\r\n" "RN" <"$SER/got" | grep -q adminRN' 5 \
	    'admin CR LF at the device' '' || return 1
	# CRReceive=AUTO: a lone LF, CR LF and a lone CR each end a line.
	printf 'one\ntwo\r\nthree\rfour\n' >"$SER/dev"
	tt_wait_re '^one$' || return 1
	tt_wait_re '^two$' || return 1
	tt_wait_re '^three$' || return 1
	tt_wait_re '^four$'
}

test_rfc2217_ser2net() {
	command -v ser2net >/dev/null || { tt_skip "no ser2net"; return 1; }
	serial_start || return 1
	dev_capture
	port=$(tt_free_port 3)
	cat >"$SER/s2n.yaml" <<-YAML
	connection: &con1
	    accepter: telnet(rfc2217),tcp,127.0.0.1,$port
	    connector: serialdev,$TTY,9600n81,local
	    options:
	      kickolduser: true
	YAML
	ser2net -n -u -d -c "$SER/s2n.yaml" -P "$SER/s2n.pid" >"$SER/s2n.log" 2>&1 &
	S2N_PID=$!
	tt_listening "$port" ser2net || return 1
	tt_start 100 30 --speed 19200 "rfc2217://127.0.0.1:$port" || return 1
	# ser2net acknowledged the new speed (RFC 2217: command + 100).
	tt_wait_re "rfc2217 127.0.0.1:$port 19200 8N1 \\(confirmed\\)" 10 ||
	    return 1
	printf 'console via ser2net\r\n' >"$SER/dev"
	tt_wait 'console via ser2net' 10 || return 1
	tt_type 'typed-over-telnet'
	tt_until 'grep -q "typed-over-telnet" "$SER/got"' 5 'the typed text' '' ||
	    return 1
	tt_prefix D
	tt_wait 'DTR off (RFC 2217)' || return 1
	tt_prefix b
	tt_wait 'BREAK sent (RFC 2217)' || return 1
	# Reconnect: the same server again, the screen kept.
	tt_prefix r
	tt_wait 'Reconnect tab 1?' || return 1
	tt_keys y
	tt_until '[ "$(tt_screen | grep -c "Connecting to the console server")" = 2 ]' \
	    10 'a second connection' '' || return 1
	tt_wait 'console via ser2net'
}

test_serial_sjis() {
	# A console that speaks Shift_JIS: its text is shown, Japanese typed
	# reaches it in Shift_JIS (both made by iconv here, not by tterm).
	serial_start || return 1
	dev_capture
	tt_start 100 30 --encoding SJIS "serial:$TTY" || return 1
	tt_wait "Opened" || return 1
	printf '\346\227\245\346\234\254\350\252\236\r\n' |
	    iconv -f UTF-8 -t SHIFT_JIS >"$SER/dev" || return 1
	tt_wait_re '^日本語$' || return 1
	want=$(printf '\346\227\245\346\234\254' | iconv -f UTF-8 -t SHIFT_JIS |
	    od -An -tx1)
	tt_type '日本'
	tt_until 'od -An -tx1 -w64 "$SER/got" | grep -qF -- "$1"' 5 \
	    'Shift_JIS at the device' "$want"
}

if ! command -v socat >/dev/null 2>&1; then
	tt_skip "the serial tests need socat"
fi
tt_run test_serial_console
tt_run test_serial_xoff_from_device
tt_run test_serial_tterm_sends_xoff
tt_run test_serial_ctrl_s_without_flow
tt_run test_serial_locked
tt_run test_serial_unplug_replug
tt_run test_serial_reconnect_while_unplugged
tt_run test_serial_delays
tt_run test_serial_newlines_and_echo
tt_run test_serial_odd_speed
tt_run test_serial_teraterm_args
tt_run test_serial_profile
tt_run test_serial_sjis
tt_run test_rfc2217_ser2net
