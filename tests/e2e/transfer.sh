# transfer.sh: file transfers by lrzsz's programs joined to a tab's byte
# stream: a peer's sz starts a ZMODEM receive by itself (Tera Term's
# automatic ZMODEM), the file arrives whole in FileDir, the shell's text
# after it is on the screen and nothing of the protocol is. Prefix F
# starts XMODEM and YMODEM (and ZMODEM) by hand, here on serial lines
# (socat pty pairs) and a telnet tab (ser2net), lrzsz at the far end.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../socat.sh"

tt_need_lrzsz() {
	command -v sz >/dev/null && command -v rz >/dev/null ||
	    tt_skip "lrzsz (sz, rz) is not installed"
}

test_zmodem_auto_receive() {
	tt_need_lrzsz || return $?
	src=$TT_TOP/src dl=$TT_TOP/dl
	mkdir -p "$src"
	head -c 300000 /dev/urandom >"$src/blob.bin"
	printf 'second file\n' >"$src/note.txt"
	tt_start 100 24 -o "FileDir=$dl" -e "cd $src; exec sh" || return 1
	tt_wait_re '^\$' || return 1
	tt_type 'sz blob.bin note.txt; echo sz-ended-$?'
	tt_keys Enter
	tt_wait 'ZMODEM receive: 2 files into' 20 || return 1
	tt_wait_re '^sz-ended-0$' 10 || return 1
	cmp "$src/blob.bin" "$dl/blob.bin" || return 1
	cmp "$src/note.txt" "$dl/note.txt" || return 1
	# No protocol bytes reached the shell or the screen.
	tt_screen | grep -q 'not found\|\*\*B0\|^OO' && return 1
	ls -A "$dl" | grep -q '^\.tterm-rz' && return 1
	# The tab goes on as a terminal.
	tt_type 'echo after'
	tt_keys Enter
	tt_wait_re '^after$'
}

test_zmodem_send() {
	# The remote side's rz waits: tterm asks for the files, its sz sends
	# them; the shell goes on after.
	tt_need_lrzsz || return $?
	src=$TT_TOP/up dest=$TT_TOP/remote
	mkdir -p "$src" "$dest"
	head -c 200000 /dev/urandom >"$src/up.bin"
	tt_start 100 24 -e "cd $dest; exec sh" || return 1
	tt_wait_re '^\$' || return 1
	tt_type 'rz -b; echo rz-ended-$?'
	tt_keys Enter
	tt_wait 'The remote rz waits' 10 || return 1
	tt_type "$src/up.bin"
	tt_keys Enter
	tt_wait 'ZMODEM send done' 20 || return 1
	tt_wait_re '^rz-ended-0$' 10 || return 1
	cmp "$src/up.bin" "$dest/up.bin" || return 1
	tt_screen | grep -q 'not found\|\*\*B0' && return 1
	# Esc at the question: the remote rz is told and gives up.
	tt_type 'rz -b; echo rz-again-$?'
	tt_keys Enter
	tt_wait 'The remote rz waits' 10 || return 1
	tt_keys Escape
	tt_wait_re '^rz-again-[1-9]' 20
}

# An sz that is slow to leave after the session's end (a loaded machine
# reaps it late): the "done" line still comes before the shell's next
# output (it came after the prompt, "rz-ended" ran into rz's greeting).
test_zmodem_send_done_first() {
	tt_need_lrzsz || return $?
	src=$TT_TOP/up3 dest=$TT_TOP/remote3 bin=$TT_TOP/slowbin
	mkdir -p "$src" "$dest" "$bin"
	printf 'hello\n' >"$src/small.txt"
	printf '#!/bin/sh\n"%s" "$@"\nst=$?\nsleep 0.5\nexit $st\n' \
	    "$(command -v sz)" >"$bin/sz"
	chmod +x "$bin/sz"
	TT_WRAP="env PATH=$bin:$PATH" tt_start 100 24 \
	    -e "cd $dest; exec sh" || return 1
	tt_wait_re '^\$' || return 1
	tt_type 'rz -b; echo rz-ended-$?'
	tt_keys Enter
	tt_wait 'The remote rz waits' 10 || return 1
	tt_type "$src/small.txt"
	tt_keys Enter
	tt_wait_re '^rz-ended-0$' 10 || return 1
	cmp "$src/small.txt" "$dest/small.txt" || return 1
	done_at=$(tt_screen | grep -n 'ZMODEM send done' | cut -d: -f1)
	ended_at=$(tt_screen | grep -n '^rz-ended-0$' | cut -d: -f1)
	[ -n "$done_at" ] && [ "$done_at" -lt "$ended_at" ]
}

