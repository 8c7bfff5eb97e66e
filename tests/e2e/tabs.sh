# tabs.sh: opening, switching and closing tabs; the tab bar and the status
# bar; the questions before closing a running tab or quitting.
. "$(dirname "$0")/../lib.sh"

test_open_switch_close() {
	# The tab bar shows fir""st, the screen first.
	tt_start 100 24 -e 'echo fir""st; exec sh' || return 1
	tt_wait first || return 1
	# The connection dialog: with no history, Enter opens the shell.
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_keys Enter
	tt_wait_re '^ 1\+?:echo fir""st; exec sh \| 2\*:sh' || return 1
	tt_row 23 | grep -q '^ \[2\] local: sh' || return 1
	tt_wait_gone first || return 1
	tt_type 'echo second'
	tt_keys Enter
	tt_wait_re '^second' || return 1
	# p, n and numbers switch; each tab keeps its own screen.
	tt_prefix p
	tt_wait_re '^ 1\*:' || return 1
	tt_wait first || return 1
	tt_prefix n
	tt_wait_re '\| 2\*:sh' || return 1
	tt_wait_re '^second' || return 1
	tt_prefix 1
	tt_wait_re '^ 1\*:' || return 1
	tt_prefix 2
	tt_wait_re '\| 2\*:sh' || return 1
	tt_prefix n		# wraps around
	tt_wait_re '^ 1\*:' || return 1
	# Closing a running tab asks; n keeps it.
	tt_prefix x
	tt_wait 'Close tab 1? echo fir""st; exec sh is still running. (y/n)' ||
	    return 1
	tt_keys n
	tt_wait_gone 'Close tab 1?' || return 1
	tt_wait_re '^ 1\*:echo fir' || return 1
	# y closes it; tab 2 becomes tab 1.
	tt_prefix x
	tt_wait 'Close tab 1?' || return 1
	tt_keys y
	tt_wait_re '^ 1\*:sh' || return 1
	tt_wait_re '^second'
}

test_many_tabs() {
	tt_start 80 24 -e 'exec sh' -e 'exec sh' -e 'exec sh' -e 'exec sh' \
	    -e 'exec sh' -e 'exec sh' -e 'exec sh' -e 'exec sh' \
	    -e 'echo tab nine; exec sh' || return 1
	tt_prefix 9
	tt_wait 'tab nine' || return 1
	tt_wait_re '9\*:echo tab nine' || return 1
	tt_prefix 1
	tt_wait_re '^ 1\*:exec sh' || return 1
	# Tabs past the right edge of the bar are marked, as those past the
	# left edge are.
	tt_wait_re '^ 1\*:exec sh .*>$' || return 1
	# No tab 10 to pick with a digit: a message instead.
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_keys Enter
	tt_wait_re '10\*:sh' || return 1
	tt_prefix n
	tt_wait_re '^ 1\*:' || return 1
	tt_prefix Y
	tt_wait 'no command on that key'
}

test_quit_asks() {
	tt_start 80 24 -e 'exec sh' -e 'exec sh' || return 1
	tt_prefix q
	tt_wait 'Quit tterm? 2 tabs are still running. (y/n)' || return 1
	tt_keys Escape
	tt_wait_gone 'Quit tterm?' || return 1
	if tt_dead; then
		tt_log "tterm exited after Escape"
		return 1
	fi
	tt_prefix q
	tt_wait 'Quit tterm?' || return 1
	tt_keys y
	tt_wait_exit || return 1
	[ "$(tt_exit_status)" = 0 ]
}

test_quit_when_all_exited() {
	tt_start 80 24 -e 'exit 0' || return 1
	tt_wait '[exited, status 0]' || return 1
	tt_prefix q
	tt_wait_exit
}

