# tests/lib.sh: helpers for end-to-end tests. Each test runs tterm inside
# a private tmux server, types with send-keys and reads the screen with
# capture-pane, waiting for conditions with a deadline (never a fixed sleep).
#
# A test file defines functions and calls tt_run for each; tt_run prints
# "PASS: name", "FAIL: name" or "SKIP: name (why)", which tests/run.sh
# counts. A test that cannot run here (no sshd, socat, root...) calls
# tt_skip; with CI=1 or TTERM_REQUIRE_ALL=1 a skip is a failure.

: "${TTERM:?TTERM must name the tterm binary}"
export LANG=C.UTF-8 LC_ALL=C.UTF-8

TT_TOP=$(mktemp -d "${TMPDIR:-/tmp}/tterm-test.XXXXXX")
TT_PASSED=0
TT_FAILED=0
TT_SKIP_ALL=
trap 'tt_cleanup' EXIT

# Whatever a test left running under this folder (a second sshd, a
# restarted one, a tmux server) is stopped when the file ends.
tt_cleanup() {
	pkill -f "$TT_TOP/" 2>/dev/null
	rm -rf "$TT_TOP"
}

tt_log() {
	printf '    %s\n' "$*" >&2
}

# tt_start W H ARGS...: start tterm with ARGS in a W x H tmux window.
# TT_TMUX_CONF adds a line to the outer tmux's configuration.
# TT_ASAN_OPTIONS adds to ASAN_OPTIONS (such as quarantine_size_mb=4).
# TT_DEBUG_LOG=1 has tterm write its debug log, whose end a failed test
# prints.
tt_start() {
	tt_w=$1 tt_h=$2
	shift 2
	TT_DIR=$(mktemp -d "$TT_TOP/t.XXXXXX")
	TT_SOCK=$TT_DIR/sock
	TT_HOME=${TT_HOME:-$TT_DIR/home}
	mkdir -p "$TT_HOME"
	cat >"$TT_DIR/tmux.conf" <<-CONF
	set -g default-terminal tmux-256color
	set -g remain-on-exit on
	set -g escape-time 0
	set -g status off
	set -g history-limit 100
	${TT_TMUX_CONF:-}
	CONF
	# The command line tmux runs: tterm with a known shell and prompt.
	tt_cmd="env HOME=$TT_HOME SSH_AUTH_SOCK=${TT_AGENT:-} SHELL=/bin/sh PS1='\$ ' ENV= TERMINFO=${TT_TERMINFO:-} TERM=${TT_TERM:-tmux-256color}"
	# The outer terminal's word on 24-bit colour, and a cache in HOME.
	tt_cmd="$tt_cmd COLORTERM=${TT_COLORTERM:-} XDG_CACHE_HOME="
	tt_cmd="$tt_cmd ASAN_OPTIONS=log_path=$TT_DIR/asan:detect_leaks=1:abort_on_error=0${TT_ASAN_OPTIONS:+:$TT_ASAN_OPTIONS}"
	tt_cmd="$tt_cmd UBSAN_OPTIONS=log_path=$TT_DIR/ubsan:print_stacktrace=1"
	tt_cmd="$tt_cmd ${TT_WRAP:-}"
	[ -z "${TT_DEBUG_LOG:-}" ] || set -- --log "$TT_DIR/debug.log" "$@"
	for a in "$TTERM" "$@"; do
		tt_cmd="$tt_cmd '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
	done
	# A shell runs tterm and records how it ended (tmux may leave it
	# unreaped, and then knows no status).
	printf '%s\n' "$tt_cmd" 'st=$?' 'stty -a >"$0.stty" 2>&1' \
	    'echo "tterm ended"' 'echo $st >"$0.status"' 'exec sleep 3600' \
	    >"$TT_DIR/run"
	tmux -S "$TT_SOCK" -f "$TT_DIR/tmux.conf" new-session -d -s t \
	    -x "$tt_w" -y "$tt_h" "sh $TT_DIR/run" || return 1
	tt_shpid=$(tmux -S "$TT_SOCK" display -p -t t '#{pane_pid}')
	tt_until 'TT_PID=$(pgrep -P "$tt_shpid" -n)' 5 "tterm to start" "" ||
	    return 1
	# The first frame (under valgrind, on a loaded machine, it takes a while).
	tt_wait_re '^ 1\*:' "${TT_START_SECS:-15}" || return 1
}

