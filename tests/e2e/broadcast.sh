# broadcast.sh: typing into several tabs at once: tabs marked with prefix
# *, broadcast turned on and off with prefix B, the compose line (prefix
# i); what is typed reaches the marked tabs, hidden ones too, each in its
# own character set and with its own newline, and no other tab.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../socat.sh"

tt_test_cleanup() {
	serial_stop
	[ -n "${DEV_PID:-}" ] && kill "$DEV_PID" 2>/dev/null
	return 0
}

# A program that prints the bytes of each read() as hex on a line.
DUMP='stty raw -echo opost onlcr; echo dump-ready; while :; do dd bs=256 count=1 2>/dev/null | od -An -tx1 -w64; done'

# shells N: the -e arguments for N shells, each with T set to its number
# (what they write says which tab ran it).
shells() {
	i=1
	while [ "$i" -le "$1" ]; do
		printf -- "-e\nexport T=%s; exec sh\n" "$i"
		i=$((i + 1))
	done
}

# start_shells N: tterm with N such shells, tab 1 shown, its prompt up.
start_shells() {
	OUT=$TT_TOP/out
	: >"$OUT"
	# shellcheck disable=SC2046
	IFS='
'
	set -- $(shells "$1")
	unset IFS
	tt_start 100 24 "$@" || return 1
	tt_wait_re '^\$ ?$'
}

# mark N...: mark tabs N... for broadcast (each shown in turn).
mark() {
	for n in "$@"; do
		tt_prefix "$n"
		tt_wait_re "(^| )$n\\*" || return 1
		tt_prefix '*'
		tt_wait_re "(^| )$n\\*@" || return 1
	done
}

# wrote LINE...: each LINE is in $OUT.
wrote() {
	for l in "$@"; do
		tt_until 'grep -qx "$1" "$OUT"' 5 "'$1' in $OUT" "$l" || return 1
	done
}

# never_wrote LINE: LINE is not in $OUT (after what should be is there).
never_wrote() {
	if grep -qx "$1" "$OUT"; then
		tt_log "'$1' reached a tab it should not have:"
		sed 's/^/    | /' "$OUT" >&2
		return 1
	fi
}

test_broadcast_to_marked_tabs() {
	start_shells 3 || return 1
	mark 1 3 || return 1
	# Shown: tab 2, which is not marked.
	tt_prefix 2
	tt_wait_re '(^| )2\*:' || return 1
	tt_prefix B
	tt_wait 'BROADCAST to 2 tabs, not this one' || return 1
	# In the theme's alert colours (white on red), as the targets' labels.
	tt_wait_sgr 41 ' BROADCAST to 2 tabs' || return 1
	tt_wait_sgr 41 ' 3@:' || return 1
	tt_wait_re '^ 1@:.*\| 2\*:.*\| 3@:' || return 1
	tt_type "echo typed-\$T >>$OUT"
	tt_keys Enter
	wrote typed-1 typed-3 || return 1
	never_wrote typed-2 || return 1
	# A paste goes the same way (bracketed, as the outer tmux sends it).
	tmux -S "$TT_SOCK" set-buffer "echo pasted-\$T >>$OUT
"
	tmux -S "$TT_SOCK" paste-buffer -p -t t
	wrote pasted-1 pasted-3 || return 1
	never_wrote pasted-2 || return 1
	# Broadcast off: keys go to the shown tab only.
	tt_prefix B
	tt_wait_gone 'BROADCAST' || return 1
	tt_type "echo alone-\$T >>$OUT"
	tt_keys Enter
	wrote alone-2 || return 1
	never_wrote alone-1 || return 1
	never_wrote alone-3
}

test_broadcast_paste_buffer() {
	# What was copied, pasted with prefix ], goes to the marked tabs.
	start_shells 3 || return 1
	tt_type "echo 'echo buf-\$T >>$OUT'"
	tt_keys Enter
	tt_wait_re '^echo buf-' || return 1
	tt_prefix '['
	tt_wait 'SCROLLBACK' || return 1
	tt_keys k V y
	tt_wait 'copied' || return 1
	mark 1 3 || return 1
	tt_prefix 2
	tt_wait_re '(^| )2\*:' || return 1
	tt_prefix B
	tt_wait 'BROADCAST to 2 tabs' || return 1
	tt_prefix ']'
	tt_keys Enter
	wrote buf-1 buf-3 || return 1
	never_wrote buf-2
}

test_broadcast_marks_all_when_none_marked() {
	start_shells 3 || return 1
	tt_prefix B
	tt_wait 'BROADCAST to 3 tabs ' || return 1
	tt_wait_re '^ 1\*@:.*\| 2@\+?:.*\| 3@\+?:' || return 1
	tt_type "echo all-\$T >>$OUT"
	tt_keys Enter
	wrote all-1 all-2 all-3 || return 1
	# An exited tab is left out.
	tt_prefix B
	tt_wait_gone 'BROADCAST' || return 1
	tt_prefix 3
	tt_wait_re '3\*@:' || return 1
	tt_type 'exit'
	tt_keys Enter
	tt_wait '[exited, status 0]' || return 1
	tt_prefix 1
	tt_wait_re '^ 1\*@:' || return 1
	tt_prefix B
	tt_wait 'BROADCAST to 2 tabs ' || return 1
	tt_type "echo later-\$T >>$OUT"
	tt_keys Enter
	wrote later-1 later-2
}