# Every binding, each line whole: a line wider than the screen wraps
# under itself (the copy mode's line lost its end at 80 columns).
test_help_overlay() {
	tt_start 80 24 -e 'echo under the help; exec sh' || return 1
	tt_wait 'under the help' || return 1
	tt_prefix '?'
	tt_wait 'tterm keys: press Ctrl+], then' || return 1
	# In the help's order: Space goes on to the rest.
	for what in 'new connection' 'settings of the tab' \
	    "save the tab's settings" 'next tab' 'previous tab' \
	    'select tab 1 to 9' 'list the tabs' 'mark the tab for broadcast' \
	    'type a line for the marked tabs' 'close the tab' \
	    'scrollback and copy' 'search, q leaves' \
	    'search the scrollback' 'paste what was copied' \
	    'quit tterm' 'send the prefix key itself' 'pause the program'; do
		tt_screen | grep -qF "$what" && continue
		# A short screen shows the rest after Space.
		tt_screen | grep -qF 'Space: more' && tt_keys Space &&
		    tt_wait "$what" && continue
		tt_log "no '$what'"
		return 1
	done
	tt_keys Space
	tt_wait_gone 'tterm keys:' || return 1
	tt_wait 'under the help'
}

test_help_scrolls() {
	# Taller than the screen: Space, PgUp/PgDn, Up and Down move it,
	# other keys close it.
	tt_start 80 14 -e 'echo under the help; exec sh' || return 1
	tt_wait 'under the help' || return 1
	tt_prefix '?'
	tt_wait 'Space: more' || return 1
	tt_wait 'new connection' || return 1
	tt_screen | grep -q 'pause the program' && return 1
	tt_keys PageDown PageDown
	tt_wait 'pause the program' || return 1
	tt_wait_gone 'new connection' || return 1
	# One line back up: the last goes out of view.
	tt_keys Up
	tt_wait_gone 'pause the program' || return 1
	tt_wait 'send the prefix key itself' || return 1
	tt_keys q
	tt_wait_gone 'tterm keys:' || return 1
	tt_wait 'under the help'
}

test_other_tabs_keep_running() {
	# A hidden tab's program is not stopped while another is shown: it
	# writes about 4 MB to its tty, more than a pty holds, so its writes
	# complete only if tterm reads the hidden tab; then it leaves a mark,
	# which must come while tab 1 is still shown.
	mark=$TT_TOP/hidden-mark
	tt_start 80 24 -e 'exec sh' \
	    -e "seq -f 'hidden %g' 1 300000; : >$mark; echo tick-end; exec sh" ||
	    return 1
	tt_wait_re '^ 1\*:exec sh' || return 1
	tt_wait_re '^\$ ?$' || return 1
	tt_type 'echo in one'
	tt_keys Enter
	tt_wait_re '^in one' || return 1
	tt_until '[ -e "$mark" ]' 60 'the hidden tab to take its output' '' ||
	    return 1
	tt_row 0 | grep -q '^ 1\*:' || { tt_log "tab 2 was shown"; return 1; }
	# Its screen kept up with it meanwhile.
	tt_prefix 2
	tt_wait_re '2\*:seq' || return 1
	tt_wait_re '^tick-end' || return 1
	tt_screen | grep -q '^hidden 300000$'
}

# The rows of an overlay (a window with a border) that hold text.
listed() {
	tt_screen | grep "^│.*$1"
}

test_tab_list() {
	tt_start 100 24 -e 'echo alpha-screen; exec sh' \
	    -e "printf '\\033]0;日本語サーバ\\007'; echo kanji-screen; exec sh" \
	    -e 'echo bravo-screen; exec sh' \
	    -e "$(printf 'echo ctl\001char; exec sh')" || return 1
	tt_wait alpha-screen || return 1
	tt_prefix w
	tt_wait 'Tabs: 4' || return 1
	# Every tab, the shown one selected; control characters dropped.
	tt_wait_re '^│>  1 \*  *echo alpha-screen' || return 1
	tt_wait_re '^│   2 .*日本語サーバ  *printf' || return 1
	listed 'echo ctlchar; exec sh' >/dev/null || return 1
	[ "$(listed ' running' | wc -l)" = 4 ] || return 1
	# The states line up, after a wide title too.
	at=$(listed ' running' | while IFS= read -r l; do
		printf '%s' "${l%%running*}" | wc -L
	done | sort -u)
	[ "$(printf '%s\n' "$at" | wc -l)" = 1 ] ||
	    { tt_log "the state column at $at"; return 1; }
	# A filter in any case; Enter shows the tab.
	tt_type BRAVO
	tt_wait 'Filter: BRAVO_' || return 1
	tt_wait_re '^│>  3 .*echo bravo-screen' || return 1
	[ "$(listed ' running' | wc -l)" = 1 ] || return 1
	tt_keys Enter
	tt_wait_gone 'Filter:' || return 1
	tt_wait_re '\| 3\*:echo bravo' || return 1
	tt_wait_re '^bravo-screen' || return 1
	# Wide characters filter too.
	tt_prefix w
	tt_wait 'Tabs: 4' || return 1
	tt_type 'サーバ'
	tt_wait_re '^│>  2 .*日本語サーバ' || return 1
	[ "$(listed ' running' | wc -l)" = 1 ] || return 1
	tt_keys Enter
	tt_wait_re '\| 2\*:日本語サーバ' || return 1
	tt_wait_re '^kanji-screen' || return 1
	# A number; nothing matches; Esc leaves the shown tab as it is.
	tt_prefix w
	tt_wait 'Tabs: 4' || return 1
	tt_type 4
	tt_wait_re '^│>  4 .*echo ctlchar' || return 1
	tt_type x
	tt_wait 'no tab matches' || return 1
	tt_keys Escape
	tt_wait_gone 'Filter:' || return 1
	tt_wait_re '\| 2\*:日本語サーバ'
}

