# telnet.sh: telnet and raw TCP tabs against a scripted server (socat on
# loopback): negotiation of terminal type and window size, typed text,
# raw bytes passed unchanged, a refused connection, the telnet keepalive,
# and a console behind ser2net's telnet port.
. "$(dirname "$0")/../lib.sh"

# tn_server PORT: a server for one connection. What tterm sends is kept
# in $SRV/got; what is written to the fifo $SRV/to goes to tterm.
tn_server() {
	SRV=$(mktemp -d "$TT_TOP/srv.XXXXXX")
	mkfifo "$SRV/to"
	: >"$SRV/got"
	# The fifo is opened read-write: it never reads as ended.
	socat TCP-LISTEN:"$1",bind=127.0.0.1,reuseaddr \
	    "OPEN:$SRV/to,rdwr!!OPEN:$SRV/got,wronly,append" \
	    2>"$SRV/socat.log" &
	SRV_PID=$!
	tt_listening "$1"
}

# Send bytes (printf format) to tterm.
tn_send() {
	printf "$@" >"$SRV/to"
}

# What the server received, as one line of hex bytes, each after a space.
tn_got_hex() {
	od -An -tx1 -v "$SRV/got" | tr -s ' \n' '  '
}

# tn_wait_hex HEX [SECS]: wait until the server received HEX (bytes in
# hex, a space before each: " ff f1").
tn_wait_hex() {
	tt_until 'tn_got_hex | grep -q -- "$1"' "${2:-5}" \
	    "bytes$1 at the server" "$1"
}

# Whether the server received the byte HEX anywhere.
tn_got_byte() {
	tn_got_hex | grep -q " $1"
}

# tn_open N KIND ARG...: a scripted server on a new port, tterm started
# with ARG... (@PORT@ stands for the port) and connected, the status bar
# saying KIND (telnet or tcp).
tn_open() {
	port=$(tt_free_port "$1")
	tn_kind=$2
	shift 2
	tn_server "$port" || return 1
	for a in "$@"; do
		set -- "$@" "$(printf '%s' "$a" | sed "s/@PORT@/$port/g")"
		shift
	done
	tt_start 100 30 "$@" || return 1
	tt_wait "$tn_kind 127.0.0.1:$port: connected" 10
}

# The hex of a string, as tn_got_hex writes it.
tn_hex() {
	printf '%s' "$1" | od -An -tx1 -v | tr -s ' \n' '  ' | sed 's/ $//'
}

tt_test_cleanup() {
	[ -n "${SRV_PID:-}" ] && kill "$SRV_PID" 2>/dev/null
	[ -n "${S2N_PID:-}" ] && kill "$S2N_PID" 2>/dev/null
	[ -n "${PTY_PID:-}" ] && kill "$PTY_PID" 2>/dev/null
	[ -n "${DEV_PID:-}" ] && kill "$DEV_PID" 2>/dev/null
	return 0
}

IAC_DO_TTYPE='\377\375\030'
IAC_DO_NAWS='\377\375\037'
IAC_WILL_ECHO='\377\373\001'
IAC_WILL_SGA='\377\373\003'
IAC_SB_TTYPE_SEND='\377\372\030\001\377\360'

# A telnet login: the options a console server asks for, then text.
test_telnet_login() {
	tn_open 1 telnet --term vt-test "telnet://127.0.0.1:@PORT@" || return 1
	# tterm offers TTYPE and NAWS, asks for SGA and ECHO.
	tn_wait_hex ' ff fb 18' || return 1
	tn_wait_hex ' ff fb 1f' || return 1
	tn_wait_hex ' ff fd 03' || return 1
	tn_wait_hex ' ff fd 01' || return 1
	tn_send "$IAC_DO_TTYPE$IAC_DO_NAWS$IAC_WILL_ECHO$IAC_WILL_SGA"
	tn_send "$IAC_SB_TTYPE_SEND"
	# IAC SB TTYPE IS vt-test IAC SE.
	tn_wait_hex " ff fa 18 00$(tn_hex vt-test) ff f0" || return 1
	# IAC SB NAWS 100 x 28 (the screen less the tab and status bars).
	tn_wait_hex ' ff fa 1f 00 64 00 1c ff f0' || return 1
	tt_wait '(remote echo)' || return 1
	tn_send 'Switch console\r\nlogin: '
	tt_wait 'login:' || return 1
	tt_type 'admin'
	tt_keys Enter
	# Enter is CR NUL in the NVT (CRSend=CR, binary off).
	tn_wait_hex "$(tn_hex admin) 0d 00" || return 1
	# The window changes size: NAWS again.
	tt_resize 120 40
	tn_wait_hex ' ff fa 1f 00 78 00 26 ff f0' || return 1
	# 0xff in data from the server arrives once (doubled on the wire).
	tn_send 'A\377\377B\r\n'
	tt_wait_re 'A.B$' || return 1
	! tt_screen | grep -qE 'A..B$' || return 1
	# BREAK after the prefix: IAC BRK.
	tt_prefix b
	tt_wait 'BREAK sent (telnet IAC BRK)' || return 1
	tn_wait_hex ' ff f3' || return 1
	# The server closes: the tab says so.
	kill "$SRV_PID" 2>/dev/null
	tt_wait 'closed: connection closed by the telnet server' 10
}

