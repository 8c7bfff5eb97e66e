#!/bin/sh
# tests/run.sh: run the whole suite: every unit test program, then every
# end-to-end script under tests/e2e. Prints each test's PASS, FAIL or SKIP
# and ends with "N passed, N failed" (", N skipped" when some were). A
# script that dies part way (a status other than 0, or fewer results than
# it has tt_run calls) is a failure with its name. A skip (a peer such as
# sshd or socat missing) is a failure under CI=1 or TTERM_REQUIRE_ALL=1,
# which lib.sh reads. Exit status 0 only if nothing failed.
#
# TTERM names the binary, UNITDIR the folder with the unit test programs.
# Give test names (e.g. tabs) to run only e2e scripts matching them.

: "${TTERM:?set TTERM to the tterm binary}"
: "${UNITDIR:?set UNITDIR to the unit test folder}"
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp "${TMPDIR:-/tmp}/tterm-run.XXXXXX")
trap 'rm -f "$out"' EXIT

if ! command -v tmux >/dev/null 2>&1; then
	echo "tests/run.sh: tmux is needed for the end-to-end tests" >&2
	exit 1
fi

if [ $# -eq 0 ]; then
	# The layers: which source file may call which (tests/layers.txt),
	# read off the objects next to the unit tests' build.
	echo "== layers"
	sh "$here/layers.sh" "${OBJDIR:-$UNITDIR/../../src}" >"$out.one" 2>&1
	cat "$out.one"
	cat "$out.one" >>"$out"
	rm -f "$out.one"
	for t in "$UNITDIR"/test-*; do
		[ -x "$t" ] || continue
		echo "== unit: $(basename "$t")"
		"$t" >"$out.one" 2>&1
		rc=$?
		cat "$out.one"
		cat "$out.one" >>"$out"
		# A crash (a sanitizer abort, say) must count as a failure, and
		# so must a program that reports nothing.
		if { [ $rc -ne 0 ] && ! grep -q '^FAIL: ' "$out.one"; } ||
		    ! grep -q -e '^PASS: ' -e '^FAIL: ' "$out.one"; then
			echo "FAIL: $(basename "$t") exited with status $rc" |
			    tee -a "$out"
		fi
		rm -f "$out.one"
	done
fi
for s in "$here"/e2e/*.sh; do
	name=$(basename "$s" .sh)
	if [ $# -gt 0 ]; then
		case " $* " in *" $name "*|*" ${name#*-} "*) ;; *) continue ;; esac
	fi
	echo "== e2e: $name"
	# Not a pipe: a stray server holding it open would hang the suite.
	TTERM=$TTERM sh "$s" >"$out.one" 2>&1 </dev/null
	rc=$?
	cat "$out.one"
	cat "$out.one" >>"$out"
	# Each tt_run call reports once, whatever the outcome: fewer reports
	# mean the script died (or exited) part way.
	want=$(grep -c '^[[:space:]]*tt_run ' "$s")
	got=$(grep -c -e '^PASS: ' -e '^FAIL: ' -e '^SKIP: ' "$out.one")
	if [ $rc -ne 0 ] || [ "$got" -lt "$want" ] || [ "$got" -eq 0 ]; then
		echo "FAIL: e2e/$name died: exit status $rc, $got of $want results" |
		    tee -a "$out"
	fi
	rm -f "$out.one"
done

passed=$(grep -c '^PASS: ' "$out")
failed=$(grep -c '^FAIL: ' "$out")
skipped=$(grep -c '^SKIP: ' "$out")
if [ "$skipped" -gt 0 ]; then
	echo "skipped tests (CI=1 makes these failures):"
	grep '^SKIP: ' "$out" | sed 's/^SKIP: /  /'
fi
if [ "$failed" -gt 0 ]; then
	echo "failed tests:"
	grep '^FAIL: ' "$out" | sed 's/^FAIL: /  /'
fi
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
