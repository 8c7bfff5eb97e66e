# tests/socat.sh: a serial port for the tests: a socat pty pair, the
# console side at $SER/dev, tterm's side at $TTY. Sourced after lib.sh.

# serial_start [again]: a new pair (again: the same names as before).
serial_start() {
	command -v socat >/dev/null 2>&1 ||
	    { tt_skip "socat is not installed"; return 1; }
	[ "${1:-}" = again ] || SER=$(mktemp -d "$TT_TOP/ser.XXXXXX")
	# A name of its own: the lock file is named after it.
	TTY=$SER/t${SER##*.}
	socat -d -d pty,raw,echo=0,link="$SER/dev" pty,raw,echo=0,link="$TTY" \
	    2>"$SER/socat.log" &
	SOCAT_PID=$!
	tt_until 'grep -q "starting data transfer loop" "$SER/socat.log"' 5 \
	    'socat' ''
}

serial_stop() {
	[ -n "${SOCAT_PID:-}" ] || return 0
	kill "$SOCAT_PID" 2>/dev/null
	wait "$SOCAT_PID" 2>/dev/null
	SOCAT_PID=
}