test_compose_line() {
	start_shells 3 || return 1
	mark 1 3 || return 1
	tt_prefix i
	tt_wait 'to 2 tabs:' || return 1
	tt_wait '1 export T=1; exec sh, 3 export T=3; exec sh' || return 1
	tt_type "echo composed-\$T >>$OUT"
	tt_keys Enter
	wrote composed-1 composed-3 || return 1
	never_wrote composed-2 || return 1
	tt_wait 'Sent to 2 tabs.' || return 1
	tt_keys Escape
	tt_wait_gone 'Sent to 2 tabs.' || return 1
	# The compose line is not broadcast mode: typing goes to tab 3 only.
	tt_type "echo shown-\$T >>$OUT"
	tt_keys Enter
	wrote shown-3 || return 1
	never_wrote shown-1
}

test_compose_line_to_every_tab() {
	# As Tera Term's broadcast: with no tab chosen, every tab.
	start_shells 3 || return 1
	tt_prefix i
	tt_wait 'to every tab, 3 tabs' || return 1
	tt_type "echo every-\$T >>$OUT"
	tt_keys Enter
	wrote every-1 every-2 every-3
}

# A Shift_JIS tab and a UTF-8 tab both marked: the same typed text
# reaches each in its own character set.
test_broadcast_charsets() {
	text='日本語'
	utf8=$(printf '%s' "$text" | od -An -tx1 -w64)
	sjis=$(printf '%s' "$text" | iconv -f UTF-8 -t SHIFT_JIS |
	    od -An -tx1 -w64) || return 1
	[ -n "$sjis" ] && [ "$sjis" != "$utf8" ] || return 1
	tt_start 100 24 -e "$DUMP" || return 1
	tt_wait dump-ready || return 1
	prof=$TT_TOP/sjis.ini
	printf '[Tera Term]\nKanjiReceive=SJIS\nKanjiSend=SJIS\n[tterm]\nCommand=%s\n' \
	    "$DUMP" >"$prof"
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_type "-P $prof"
	tt_keys Enter
	tt_wait_re '2\*:' || return 1
	tt_wait dump-ready || return 1
	tt_prefix B
	tt_wait 'BROADCAST to 2 tabs' || return 1
	tt_type "$text"
	tt_wait_re "^$sjis\$" || return 1
	tt_prefix 1
	tt_wait_re '^ 1\*@' || return 1
	tt_wait_re "^$utf8\$"
}

# The bytes the serial device received, as hex on one line.
device_got() {
	od -An -tx1 -v "$SER/got" | tr -d '\n'
}

# Enter as each tab's line says: a serial line with CRSend=CRLF gets CR
# LF, a local tab CR, typed or from the compose line.
test_broadcast_newlines() {
	serial_start || return 1
	cat "$SER/dev" >"$SER/got" 2>/dev/null &
	DEV_PID=$!
	tt_start 100 24 -o CRSend=CRLF "serial:$TTY" -e "$DUMP" || return 1
	tt_wait 'Opened' || return 1
	tt_prefix 2
	tt_wait dump-ready || return 1
	tt_prefix 1
	tt_wait_re '^ 1\*' || return 1
	tt_prefix B
	tt_wait 'BROADCAST to 2 tabs' || return 1
	tt_type 'nl'
	tt_keys Enter
	tt_until 'device_got | grep -q "6e 6c 0d 0a"' 5 \
	    'CR LF on the serial line' '' || return 1
	tt_prefix B
	tt_wait_gone 'BROADCAST' || return 1
	tt_prefix i
	tt_wait 'to 2 tabs' || return 1
	tt_type 'cl'
	tt_keys Enter
	tt_until 'device_got | grep -q "63 6c 0d 0a"' 5 \
	    'the compose line with CR LF on the serial line' '' || return 1
	tt_keys Escape
	tt_wait_gone 'Sent to 2 tabs.' || return 1
	# The local tab got CR alone, both times.
	tt_prefix 2
	tt_wait_re '^ 2\*|\| 2\*' || return 1
	tt_wait_re '^ *(6e 6c )?0d *$' || return 1
	tt_wait_re '^ *63 6c 0d *$' || return 1
	! tt_screen | grep -q ' 0a'
}

tt_run test_broadcast_to_marked_tabs
tt_run test_broadcast_paste_buffer
tt_run test_broadcast_marks_all_when_none_marked
tt_run test_compose_line
tt_run test_compose_line_to_every_tab
tt_run test_broadcast_charsets
tt_run test_broadcast_newlines
