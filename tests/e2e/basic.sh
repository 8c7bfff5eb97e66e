# basic.sh: a command's output in a tab, the environment programs get, the
# title, the exit mark, and tterm ending with its last tab.
. "$(dirname "$0")/../lib.sh"

test_output_in_tab() {
	tt_start 80 24 -e 'echo "hello from tab"; exec sh' || return 1
	tt_wait "hello from tab" || return 1
	# Top line is the tab bar, bottom line the status bar. A title
	# wider than a label keeps both its ends.
	tt_row 0 | grep -q '^ 1\*:echo "hello\.\.b"; exec sh$' || return 1
	tt_row 23 | grep -q 'local: echo' || return 1
	tt_row 23 | grep -q '80x22' || return 1
	tt_row 23 | grep -q 'Ctrl+\] ? help' || return 1
	# The text sits on the first content row.
	tt_row 1 | grep -q '^hello from tab' || return 1
	tt_type 'echo typed-$((6*7))'
	tt_keys Enter
	tt_wait "typed-42"
}

# Local tabs alone open none of the libraries tterm opens when first
# needed (libssh, libcrypto, Oniguruma, the form library, iniparser):
# loading them at start took more than a third of its time.
test_no_lazy_libraries_at_start() {
	tt_start 80 24 -e 'echo local tab; exec sh' || return 1
	tt_wait "local tab" || return 1
	if [ ! -r "/proc/$TT_PID/maps" ]; then
		tt_skip "no /proc/PID/maps here"
		return 1
	fi
	grep -q 'libvterm' "/proc/$TT_PID/maps" || return 1
	! grep -q -e 'libssh\.so' -e 'libcrypto\.so' -e 'libonig\.so' \
	    -e 'libformw\.so' -e 'libiniparser\.so' "/proc/$TT_PID/maps"
}

test_default_shell_tab() {
	tt_start 80 24 || return 1
	# A login shell: root's prompt from /etc/profile is "# ".
	tt_wait_re '^[#$] ?$' || return 1
	tt_row 0 | grep -q '^ 1\*:sh' || return 1
	tt_type 'echo TERM=$TERM TMUX=${TMUX:-unset}'
	tt_keys Enter
	tt_wait "TERM=xterm-256color TMUX=unset"
}

test_term_option() {
	tt_start 80 24 --term vt220 -e 'echo "TERM is $TERM"; exec sh' ||
	    return 1
	tt_wait "TERM is vt220"
}

test_title_from_osc() {
	tt_start 80 24 -e 'printf "\033]2;my \001title\007"; exec sh' || return 1
	tt_wait_re '^ 1\*:my title' || return 1
	tt_type 'printf "\033]0;second\007"'
	tt_keys Enter
	tt_wait_re '^ 1\*:second'
}

test_exit_mark() {
	tt_start 80 24 -e 'echo last words; exit 3' -e 'exec sh' || return 1
	tt_prefix 1
	tt_wait "[exited, status 3]" || return 1
	tt_wait "last words" || return 1
	tt_row 23 | grep -q 'exited, status 3' || return 1
	tt_row 0 | grep -q '1\*:echo last words; exit 3 \[exited\]' || return 1
	# Typing into it says what does something there.
	tt_type 'x'
	tt_wait 'Ctrl+] r: again, Ctrl+] x: close' || return 1
	# Closing a finished tab does not ask.
	tt_prefix x
	tt_wait_re '^ 1\*:exec sh' || return 1
	tt_wait_gone 'last words'
}

test_last_tab_closes_tterm() {
	tt_start 80 24 -e 'sleep 0.3; exit 0' || return 1
	tt_wait "[exited, status 0]" || return 1
	tt_prefix x
	tt_wait_exit || return 1
	[ "$(tt_exit_status)" = 0 ]
}

test_killed_mark() {
	tt_start 80 24 -e 'kill -9 $$' -e 'exec sh' || return 1
	tt_prefix 1
	tt_wait "[killed by signal 9]"
}

test_last_output_kept() {
	# Output written just before exit is shown, every byte of it.
	tt_start 80 24 -e 'seq 1 5000; printf "THE END"; exit 0' || return 1
	tt_wait "THE END" || return 1
	tt_wait "[exited, status 0]"
}

test_command_fails() {
	tt_start 80 24 -e 'exec /nonexistent/program' || return 1
	tt_wait "[exited, status 127]" || return 1
	tt_wait "not found"
}

test_garbage_output() {
	# Random bytes from a program: tterm and the other tab carry on.
	tt_start 80 24 -e 'head -c 3000000 /dev/urandom; sleep 0.2; printf "\033c"; echo SURVIVED; exec sh' \
	    -e 'exec sh' || return 1
	tt_prefix 1
	tt_wait SURVIVED 60 || return 1
	tt_prefix 2
	tt_wait_re '2\*:exec sh' || return 1
	tt_type 'echo still-here'
	tt_keys Enter
	tt_wait_re '^still-here'
}

test_help_and_version() {
	"$TTERM" --help | grep -q 'usage: tterm' || return 1
	"$TTERM" --version | grep -q '^tterm [0-9]' || return 1
	"$TTERM" --bogus >/dev/null 2>&1 && return 1
	# A bad option: getopt's line and one line of usage, not the help.
	[ "$("$TTERM" --bogus 2>&1 | wc -l)" -eq 2 ] || return 1
	"$TTERM" --bogus 2>&1 | grep -q "unrecognized option '--bogus'" ||
	    return 1
	"$TTERM" --prefix x </dev/null 2>&1 | grep -q 'bad prefix' || return 1
	"$TTERM" </dev/null 2>&1 | grep -q 'must be a terminal'
}

# Tabs open in the order of the command line: -e commands and
# destinations as they come (a closed port is a tab all the same).
test_tab_order() {
	port=$(tt_free_port)
	tt_start 140 24 -e 'echo first; exec sh' "127.0.0.1:$port" \
	    -e 'echo third; exec sh' || return 1
	tt_wait_re "^ 1.?:echo first; exec sh \\| 2.?:ssh [^|]*127\\.0\\.0\\.1[^|]*\\| 3.?:echo third"
}
tt_run test_output_in_tab
tt_run test_no_lazy_libraries_at_start
tt_run test_default_shell_tab
tt_run test_term_option
tt_run test_title_from_osc
tt_run test_exit_mark
tt_run test_last_tab_closes_tterm
tt_run test_killed_mark
tt_run test_last_output_kept
tt_run test_command_fails
tt_run test_garbage_output
tt_run test_help_and_version
tt_run test_tab_order