test_zmodem_off() {
	tt_need_lrzsz || return $?
	src=$TT_TOP/src2 dl=$TT_TOP/dl2
	mkdir -p "$src"
	printf 'x\n' >"$src/f.txt"
	tt_start 100 24 -o "FileDir=$dl" -o AutoZmodem=off \
	    -e "cd $src; exec sh" || return 1
	tt_wait_re '^\$' || return 1
	tt_type 'sz f.txt'
	tt_keys Enter
	# sz's request shows as text; nothing is received; Ctrl+X x5 stops it.
	tt_wait 'B00000000000000' 10 || return 1
	tt_keys C-x C-x C-x C-x C-x
	tt_type 'echo back'
	tt_keys Enter
	tt_wait_re '^back$' 15 || return 1
	[ ! -e "$dl/f.txt" ]
}

tt_test_cleanup() {
	[ -n "${S2N_PID:-}" ] && kill "$S2N_PID" 2>/dev/null
	far_stop
	serial_stop
	return 0
}

# far_end CMD: the far end of the serial pair ($SER/dev) runs CMD by sh
# in $FAR: lrzsz's side of the transfer. Its status goes to $FAR/status,
# what it says to $FAR/log; then the line is echoed back (cat), as a
# console that stays usable. The line reaches it through pipes: lrzsz
# flushes its terminal both ways as it leaves, and a pty would lose the
# last bytes it wrote (rb's last ACK) unless socat had read them at once.
far_end() {
	mkdir -p "$FAR"
	(cd "$FAR" && cat <"$SER/dev" |
	    { sh -c "$1" 2>log; echo $? >status; exec cat; } |
	    cat >"$SER/dev") 2>/dev/null &
	FAR_PID=$!
}

# far_stop: the far end's pipeline goes (its program has ended).
far_stop() {
	[ -n "${FAR_PID:-}" ] || return 0
	pkill -P "$FAR_PID" 2>/dev/null
	kill "$FAR_PID" 2>/dev/null
	wait "$FAR_PID" 2>/dev/null
	FAR_PID=
	rm -rf "$FAR"
}

# far_status: wait for the far end's program to end; its status.
far_status() {
	tt_until '[ -s "$FAR/status" ]' 30 'the far end to finish' '' >&2 ||
	    return 1
	cat "$FAR/status"
}

# xf_start PROTOCOL DIRECTION FILES: prefix F, the form's choices moved
# on (Right) until they are the ones named, the files typed, Enter.
xf_start() {
	tt_prefix F
	tt_wait 'File transfer' || return 1
	xf_pick "Protocol   $1 " || return 1
	tt_keys Tab
	xf_pick "Direction  $2 " || return 1
	tt_keys Tab
	tt_type "$3"
	tt_keys Enter
	tt_wait "$1 $2 started" 10
}

xf_pick() {
	for i in 1 2 3 4 5 6; do
		tt_until 'tt_screen | grep -qF -- "$1"' 1 "$1" "$1" 2>/dev/null &&
		    return 0
		tt_keys Right
	done
	tt_wait "$1"
}

# same_prefix A B: B starts with all of A (XMODEM pads its last block
# with ^Z to 128 or 1024 bytes), and is no more than a block longer.
same_prefix() {
	a=$(wc -c <"$1") b=$(wc -c <"$2")
	cmp -n "$a" "$1" "$2" || return 1
	[ "$b" -ge "$a" ] && [ "$b" -lt $((a + 1024)) ] ||
	    { tt_log "$2: $b bytes for $a"; return 1; }
	tail -c $((b - a)) "$2" | tr -d '\032' | [ "$(wc -c)" = 0 ]
}