test_tab_bar_many_tabs() {
	# shellcheck disable=SC2046
	tt_start 80 24 $(seq 40 | sed 's/.*/-e sh/') || return 1
	tt_wait_re '^ 1\*:sh .*>$' || return 1
	tt_row 0 | grep -q '<' && { tt_log "a < with tab 1 shown"; return 1; }
	# The list scrolls; the selection stays in view.
	tt_prefix w
	tt_wait 'Tabs: 40' || return 1
	tt_keys End
	tt_wait_re '^│> 40 ' || return 1
	tt_keys Up Up C-p C-p Up
	tt_wait_re '^│> 35 ' || return 1
	tt_keys Enter
	tt_wait_gone 'Tabs: 40' || return 1
	# Tab 35 in the bar, the tabs on either side marked.
	tt_wait_re '^<.* 35\*:sh .*>$' || return 1
	first=$(tt_row 0 | sed 's/^< \([0-9]*\).*/\1/')
	# One to the left: the bar stays where it is.
	tt_prefix w
	tt_wait_re '^│> 35 ' || return 1
	tt_keys C-p Enter
	tt_wait_re '^<.* 34\*:sh ' || return 1
	[ "$(tt_row 0 | sed 's/^< \([0-9]*\).*/\1/')" = "$first" ] ||
	    { tt_log "the bar moved from tab $first"; return 1; }
	# Back to the first: no < any more.
	tt_prefix 1
	tt_wait_re '^ 1\*:sh .*>$'
}

test_activity_mark() {
	go=$TT_TOP/go
	tt_start 80 24 -e 'exec sh' \
	    -e "while [ ! -e $go ]; do sleep 0.05; done; echo woke-up; exec sh" ||
	    return 1
	tt_wait_re '^\$' || return 1
	tt_wait_re '^ 1\*:exec sh \| 2:while' || return 1
	: >"$go"
	tt_wait_re '^ 1\*:exec sh \| 2\+:while' || return 1
	tt_prefix w
	tt_wait_re '^│   2 \+  ' || return 1
	tt_keys Escape
	tt_wait_gone 'Filter:' || return 1
	# Shown, the mark goes, and stays gone while the tab is quiet.
	tt_prefix 2
	tt_wait_re '^woke-up' || return 1
	tt_wait_re '^ 1:exec sh \| 2\*:while' || return 1
	tt_prefix 1
	tt_wait_re '^ 1\*:exec sh \| 2:while' || return 1
	# A bell too.
	tt_prefix 2
	tt_wait_re '\| 2\*:while' || return 1
	tt_type "while [ ! -e $go.bell ]; do sleep 0.05; done; printf '\\a'"
	tt_keys Enter
	tt_prefix 1
	tt_wait_re '^ 1\*:exec sh \| 2:while' || return 1
	: >"$go.bell"
	tt_wait_re '^ 1\*:exec sh \| 2!\+:while'
}

tt_run test_open_switch_close
tt_run test_many_tabs
tt_run test_quit_asks
tt_run test_quit_when_all_exited
tt_run test_help_overlay
tt_run test_help_scrolls
tt_run test_other_tabs_keep_running
tt_run test_tab_list
tt_run test_tab_bar_many_tabs
tt_run test_activity_mark
