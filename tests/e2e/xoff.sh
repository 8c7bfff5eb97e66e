# xoff.sh: Ctrl+S pauses a tab's output and the status bar says so until
# Ctrl+Q; a flooding tab never starves the keyboard or the other tabs.
. "$(dirname "$0")/../lib.sh"

TICKER='i=0; while :; do i=$((i+1)); echo "tick $i"; sleep 0.05; done'

# The last "tick N" on the screen: N.
xoff_last_tick() {
	tt_screen | sed -n 's/^tick \([0-9]*\)$/\1/p' | tail -n 1
}

test_xoff_message() {
	tt_start 100 24 -e "$TICKER" -e 'exec sh' || return 1
	tt_prefix 1
	tt_wait 'tick 3' || return 1
	tt_keys C-s
	tt_wait 'OUTPUT PAUSED: you pressed Ctrl+S; Ctrl+Q resumes' || return 1
	# The message belongs to that tab.
	tt_prefix 2
	tt_wait_gone 'OUTPUT PAUSED' || return 1
	tt_prefix 1
	tt_wait 'OUTPUT PAUSED' || return 1
	# The program really is paused: for 2 s (40 ticks' worth) nothing
	# changes on the screen, and the last tick is still the same.
	before=$(xoff_last_tick)
	[ -n "$before" ] || { tt_log "no tick on the screen"; return 1; }
	tt_still 2 'output paused by Ctrl+S' || return 1
	[ "$(xoff_last_tick)" = "$before" ] || return 1
	# Ctrl+Q: the ticks go on from where they stopped.
	tt_keys C-q
	tt_wait_gone 'OUTPUT PAUSED' || return 1
	tt_until '[ "$(xoff_last_tick)" -ge $((before + 5)) ]' 5 \
	    "ticks past $before" ''
}

test_flood_keeps_keyboard() {
	tt_start 100 24 -e 'seq 1 2000000; echo FLOOD-DONE; exec sh' \
	    -e 'exec sh' || return 1
	tt_prefix 1
	tt_wait_re '^[0-9]+$' 10 || return 1
	# While tab 1 floods, tab 2 answers at once.
	tt_prefix 2
	tt_wait_re '2\*:exec sh' 5 || return 1
	tt_type 'echo typed-while-flooding'
	tt_keys Enter
	tt_wait_re '^typed-while-flooding' 5 || return 1
	tt_prefix 1
	tt_wait_re '^FLOOD-DONE' 60 || return 1
	tt_row 20 | grep -q '^2000000$'
}

test_flood_in_background() {
	# A hidden tab's output is read and parsed while it stays hidden: its
	# program writes about 2 MB to its tty, which blocks while nobody
	# reads the pty, and only then leaves a mark.
	mark=$TT_TOP/bg-mark
	tt_start 100 24 -e 'exec sh' \
	    -e "seq -f 'bg %g' 1 200000; : >$mark; echo BG-DONE; exec sh" ||
	    return 1
	tt_wait_re '^ 1\*:' || return 1
	tt_type 'echo fg-works'
	tt_keys Enter
	tt_wait_re '^fg-works' || return 1
	tt_until '[ -e "$mark" ]' 60 'the hidden tab to take its 2 MB' '' ||
	    return 1
	tt_row 0 | grep -q '^ 1\*:' || { tt_log "tab 2 was shown"; return 1; }
	tt_prefix 2
	tt_wait_re '^BG-DONE' || return 1
	tt_row 20 | grep -q '^bg 200000$'
}

tt_run test_xoff_message
tt_run test_flood_keeps_keyboard
tt_run test_flood_in_background