# xf_serial ARG...: a serial pair, and tterm on it with ARG... and a new
# FileDir, $dl; the far end's folder $FAR is made, empty.
xf_serial() {
	tt_need_lrzsz || return $?
	serial_start || return 1
	dl=$(mktemp -d "$TT_TOP/dl.XXXXXX")
	FAR=$TT_TOP/far
	rm -rf "$FAR"
	mkdir -p "$FAR"
	tt_start 100 30 -o "FileDir=$dl" "$@" "serial:$TTY" || return 1
	tt_wait 'Opened'
}

# A file whose bytes a conversion would change: CR, LF, CR NUL, 0xff
# (telnet's IAC), and random bytes; not a multiple of 128 bytes long.
xf_file() {
	{ printf 'a\rb\nc\r\nd\r\000e\377\377f\377\r'
	  head -c "$2" /dev/urandom; } >"$1"
}

test_xmodem_send_serial() {
	# prefix F on a serial tab: XMODEM (CRC) to rx at the far end, as
	# to a boot loader; the tab's newline conversion and echo are on,
	# and leave the transfer alone.
	xf_serial --send-newline crlf --receive-newline crlf --local-echo ||
	    return $?
	xf_file "$TT_TOP/fw.bin" 70000
	xf_start 'XMODEM (CRC)' send "$TT_TOP/fw.bin" || return 1
	far_end 'exec rx -b -c fw.bin'
	tt_wait 'XMODEM (CRC) send done' 60 || return 1
	[ "$(far_status)" = 0 ] || return 1
	same_prefix "$TT_TOP/fw.bin" "$FAR/fw.bin" || return 1
	# The far end is a console again: what is typed comes back.
	tt_type 'after-xmodem'
	tt_wait_re 'after-xmodem.*after-xmodem' 10
}

test_xmodem_receive_serial() {
	# XMODEM-1K from sx at the far end into FileDir, by the name given.
	xf_serial --receive-newline crlf || return $?
	xf_file "$FAR/fw.bin" 50000
	far_end 'exec sx -b -k fw.bin'
	xf_start XMODEM-1K receive fw.bin || return 1
	tt_wait "XMODEM-1K receive: fw.bin into $dl" 60 || return 1
	[ "$(far_status)" = 0 ] || return 1
	same_prefix "$FAR/fw.bin" "$dl/fw.bin" || return 1
	! ls -A "$dl" | grep -q '^\.tterm-rz'
}

test_ymodem_serial() {
	# YMODEM both ways: names and sizes kept (sb sends the length).
	xf_serial || return $?
	src=$TT_TOP/src
	mkdir -p "$src"
	xf_file "$src/one.bin" 40000
	xf_file "$src/two words.txt" 999
	xf_start YMODEM send "$src/one.bin \"$src/two words.txt\"" || return 1
	far_end 'exec rb -b'
	tt_wait 'YMODEM send done' 60 || return 1
	[ "$(far_status)" = 0 ] || return 1
	cmp "$src/one.bin" "$FAR/one.bin" || return 1
	cmp "$src/two words.txt" "$FAR/two words.txt" || return 1
	# And back: the far end's sb to tterm's rb.
	far_stop
	mkdir -p "$FAR"
	cp "$src/one.bin" "$FAR/yback.bin"
	far_end 'exec sb -b -k yback.bin'
	xf_start YMODEM receive '' || return 1
	tt_wait "YMODEM receive: yback.bin into $dl" 60 || return 1
	[ "$(far_status)" = 0 ] || return 1
	cmp "$src/one.bin" "$dl/yback.bin"
}

test_zmodem_serial() {
	# A far end's sz on a serial line: received by itself (AutoZmodem).
	xf_serial --receive-newline crlf || return $?
	xf_file "$FAR/z.bin" 100000
	far_end 'exec sz -b z.bin'
	tt_wait 'ZMODEM receive: 1 file into' 60 || return 1
	[ "$(far_status)" = 0 ] || return 1
	cmp "$FAR/z.bin" "$dl/z.bin"
}

