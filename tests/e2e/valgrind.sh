# valgrind.sh: the core paths (tabs, typing, output, scrollback, overlays,
# resize, quit) and an SSH tab's life (log in, type, close, quit) run
# under valgrind's memcheck without errors or leaks. Memcheck sees what
# the sanitizers cannot: libssh's own reads and writes of tterm's memory.
# Skipped without valgrind (a failure under CI=1), and on sanitizer builds.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

tt_test_cleanup() {
	sshd_stop
	return 0
}

# The valgrind log of the tterm that just ended holds no error.
memcheck_clean() {
	log=$TT_TOP/vg.$TT_PID
	[ -f "$log" ] || { tt_log "no valgrind log $log"; return 1; }
	# forkpty's TIOCGPTPEER is unknown to this valgrind: not an error.
	grep -v -e 'noted but unhandled ioctl' -e 'could cause spurious' \
	    -e 'README_MISSING_SYSCALL' "$log" >"$log.errors"
	if [ -s "$log.errors" ]; then
		tt_log "valgrind reported:"
		head -60 "$log.errors" | sed 's/^/    ! /' >&2
		return 1
	fi
}

VG="valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect"

test_memcheck_core_paths() {
	TT_START_SECS=120 TT_WRAP="$VG --log-file=$TT_TOP/vg.%p" \
	    tt_start 80 24 -e 'seq -f "out %g" 1 2000; exec sh' \
	    -e 'printf "\033[31m\346\227\245\346\234\254\033[m\n"; exec sh' ||
	    return 1
	tt_wait_re '^out 2000$' 60 || return 1
	tt_prefix c
	tt_wait 'New connection' 30 || return 1
	tt_keys Enter
	tt_wait_re '3\*:' 30 || return 1
	tt_type 'echo typed'
	tt_keys Enter
	tt_wait_re '^typed' 30 || return 1
	tt_prefix 1
	tt_prefix '['
	tt_keys PPage Home
	tt_wait_re '^out 1$' 30 || return 1
	tt_keys q
	tt_prefix '?'
	tt_wait 'tterm keys' 30 || return 1
	tt_keys q
	tt_resize 70 20
	tt_wait '70x18' 30 || return 1
	tt_prefix x
	tt_wait 'Close tab 1?' 30 || return 1
	tt_keys y
	tt_prefix q
	tt_wait 'Quit tterm?' 30 || return 1
	tt_keys y
	tt_wait_exit 60 || return 1
	memcheck_clean
}

# An SSH tab (a key; keepalives by default) logs in and types; it is
# closed, its duplicate is opened and tterm quits with it open: libssh
# counts its last packets into tterm's memory as the connections go.
test_memcheck_ssh_tab() {
	sshd_start pubkey || return 1
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
	sshd_client_setup known
	TT_START_SECS=120 TT_WRAP="$VG --log-file=$TT_TOP/vg.%p" \
	    tt_start 100 30 --no-ssh-config -e 'exec sh' \
	    ssh://$SSHD_USER@127.0.0.1:$SSHD_PORT || return 1
	tt_prefix 2
	tt_wait_re "$SSHD_USER"'@[^ ]*[#$] ?$' 60 || return 1
	tt_type 'echo typed-$((6*7))'
	tt_keys Enter
	tt_wait_re '^typed-42' 30 || return 1
	tt_prefix x
	tt_wait 'Close tab 2?' 30 || return 1
	tt_keys y
	tt_wait_re '^ 1\*:' 30 || return 1
	tt_prefix d
	tt_wait_re '2\*:' 30 || return 1
	tt_prefix q
	tt_wait 'Quit tterm?' 30 || return 1
	tt_keys y
	tt_wait_exit 60 || return 1
	memcheck_clean
}

if ! command -v valgrind >/dev/null 2>&1; then
	tt_skip "valgrind is not installed"
elif nm "$TTERM" 2>/dev/null | grep -q __asan_init; then
	tt_skip_build "memcheck does not run on a sanitizer build"
fi
tt_run test_memcheck_core_paths
tt_run test_memcheck_ssh_tab
