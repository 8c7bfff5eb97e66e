#!/bin/sh
# tests/run.sh: run the whole suite: every unit test program, then every
# end-to-end script under tests/e2e. Prints each test's PASS or FAIL and
# ends with "N passed, N failed". Exit status 0 only if nothing failed.
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
	for t in "$UNITDIR"/test-*; do
		[ -x "$t" ] || continue
		echo "== unit: $(basename "$t")"
		"$t" >"$out.one" 2>&1
		rc=$?
		cat "$out.one"
		cat "$out.one" >>"$out"
		# A crash (a sanitizer abort, say) must count as a failure.
		if [ $rc -ne 0 ] && ! grep -q '^FAIL: ' "$out.one"; then
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
	cat "$out.one"
	cat "$out.one" >>"$out"
	rm -f "$out.one"
done

passed=$(grep -c '^PASS: ' "$out")
failed=$(grep -c '^FAIL: ' "$out")
if [ "$failed" -gt 0 ]; then
	echo "failed tests:"
	grep '^FAIL: ' "$out" | sed 's/^FAIL: /  /'
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