test_zmodem_send_serial() {
	# A far end's rz on a serial line: the tab asks for the files, its
	# sz sends them.
	xf_serial || return $?
	xf_file "$TT_TOP/zs.bin" 80000
	far_end 'exec rz -b'
	tt_wait 'The remote rz waits' 30 || return 1
	tt_type "$TT_TOP/zs.bin"
	tt_keys Enter
	tt_wait 'ZMODEM send done' 60 || return 1
	[ "$(far_status)" = 0 ] || return 1
	cmp "$TT_TOP/zs.bin" "$FAR/zs.bin"
}

test_macro_xmodem_serial() {
	# A macro's xmodemsend (option 3: 1K blocks) to rx at the far end of
	# a serial line: it waits for the end, result 1.
	xf_serial || return $?
	xf_file "$TT_TOP/mx.bin" 3000
	cat >"$TT_TOP/mx.ttl" <<-EOF
	xmodemsend '$TT_TOP/mx.bin' 3
	sprintf2 msg 'macro-xmodem-%d' result
	sendln msg
	EOF
	far_end 'exec rx -b -c mx.bin'
	tt_prefix m
	tt_wait 'Run a macro' || return 1
	tt_type "$TT_TOP/mx.ttl"
	tt_keys Enter
	tt_wait 'macro-xmodem-1' 60 || return 1
	[ "$(far_status)" = 0 ] || return 1
	cmp -n "$(wc -c <"$TT_TOP/mx.bin")" "$TT_TOP/mx.bin" "$FAR/mx.bin"
}

# Wait until the status bar shows some KiB of the transfer WHAT moved.
xf_moving() {
	tt_wait_re "$1: [1-9][0-9]* KiB" 30
}

test_xmodem_cancel() {
	# prefix z in the middle of a receive: the far end's sx is told and
	# gives up, nothing is kept, the line is a console again; then in
	# the middle of a send: the far end's rx gives up too.
	xf_serial || return $?
	far_end 'truncate -s 50M big.bin && exec sx -b -k big.bin'
	xf_start XMODEM-1K receive big.bin || return 1
	xf_moving 'XMODEM-1K receive' || return 1
	tt_prefix z
	tt_wait 'XMODEM-1K receive failed: cancelled; nothing kept' 10 ||
	    return 1
	st=$(far_status) || return 1
	[ "$st" != 0 ] || return 1
	[ ! -e "$dl/big.bin" ] || return 1
	! ls -A "$dl" | grep -q '^\.tterm-rz' || return 1
	tt_type 'after-cancel'
	tt_wait_re 'after-cancel' 10 || return 1
	# The other way.
	far_stop
	truncate -s 50M "$TT_TOP/big.bin"
	xf_start XMODEM-1K send "$TT_TOP/big.bin" || return 1
	far_end 'exec rx -b -c big.bin'
	xf_moving 'XMODEM-1K send' || return 1
	tt_prefix z
	tt_wait 'XMODEM-1K send failed' 10 || return 1
	st=$(far_status) || return 1
	[ "$st" != 0 ] || return 1
	tt_type 'after-send-cancel'
	tt_wait_re 'after-send-cancel' 10
}

test_xmodem_telnet() {
	# A telnet tab (ser2net's telnet port before a serial line): bytes
	# 0xff and CR cross unchanged both ways, though Enter sends CR LF.
	tt_need_lrzsz || return $?
	command -v ser2net >/dev/null || { tt_skip "no ser2net"; return 1; }
	serial_start || return 1
	port=$(tt_free_port 4)
	cat >"$SER/s2n.yaml" <<-YAML
	connection: &con1
	    accepter: telnet,tcp,127.0.0.1,$port
	    connector: serialdev,$TTY,115200n81,local
	YAML
	ser2net -n -u -d -c "$SER/s2n.yaml" -P "$SER/s2n.pid" \
	    >"$SER/s2n.log" 2>&1 &
	S2N_PID=$!
	tt_listening "$port" ser2net || return 1
	dl=$(mktemp -d "$TT_TOP/dl.XXXXXX") FAR=$TT_TOP/far
	xf_file "$TT_TOP/tn.bin" 30000
	tt_start 100 30 -o "FileDir=$dl" --send-newline crlf \
	    "127.0.0.1:$port" /telnet || return 1
	tt_wait "telnet 127.0.0.1:$port: connected" 10 || return 1
	xf_start XMODEM-1K send "$TT_TOP/tn.bin" || return 1
	far_end 'exec rx -b -c tn.bin'
	tt_wait 'XMODEM-1K send done' 60 || return 1
	[ "$(far_status)" = 0 ] || return 1
	same_prefix "$TT_TOP/tn.bin" "$FAR/tn.bin" || return 1
	far_stop
	# Back with a checksum (rx asks with NAK), in 128-byte blocks.
	far_end "cp '$TT_TOP/tn.bin' tn-back.bin && exec sx -b tn-back.bin"
	xf_start 'XMODEM (checksum)' receive tn-back.bin || return 1
	tt_wait "XMODEM (checksum) receive: tn-back.bin into $dl" 60 ||
	    return 1
	[ "$(far_status)" = 0 ] || return 1
	same_prefix "$TT_TOP/tn.bin" "$dl/tn-back.bin"
}