# tt_start_flooding W H WORD: tterm with ten tabs of `yes`, the first
# (shown) printing WORD, so that some tab is ready at every wait.
tt_start_flooding() {
	tt_fw=$1 tt_fh=$2
	set -- -e "exec yes $3"
	for tt_i in 1 2 3 4 5 6 7 8 9; do
		set -- "$@" -e 'exec yes hidden'
	done
	tt_start "$tt_fw" "$tt_fh" "$@"
}

# The screen as text (-e: with SGR escapes).
tt_screen() {
	tmux -S "$TT_SOCK" capture-pane -p -t t "$@"
}

# tt_wait TEXT [SECS]: wait until TEXT is on the screen.
tt_wait() {
	tt_until "tt_screen | grep -qF -- \"\$1\"" "${2:-5}" "text '$1'" "$1"
}

# tt_wait_re REGEX [SECS]
tt_wait_re() {
	tt_until "tt_screen | grep -qE -- \"\$1\"" "${2:-5}" "pattern '$1'" "$1"
}

# tt_wait_gone TEXT [SECS]: wait until TEXT has left the screen.
tt_wait_gone() {
	tt_until "! tt_screen | grep -qF -- \"\$1\"" "${2:-5}" "'$1' to go" "$1"
}

# tt_wait_e TEXT [SECS]: wait for TEXT in the screen with escapes.
tt_wait_e() {
	tt_until "tt_screen -e | grep -qF -- \"\$1\"" "${2:-5}" "escapes '$1'" "$1"
}

# tt_wait_sgr SGR TEXT [SECS]: wait until TEXT is drawn with SGR parameters
# SGR (such as 38;5;208), other SGR sequences allowed in between.
tt_wait_sgr() {
	tt_esc=$(printf '\033')
	tt_re="$tt_esc\\[([0-9;]*;)?$1(;[0-9;]*)?m($tt_esc\\[[0-9;]*m)*$2"
	tt_until "tt_screen -e | grep -qE -- \"\$1\"" "${3:-5}" \
	    "'$2' drawn with SGR $1" "$tt_re"
}

# tt_free_port [N]: a loopback TCP port nobody listens on (N varies the
# starting point between callers of one script).
tt_free_port() {
	tt_p=$(( 20000 + ($$ * 7 + ${1:-0}) % 20000 ))
	while grep -qi ":$(printf '%04X' $tt_p) " /proc/net/tcp \
	    /proc/net/tcp6 2>/dev/null; do
		tt_p=$((tt_p + 1))
	done
	echo "$tt_p"
}

# tt_listening PORT [WHAT]: wait until something listens on PORT.
tt_listening() {
	tt_until "grep -qi ':$(printf '%04X' "$1") 00000000:0000 0A' /proc/net/tcp" \
	    5 "${2:-a listener on port $1}" ''
}

# tt_until CONDITION SECS WHAT ARG: poll CONDITION (with $1 = ARG) every
# 50 ms until it holds or the deadline passes; dump the screen on failure.
tt_until() {
	tt_cond=$1 tt_secs=$2 tt_what=$3
	set -- "$4"
	tt_end=$(( $(date +%s%N) / 1000000 + tt_secs * 1000 ))
	while :; do
		if eval "$tt_cond"; then
			return 0
		fi
		if [ "$(( $(date +%s%N) / 1000000 ))" -ge "$tt_end" ]; then
			TT_WAITED="timed out after ${tt_secs}s waiting for $tt_what"
			tt_log "$TT_WAITED; screen:"
			tt_screen | sed 's/^/    | /' >&2
			return 1
		fi
		sleep 0.05
	done
}

