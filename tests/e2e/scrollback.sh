# scrollback.sh: the scrollback view: enter, move, leave; output keeps
# being parsed while it is up; the limit is configurable.
. "$(dirname "$0")/../lib.sh"

test_scrollback_view() {
	tt_start 80 24 -e 'seq -f "line %g" 1 300; exec sh' || return 1
	tt_wait_re '^line 300$' || return 1
	tt_prefix '['
	tt_wait 'SCROLLBACK 0/' || return 1
	tt_keys PPage
	tt_wait 'SCROLLBACK 21/' || return 1
	# 279 lines above the screen (line 280 to the prompt): a page up
	# puts line 259 on top.
	tt_wait 'SCROLLBACK 21/279' || return 1
	tt_row 1 | grep -q '^line 259$' || return 1
	# The cursor moves; the view scrolls when it goes past the top row.
	tt_keys Up Up
	tt_row 1 | grep -q '^line 259$' || return 1
	tt_keys H Up Up
	tt_wait 'SCROLLBACK 23/' || return 1
	tt_row 1 | grep -q '^line 257$' || return 1
	tt_keys Home
	tt_wait_re '^line 1$' || return 1
	tt_row 1 | grep -q '^line 1$' || return 1
	tt_keys End
	tt_wait 'SCROLLBACK 0/' || return 1
	tt_wait_re '^line 300$' || return 1
	tt_keys PPage q
	tt_wait_gone 'SCROLLBACK' || return 1
	tt_wait_re '^line 300$' || return 1
	# Keys reach the program again.
	tt_type 'echo back'
	tt_keys Enter
	tt_wait_re '^back$'
}

# clear (its CSI 3 J) empties the scrollback, as in xterm and tmux: the
# scrollback view has nothing above the screen, and a taller screen
# brings no old line back.
test_scrollback_cleared() {
	tt_start 80 24 -e 'seq -f "old %g" 1 100; printf "\033[H\033[2J\033[3J"; echo cleared; exec sh' ||
	    return 1
	tt_wait_re '^cleared$' || return 1
	tt_prefix '['
	tt_wait 'SCROLLBACK 0/0' || return 1
	tt_keys q
	tt_wait_gone 'SCROLLBACK' || return 1
	tt_resize 80 34
	tt_until 'tt_row 33 | grep -q "help"' 5 'the taller screen' '' ||
	    return 1
	tt_screen | grep -q '^old' && { tt_log "old lines came back"; return 1; }
	tt_row 1 | grep -q '^cleared$'
}

test_scrollback_stays_put() {
	# New output does not move the lines being looked at.
	tt_start 80 24 -e 'seq -f "old %g" 1 100; read x; seq -f "new %g" 1 50; exec sh' ||
	    return 1
	tt_wait_re '^old 100$' || return 1
	tt_prefix '['
	tt_keys PPage PPage
	tt_wait_re '^old 40$' || return 1
	first=$(tt_row 1)
	tt_keys Enter		# the view eats it: the program still waits
	tt_prefix q		# the prefix still works in the view
	tt_wait 'Quit tterm?' || return 1
	tt_keys n
	tt_wait_gone 'Quit tterm?' || return 1
	[ "$(tt_row 1)" = "$first" ] || return 1
	tt_keys q
	tt_wait_gone SCROLLBACK || return 1
	tt_keys Enter
	tt_wait_re '^new 50$' || return 1
	tt_prefix '['
	# old 1-100, the line read waited on, new 1-50, the prompt: 130 lines
	# above the screen; two pages up show old 89 to new 9.
	tt_keys PPage PPage
	tt_wait_re '^old 100$' || return 1
	tt_row 1 | grep -q '^old 89$' || return 1
	tt_keys q
}

test_scrollback_limit() {
	tt_start 80 24 --scrollback 50 -e 'seq -f "line %g" 1 300; exec sh' ||
	    return 1
	tt_wait_re '^line 300$' || return 1
	tt_prefix '['
	tt_keys Home
	tt_wait 'SCROLLBACK 50/50' || return 1
	# 279 lines went above the screen; the newest 50 are 230 to 279.
	tt_row 1 | grep -q '^line 230$'
}

test_scrollback_survives_resize() {
	tt_start 80 24 -e 'seq -f "line %g" 1 100; exec sh' || return 1
	tt_wait_re '^line 100$' || return 1
	tt_resize 80 10
	tt_wait '80x8' || return 1
	tt_resize 80 30
	tt_wait '80x28' || return 1
	# Growing brings lines back from the scrollback.
	tt_wait_re '^line 75$'
}

# The view at the top of the history while a taller screen takes lines
# back from it: it stays within what is held, and tterm goes on.
test_view_through_taller_screen() {
	tt_start 80 24 -e 'seq -f "line %g" 1 100; exec sh' || return 1
	tt_wait_re '^line 100$' || return 1
	tt_prefix '['
	tt_keys Home
	tt_wait_re '^line 1$' || return 1
	tt_wait 'SCROLLBACK 79/79' || return 1
	tt_resize 80 40
	# Offset and lines held agree: 101 lines less the 38 shown.
	tt_wait 'SCROLLBACK 63/63' || return 1
	tt_wait_re '^line 1$' || return 1
	tt_keys q
	tt_wait_gone SCROLLBACK || return 1
	tt_type 'echo still here'
	tt_keys Enter
	tt_wait_re '^still here$'
}

test_scrollback_long() {
	# Most of 5,000 lines are kept compressed: they read back whole, in
	# the view and to a search.
	tt_start 80 24 -e 'seq -f "line %g" 1 5000; exec sh' || return 1
	tt_wait_re '^line 5000$' || return 1
	tt_prefix '['
	tt_keys Home
	tt_wait_re '^line 1$' || return 1
	tt_row 1 | grep -q '^line 1$' || return 1
	tt_row 22 | grep -q '^line 22$' || return 1
	tt_keys q
	tt_wait_gone SCROLLBACK || return 1
	tt_prefix /
	tt_wait 'search up' || return 1
	tt_keys C-r
	tt_wait 'search up (regex):' || return 1
	tt_type 'line 1234$'
	tt_keys Enter
	tt_wait 'match 1 of 1' || return 1
	tt_wait_re '^line 1234$'
}

tt_run test_scrollback_view
tt_run test_scrollback_cleared
tt_run test_scrollback_stays_put
tt_run test_scrollback_limit
tt_run test_scrollback_survives_resize
tt_run test_view_through_taller_screen
tt_run test_scrollback_long