test_zmodem_by_hand() {
	# AutoZmodem=off: a peer's sz shows as text, and prefix F's ZMODEM
	# receive takes its file.
	tt_need_lrzsz || return $?
	src=$TT_TOP/src3 dl=$TT_TOP/dl3
	mkdir -p "$src"
	xf_file "$src/hand.bin" 20000
	tt_start 100 24 -o "FileDir=$dl" -o AutoZmodem=off \
	    -e "cd $src; exec sh" || return 1
	tt_wait_re '^\$' || return 1
	tt_type 'sz -b hand.bin; echo sz-ended-$?'
	tt_keys Enter
	tt_wait 'B00000000000000' 10 || return 1
	xf_start ZMODEM receive '' || return 1
	tt_wait 'ZMODEM receive: 1 file into' 30 || return 1
	# On the row of sz's request shown as text (it ends with CR).
	tt_wait 'sz-ended-0' 10 || return 1
	cmp "$src/hand.bin" "$dl/hand.bin"
}

test_telnet_asks_binary() {
	# A telnet server that has not offered binary mode is asked for it
	# both ways (IAC WILL BINARY, IAC DO BINARY) when a transfer starts.
	tt_need_lrzsz || return $?
	srv=$TT_TOP/srv
	mkdir -p "$srv"
	mkfifo "$srv/to"
	: >"$srv/got"
	port=$(tt_free_port 6)
	# The fifo is opened read-write: it never reads as ended.
	socat TCP-LISTEN:"$port",bind=127.0.0.1,reuseaddr \
	    "OPEN:$srv/to,rdwr!!OPEN:$srv/got,wronly,append" 2>/dev/null &
	S2N_PID=$!
	tt_listening "$port" || return 1
	printf 'x' >"$srv/f.bin"
	tt_start 100 30 "127.0.0.1:$port" /telnet || return 1
	tt_wait "telnet 127.0.0.1:$port: connected" 10 || return 1
	od -An -tx1 -v "$srv/got" | tr -s ' \n' '  ' | grep -q 'ff fb 00' &&
	    { tt_log "binary asked for before the transfer"; return 1; }
	xf_start 'XMODEM (CRC)' send "$srv/f.bin" || return 1
	tt_until 'od -An -tx1 -v "$srv/got" | tr -s " \n" "  " |
	    grep -q "ff fb 00 ff fd 00"' 10 'WILL and DO BINARY' '' ||
	    { od -An -tx1 -v "$srv/got" | head -5 >&2; return 1; }
	tt_prefix z
	tt_wait 'XMODEM (CRC) send failed' 15
}

tt_run test_zmodem_auto_receive
tt_run test_zmodem_send
tt_run test_zmodem_send_done_first
tt_run test_zmodem_off
tt_run test_zmodem_by_hand
if ! command -v socat >/dev/null 2>&1; then
	tt_skip "the serial transfer tests need socat"
fi
tt_run test_xmodem_send_serial
tt_run test_xmodem_receive_serial
tt_run test_ymodem_serial
tt_run test_zmodem_serial
tt_run test_zmodem_send_serial
tt_run test_macro_xmodem_serial
tt_run test_xmodem_cancel
tt_run test_xmodem_telnet
tt_run test_telnet_asks_binary
tt_finish
