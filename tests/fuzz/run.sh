#!/bin/sh
# tests/fuzz/run.sh: run libFuzzer targets for a bounded time each.
#
#   sh tests/fuzz/run.sh SECONDS BINDIR CORPUSDIR TARGET...
#
# Each BINDIR/fuzz-TARGET starts from CORPUSDIR/TARGET (the seeds, never
# written) and BINDIR/work/TARGET (what it found before), runs for SECONDS
# and passes when it ends without a crash, leak or timeout. A failing
# input is kept as BINDIR/work/TARGET-crash-... (the log says which).
# Ends with "N passed, N failed".
secs=$1 bindir=$2 corpus=$3
shift 3
# A small quarantine: the parsers allocate much and often, and a large one
# makes every run fault in fresh pages (three times slower here).
ASAN_OPTIONS=${ASAN_OPTIONS:-quarantine_size_mb=16}
export ASAN_OPTIONS
passed=0 failed=0
for t in "$@"; do
	work=$bindir/work/$t
	log=$bindir/work/$t.log
	mkdir -p "$work"
	if "$bindir/fuzz-$t" -max_total_time="$secs" -rss_limit_mb=2048 \
	    -timeout=10 -max_len=4096 -print_final_stats=1 \
	    -artifact_prefix="$bindir/work/$t-" "$work" "$corpus/$t" \
	    >"$log" 2>&1; then
		runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
		echo "PASS: fuzz-$t: $runs runs, $rate exec/s"
		passed=$((passed + 1))
	else
		echo "FAIL: fuzz-$t: see $log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|.*invariant broken)' \
		    "$log" | head -3 | sed 's/^/    /'
		grep -E 'Test unit written to' "$log" | sed 's/^/    /'
		failed=$((failed + 1))
	fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
