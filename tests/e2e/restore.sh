# restore.sh: the outer terminal is put back as it was on every way out:
# quit, the last tab closing, SIGTERM, SIGHUP, a start-up error.
. "$(dirname "$0")/../lib.sh"

# The terminal is back in cooked mode with echo, on the normal screen,
# with a visible cursor.
restored() {
	tt_wait 'tterm ended' || return 1
	stty=$(tt_stty_after)
	for flag in icanon echo isig icrnl opost; do
		printf '%s\n' "$stty" | grep -qE "(^| )$flag( |$)" ||
		    { tt_log "stty lacks $flag: $stty"; return 1; }
	done
	[ "$(tt_pane '#{alternate_on}')" = 0 ] ||
	    { tt_log "still on the alternate screen"; return 1; }
	[ "$(tt_pane '#{cursor_flag}')" = 1 ] ||
	    { tt_log "cursor hidden"; return 1; }
	# tterm's bars are gone with the alternate screen.
	! tt_screen | grep -q 'Ctrl+\] ? help'
}

test_restored_after_quit() {
	tt_start 80 24 -e 'exec sh' || return 1
	tt_prefix q
	tt_wait 'Quit tterm?' || return 1
	tt_keys y
	tt_wait_exit || return 1
	[ "$(tt_exit_status)" = 0 ] || return 1
	restored
}

test_restored_after_last_tab() {
	tt_start 80 24 -e 'exec sh' || return 1
	tt_type 'exit 0'
	tt_keys Enter
	tt_wait '[exited, status 0]' || return 1
	tt_prefix x
	tt_wait_exit || return 1
	restored
}

test_restored_after_sigterm() {
	tt_start 80 24 -e 'exec sh' -e 'exec sh' || return 1
	kill -TERM "$TT_PID"
	tt_wait_exit || return 1
	restored
}

# While ten tabs flood, one is ready at every wait: the signal still gets in.
test_restored_after_sigterm_while_flooding() {
	tt_start_flooding 80 24 shown || return 1
	tt_wait 'shown' || return 1
	kill -TERM "$TT_PID"
	tt_wait_exit || return 1
	restored
}

test_restored_after_sighup() {
	tt_start 80 24 -e 'exec sh' || return 1
	kill -HUP "$TT_PID"
	tt_wait_exit || return 1
	restored
}

# A fault (a bug) still gives the terminal back before tterm dies of it.
# The signal comes from outside here; a sanitizer build reports it, which
# this test asked for (its report is dropped).
tt_crash() {
	tt_start 80 24 -e 'exec sh' || return 1
	# After the prompt: typed earlier, the echo comes before it and the
	# answer after it, on the prompt's line.
	tt_wait_re '^\$ ?$' || return 1
	tt_type 'stty size'
	tt_keys Enter
	tt_wait_re '22 80$' || return 1
	kill -"$1" "$TT_PID"
	tt_wait_exit 20 || return 1
	rm -f "$TT_DIR"/asan.* "$TT_DIR"/ubsan.*
	[ "$(tt_exit_status)" != 0 ] || { tt_log "exit status 0"; return 1; }
	restored
}

test_restored_after_segv() {
	tt_crash SEGV
}

test_restored_after_abort() {
	tt_crash ABRT
}

test_children_hung_up_on_quit() {
	tt_start 80 24 -e 'trap "echo got-hup >$HOME/hup; exit 1" HUP; while :; do sleep 0.1; done' || return 1
	tt_prefix q
	tt_wait 'Quit tterm?' || return 1
	tt_keys y
	tt_wait_exit || return 1
	tt_until '[ -s "$TT_DIR/home/hup" ]' 5 "the child's SIGHUP" ""
}

test_bad_theme_before_curses() {
	tt_start_plain() { :; }
	out=$("$TTERM" --theme /nonexistent/theme.ini 2>&1 </dev/tty)
	case $out in
	*"theme /nonexistent/theme.ini"*) return 0 ;;
	esac
	# Without a tty here, the check on the terminal comes first.
	"$TTERM" --theme /nonexistent/theme.ini </dev/null 2>&1 |
	    grep -q 'must be a terminal'
}

tt_run test_restored_after_quit
tt_run test_restored_after_last_tab
tt_run test_restored_after_sigterm
tt_run test_restored_after_sigterm_while_flooding
tt_run test_restored_after_sighup
tt_run test_restored_after_segv
tt_run test_restored_after_abort
tt_run test_children_hung_up_on_quit