# Raw TCP (/nossh on a port that is not TelPort): no negotiation at all.
test_raw_tcp() {
	tn_open 2 tcp "127.0.0.1:@PORT@" /nossh || return 1
	tn_send 'raw hello\r\n'
	tt_wait 'raw hello' || return 1
	tt_type 'typed-raw'
	tt_keys Enter
	# Enter is a bare CR; no telnet command was sent.
	tn_wait_hex "$(tn_hex typed-raw) 0d" || return 1
	if tn_got_byte ff; then
		tt_log "telnet bytes on a raw connection: $(tn_got_hex)"
		return 1
	fi
	# 0xff passes unchanged: two bytes, two replacement characters.
	tn_send 'C\377\377D\r\n'
	tt_wait_re '^C..D$' || return 1
	tt_wait "tcp 127.0.0.1:$port"
}

# TCPLocalEcho and TCPCRSend from a profile, for raw TCP only.
test_raw_tcp_echo_crlf() {
	ini=$TT_TOP/raw.ini
	cat >"$ini" <<-EOF
	[Tera Term]
	TCPLocalEcho=on
	TCPCRSend=CRLF
	EOF
	tn_open 9 tcp "/F=$ini" "127.0.0.1:@PORT@" /nossh || return 1
	tt_type 'shown-here'
	tt_keys Enter
	tt_wait_re '^shown-here$' || return 1
	tn_wait_hex "$(tn_hex shown-here) 0d 0a" || return 1
	# The last key typed shows at once, not with the next one.
	tt_type 'last-key'
	tt_wait_re '^last-key$'
}

# A raw connection whose server negotiates becomes telnet (TelAutoDetect).
test_raw_becomes_telnet() {
	tn_open 3 tcp "127.0.0.1:@PORT@" /nossh || return 1
	tn_send "$IAC_DO_NAWS"
	tn_wait_hex ' ff fa 1f 00 64 00 1c ff f0' || return 1
	tt_wait "telnet 127.0.0.1:$port: connected"
}

test_telnet_refused() {
	port=$(tt_free_port 4)
	tt_start 100 30 "telnet://127.0.0.1:$port" || return 1
	tt_wait "Connection refused by 127.0.0.1 (127.0.0.1) on port $port" \
	    10 || return 1
	tt_wait "closed: connection refused (port $port)"
}

test_telnet_name_not_found() {
	tt_start 100 30 "telnet://no-such-host.invalid" || return 1
	tt_wait "Name not found: no-such-host.invalid" 15 || return 1
	tt_wait "closed: name not found"
}

# TelKeepAliveInterval=1 from a profile (/F=): IAC NOP when idle.
test_telnet_keepalive() {
	ini=$TT_TOP/keepalive.ini
	cat >"$ini" <<-EOF
	[Tera Term]
	TelKeepAliveInterval=1
	TermType=from-profile
	EOF
	tn_open 5 telnet "/F=$ini" "127.0.0.1:@PORT@" /telnet || return 1
	tn_send "$IAC_DO_TTYPE$IAC_SB_TTYPE_SEND"
	tn_wait_hex " ff fa 18 00$(tn_hex from-profile) ff f0" || return 1
	tn_wait_hex ' ff f1' 5
}

# Reconnect (prefix r) and duplicate (prefix d) of a telnet tab.
test_telnet_reconnect_duplicate() {
	tn_open 6 telnet "telnet://127.0.0.1:@PORT@" || return 1
	kill "$SRV_PID" 2>/dev/null
	tt_wait 'closed: connection closed' 10 || return 1
	tn_server "$port" || return 1
	# A closed tab reconnects without a question.
	tt_prefix r
	tt_wait "telnet 127.0.0.1:$port: connected" 10 || return 1
	tn_send 'after reconnect\r\n'
	tt_wait 'after reconnect' || return 1
	tn_server "$(tt_free_port 7)" || return 1
	tt_prefix d
	tt_wait_re '^ 1\+?:.* 2\*:telnet 127.0.0.1' 10
}

# A console behind ser2net's telnet port: the device's text shows, typed
# text reaches it.
test_telnet_ser2net() {
	command -v ser2net >/dev/null || { tt_skip "no ser2net"; return 1; }
	D=$(mktemp -d "$TT_TOP/pty.XXXXXX")
	socat -d -d pty,raw,echo=0,link="$D/dev" pty,raw,echo=0,link="$D/tty" \
	    2>"$D/socat.log" &
	PTY_PID=$!
	tt_until 'grep -q "starting data transfer loop" "$D/socat.log"' 5 \
	    'socat' '' || return 1
	cat "$D/dev" >"$D/got" &
	DEV_PID=$!
	port=$(tt_free_port 8)
	cat >"$D/s2n.yaml" <<-YAML
	connection: &con1
	    accepter: telnet,tcp,127.0.0.1,$port
	    connector: serialdev,$D/tty,9600n81,local
	YAML
	ser2net -n -u -d -c "$D/s2n.yaml" -P "$D/s2n.pid" >"$D/s2n.log" 2>&1 &
	S2N_PID=$!
	tt_listening "$port" || return 1
	tt_start 100 30 "127.0.0.1:$port" /telnet || return 1
	tt_wait "telnet 127.0.0.1:$port: connected" 10 || return 1
	printf 'Router console\r\nUsername: ' >"$D/dev"
	tt_wait 'Username:' 10 || return 1
	tt_type 'operator'
	tt_keys Enter
	tt_until 'grep -q "operator" "$D/got"' 5 'the typed login' ''
}

if ! command -v socat >/dev/null 2>&1; then
	tt_skip "the telnet tests need socat"
fi
tt_run test_telnet_login
tt_run test_raw_tcp
tt_run test_raw_tcp_echo_crlf
tt_run test_raw_becomes_telnet
tt_run test_telnet_refused
tt_run test_telnet_name_not_found
tt_run test_telnet_keepalive
tt_run test_telnet_reconnect_duplicate
tt_run test_telnet_ser2net
