# keys.sh: what typed keys send to the program in a tab, through
# libvterm's encoder: special keys, Esc without delay, Alt, the prefix
# itself, bracketed paste, and a different prefix.
. "$(dirname "$0")/../lib.sh"

# A program that prints the bytes of each read() as hex on a line.
DUMP='stty raw -echo opost onlcr; echo dump-ready; while :; do dd bs=256 count=1 2>/dev/null | od -An -tx1 -w64; done'

# tt_key_bytes KEYS... HEX: send the keys, wait for the line of their bytes.
key_bytes() {
	hex=$1
	shift
	tt_keys "$@"
	tt_wait_re "^ $hex\$"
}

test_special_keys() {
	tt_start 100 24 -e "$DUMP" || return 1; tt_wait dump-ready || return 1
	key_bytes '1b 5b 41' Up || return 1
	key_bytes '1b 5b 31 35 7e' F5 || return 1
	key_bytes '1b 5b 48' Home || return 1
	key_bytes '1b 5b 36 7e' NPage || return 1
	key_bytes '1b 5b 33 7e' DC || return 1
	key_bytes '0d' Enter || return 1
	key_bytes '7f' BSpace || return 1
	key_bytes '1b 5b 5a' BTab
}

test_application_cursor_mode() {
	tt_start 100 24 -e "printf '\\033[?1h'; $DUMP" || return 1; tt_wait dump-ready || return 1
	key_bytes '1b 4f 41' Up || return 1
	key_bytes '1b 4f 44' Left
}

test_escape_is_quick() {
	tt_start 100 24 -e "$DUMP" || return 1; tt_wait dump-ready || return 1
	# A lone Esc reaches the program at once, not after a second.
	start=$(date +%s%N)
	key_bytes '1b' Escape || return 1
	end=$(date +%s%N)
	tt_log "Esc took $(( (end - start) / 1000000 )) ms"
	[ $(( (end - start) / 1000000 )) -lt 900 ]
}

test_alt_and_ctrl() {
	tt_start 100 24 -e "$DUMP" || return 1; tt_wait dump-ready || return 1
	key_bytes '1b 78' M-x || return 1
	key_bytes '01' C-a || return 1
	key_bytes '1b 5b 31 3b 33 44' M-Left || return 1
	key_bytes '1b 5b 31 3b 35 43' C-Right
}

test_prefix_twice_and_other_prefix() {
	tt_start 100 24 -e "$DUMP" || return 1; tt_wait dump-ready || return 1
	key_bytes '1d' C-] C-] || return 1
	tt_stop
	tt_start 100 24 --prefix C-a -e "$DUMP" || return 1; tt_wait dump-ready || return 1
	tt_wait 'Ctrl+a ? help' || return 1
	# Ctrl+] is an ordinary key now, and Ctrl+A the prefix.
	key_bytes '1d' C-] || return 1
	key_bytes '01' C-a C-a || return 1
	tt_keys C-a c
	tt_wait 'New connection' || return 1
	tt_keys Enter
	tt_wait_re '2\*:sh'
}

test_bracketed_paste() {
	tt_start 100 24 -e "printf '\\033[?2004h'; $DUMP" || return 1; tt_wait dump-ready || return 1
	tmux -S "$TT_SOCK" set-buffer 'pasted'
	tmux -S "$TT_SOCK" paste-buffer -p -t t
	# ESC [ 2 0 0 ~ pasted ESC [ 2 0 1 ~, over however many reads.
	tt_until "tt_screen | tr -d '\\n' | grep -qF -- \"\$1\"" 5 'the paste' \
	    '1b 5b 32 30 30 7e 70 61 73 74 65 64 1b 5b 32 30 31 7e'
}

test_paste_keeps_prefix_literal() {
	# A pasted Ctrl+] is text for the program, not a tterm command.
	tt_start 100 24 -e "$DUMP" || return 1; tt_wait dump-ready || return 1
	tmux -S "$TT_SOCK" set-buffer "$(printf 'a\035c')"
	tmux -S "$TT_SOCK" paste-buffer -p -t t
	tt_wait_re '^ 61 1d 63$' || return 1
	! tt_row 0 | grep -q '2\*'
}

tt_run test_special_keys
tt_run test_application_cursor_mode
tt_run test_escape_is_quick
tt_run test_alt_and_ctrl
tt_run test_prefix_twice_and_other_prefix
tt_run test_bracketed_paste
tt_run test_paste_keeps_prefix_literal