# tt_still SECS WHAT: the screen stays as it is for SECS seconds (checked
# every 50 ms up to the deadline); fail at the first change, showing both.
tt_still() {
	tt_snap=$(tt_screen)
	tt_end=$(( $(date +%s%N) / 1000000 + $1 * 1000 ))
	while [ "$(( $(date +%s%N) / 1000000 ))" -lt "$tt_end" ]; do
		tt_now=$(tt_screen)
		if [ "$tt_now" != "$tt_snap" ]; then
			tt_log "the screen changed within ${1}s ($2); before:"
			printf '%s\n' "$tt_snap" | sed 's/^/    | /' >&2
			tt_log "after:"
			printf '%s\n' "$tt_now" | sed 's/^/    | /' >&2
			return 1
		fi
		sleep 0.05
	done
}

# Keys as tmux names them (C-], Enter, Up, F5, ...).
tt_keys() {
	tmux -S "$TT_SOCK" send-keys -t t "$@"
}

# Literal text.
tt_type() {
	tmux -S "$TT_SOCK" send-keys -t t -l -- "$1"
}

# The prefix key followed by KEY.
tt_prefix() {
	tt_keys C-] "$@"
}

# Line N (0-based) of the screen.
tt_row() {
	tt_screen | sed -n "$(( $1 + 1 ))p"
}

tt_resize() {
	tmux -S "$TT_SOCK" resize-window -t t -x "$1" -y "$2"
}

# Whether tterm has exited.
tt_dead() {
	[ -s "$TT_DIR/run.status" ]
}

tt_wait_exit() {
	tt_until '[ -s "$TT_DIR/run.status" ]' "${1:-5}" "tterm to exit" ""
}

# The terminal's settings after tterm ended (after tt_wait_exit).
tt_stty_after() {
	cat "$TT_DIR/run.stty"
}

# A tmux format for the pane, such as #{alternate_on}.
tt_pane() {
	tmux -S "$TT_SOCK" display -p -t t "$1"
}

# How tterm exited (after tt_wait_exit).
tt_exit_status() {
	cat "$TT_DIR/run.status"
}

tt_stop() {
	tt_end
}

# End tterm with SIGTERM, wait for it (tt_reap), then stop tmux. Not by
# hanging up its terminal first: a hangup also sends SIGCONT, which can
# cancel the SIGSTOP that LeakSanitizer's exit scan stops the process
# with, and the scan then waits for ever (seen once in a few dozen runs).
tt_end() {
	[ -n "${TT_PID:-}" ] && kill -TERM "$TT_PID" 2>/dev/null
	tt_reap
	[ -n "${TT_SOCK:-}" ] && tmux -S "$TT_SOCK" kill-server 2>/dev/null
	TT_SOCK=
}

# Wait for the tterm of the test to be gone. One that is still there after
# the deadline (a hang at exit, or LeakSanitizer's exit scan spinning) is
# killed, so that it cannot load the machine for the tests after it, and
# fails the test: TT_HUNG makes tt_body return failure.
tt_reap() {
	if [ -n "${TT_PID:-}" ] &&
	    ! tt_until '! kill -0 "$TT_PID" 2>/dev/null' 20 "tterm to end" "" \
	    2>/dev/null; then
		tt_log "tterm (pid $TT_PID) did not end within 20s of being" \
		    "told to; killed it"
		pkill -9 -P "$TT_PID" 2>/dev/null
		kill -9 "$TT_PID" 2>/dev/null
		TT_HUNG=1
	fi
	TT_PID=
}

# tt_kill [SIG]: a test that kills tterm on purpose (default SIGKILL):
# tt_reap has nothing left to wait for, and nothing fails.
tt_kill() {
	[ -n "${TT_PID:-}" ] || return 0
	kill -"${1:-KILL}" "$TT_PID" 2>/dev/null
	tt_until '! kill -0 "$TT_PID" 2>/dev/null' 10 "tterm to be killed" "" ||
	    return 1
	TT_PID=
}

# Fail when the sanitizers wrote a report.
tt_sanitizer_clean() {
	tt_ok=0
	for f in "$TT_DIR"/asan.* "$TT_DIR"/ubsan.*; do
		[ -e "$f" ] || continue
		tt_log "sanitizer report $f:"
		sed 's/^/    ! /' "$f" | head -40 >&2
		tt_ok=1
	done
	return $tt_ok
}

# End tterm and tmux (tt_end), and
# check that the sanitizers found nothing.
tt_finish() {
	[ -n "${TT_SOCK:-}" ] || return 0
	tt_end
	tt_sanitizer_clean
}

# A failed test's last words, at the end where a short excerpt of the
# output still shows them: the debug log's end, and what it waited for.
tt_failed_report() {
	if [ -n "$TT_DIR" ] && [ -s "$TT_DIR/debug.log" ]; then
		tt_log "the end of tterm's debug log:"
		tail -n 40 "$TT_DIR/debug.log" | sed 's/^/    > /' >&2
	fi
	[ -z "$TT_WAITED" ] || tt_log "$1: $TT_WAITED"
}

tt_body() {
	TT_SOCK= TT_PID= TT_DIR= TT_HUNG= TT_IN_TEST=$1 TT_SKIPPED= TT_WAITED=
	"$1"
	tt_rc=$?
	tt_finish || tt_rc=1
	[ -z "$TT_HUNG" ] || tt_rc=1
	[ $tt_rc = 0 ] || tt_failed_report "$1"
	# A test file may stop its own peers (servers) here.
	if command -v tt_test_cleanup >/dev/null 2>&1; then
		tt_test_cleanup
	fi
	# The test's own sshd, for files without a cleanup of their own.
	if command -v sshd_stop >/dev/null 2>&1; then
		sshd_stop
	fi
	if [ -n "$TT_SKIPPED" ] && [ $tt_rc != 0 ]; then
		printf '%s\n' "$TT_SKIPPED" >"$TT_TOP/skipped"
		exit 77
	fi
	exit $tt_rc
}

# tt_ja_locale: ja_JP.UTF-8 is there, made if this machine lacks it
# (root, Debian's locales); the tests of the Japanese interface need it.
tt_ja_locale() {
	locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$' && return 0
	[ "$(id -u)" = 0 ] && command -v localedef >/dev/null || return 1
	localedef -i ja_JP -f UTF-8 ja_JP.UTF-8 2>/dev/null
	locale -a 2>/dev/null | grep -qi '^ja_JP\.utf-\?8$'
}

# Whether a skip is to count as a failure: CI has every peer installed.
tt_required() {
	[ -n "${CI:-}" ] && [ "$CI" != 0 ] && [ "$CI" != false ] && return 0
	[ -n "${TTERM_REQUIRE_ALL:-}" ] && [ "$TTERM_REQUIRE_ALL" != 0 ]
}

# tt_skip REASON: what a test needs is missing here (root, sshd, socat,
# ser2net, network namespaces...). Before the tt_run calls of a script,
# every test after it is reported skipped; inside a test, that test is
# (follow it with return 1).
tt_skip() {
	if [ -n "${TT_IN_TEST:-}" ]; then
		TT_SKIPPED=$1
		tt_log "skipped: $1"
		return 1
	fi
	TT_SKIP_ALL=$1
}

# tt_skip_build REASON: as tt_skip before the tests, for tests that do not
# apply to this build (valgrind on a sanitizer build): never a failure.
tt_skip_build() {
	TT_SKIP_ALL=$1
	TT_SKIP_ANYWAY=1
}

# Report test NAME as skipped for REASON, or failed when skips are not
# allowed.
tt_report_skip() {
	if [ -z "${TT_SKIP_ANYWAY:-}" ] && tt_required; then
		echo "FAIL: $1 (not run: $2; CI=1 or TTERM_REQUIRE_ALL=1 needs it)"
		TT_FAILED=$((TT_FAILED + 1))
	else
		echo "SKIP: $1 ($2)"
	fi
}

# tt_run NAME: run function NAME as one test.
tt_run() {
	if [ -n "$TT_SKIP_ALL" ]; then
		tt_report_skip "$1" "$TT_SKIP_ALL"
		return 0
	fi
	rm -f "$TT_TOP/skipped"
	( tt_body "$1" )
	tt_rc=$?
	if [ $tt_rc = 0 ]; then
		echo "PASS: $1"
		TT_PASSED=$((TT_PASSED + 1))
	elif [ $tt_rc = 77 ] && [ -s "$TT_TOP/skipped" ]; then
		tt_report_skip "$1" "$(cat "$TT_TOP/skipped")"
	else
		echo "FAIL: $1"
		TT_FAILED=$((TT_FAILED + 1))
	fi
	return 0
}
