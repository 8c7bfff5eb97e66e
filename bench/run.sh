#!/bin/sh
# bench/run.sh: tterm's performance against tmux and plain cat, on a
# 120x40 pty owned by bench/ptybench (TERM=xterm-256color, drained as fast
# as it comes). Prints a table; see README for the latest figures.
#
#   sh bench/run.sh            (or: make bench)
#
# Environment: TTERM (default ./tterm), RUNS (7), SIZE (bytes per workload,
# 16 MiB), CG_SIZE (bytes for the callgrind count, 4 MiB), NOCG=1 to skip
# callgrind, NOTMUX=1 to skip tmux, STARTS (start-ups timed, 21),
# NOSCREEN=1 to skip GNU screen's start-up.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
TTERM=${TTERM:-$top/tterm}
RUNS=${RUNS:-7}
STARTS=${STARTS:-21}
SIZE=${SIZE:-16777216}
CG_SIZE=${CG_SIZE:-4194304}
B=$(mktemp -d "${TMPDIR:-/tmp}/tterm-bench.XXXXXX")
trap 'tmux -S "$B/tmux.sock" kill-server 2>/dev/null; rm -rf "$B"' EXIT
export LANG=C.UTF-8 LC_ALL=C.UTF-8

cc -O2 -o "$B/ptybench" "$top/bench/ptybench.c" -lutil
cc -O2 -o "$B/gen" "$top/bench/gen.c" "$top/bench/workload.c"
WORKLOADS="ascii sgr cjk cursor"
for w in $WORKLOADS; do
	"$B/gen" "$w" "$SIZE" >"$B/w.$w"
done

MARK=@@BENCH-END@@
PMARK='\100\100BENCH-END\100\100'	# the command line must not contain MARK
have_tmux=0
[ "${NOTMUX:-0}" = 1 ] || ! command -v tmux >/dev/null 2>&1 || have_tmux=1

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

run_one() {
	case $1 in
	cat)	"$B/ptybench" -m $MARK -- sh -c "cat $2; printf '$PMARK'" ;;
	tterm)	"$B/ptybench" -m $MARK -- "$TTERM" \
		    -e "cat $2; printf '$PMARK'; exec sleep 100" ;;
	tmux)	"$B/ptybench" -m $MARK -- tmux -S "$B/tmux.sock" -f /dev/null \
		    new-session "cat $2; printf '$PMARK'; exec sleep 100"
		tmux -S "$B/tmux.sock" kill-server 2>/dev/null || true ;;
	esac
}

progs="cat tterm"
[ $have_tmux = 1 ] && progs="$progs tmux"

echo "tterm benchmark: $(uname -srm), $(nproc) cores, 120x40 pty," \
    "$((SIZE / 1048576)) MiB per workload, median of $RUNS runs"
echo
printf '%-10s %10s %10s %10s %12s %12s\n' workload cat tterm tmux \
    tterm/cat tmux/cat
for w in $WORKLOADS; do
	for p in $progs; do
		: >"$B/t.$p"
	done
	i=0
	while [ $i -lt "$RUNS" ]; do
		for p in $progs; do
			run_one "$p" "$B/w.$w" >>"$B/t.$p"
		done
		i=$((i + 1))
	done
	c=$(median <"$B/t.cat")
	t=$(median <"$B/t.tterm")
	x=-
	[ $have_tmux = 1 ] && x=$(median <"$B/t.tmux")
	echo "$w $c $t $x" >>"$B/results"
	awk -v w="$w" -v c="$c" -v t="$t" -v x="$x" 'BEGIN {
	    printf "%-10s %9.3fs %9.3fs %10s %11.2fx %12s\n", w, c, t,
	        (x == "-" ? "-" : sprintf("%.3fs", x)), t / c,
	        (x == "-" ? "-" : sprintf("%.2fx", x / c)) }'
done
awk '{ lt += log($3 / $2); if ($4 != "-") lx += log($4 / $2); else nx = 1 }
    END { printf "%-10s %10s %10s %10s %11.2fx %12s\n", "geomean", "", "",
        "", exp(lt / NR), (nx ? "-" : sprintf("%.2fx", exp(lx / NR))) }' \
    "$B/results"
echo

# Where the time goes: the parser alone, and tterm's whole terminal.
build=$(dirname "$TTERM")
if [ -f "$build/libtterm.a" ] && [ -f "$build/config.h" ]; then
	# shellcheck disable=SC2046
	if cc -O2 -I"$build" -I"$top/include" -o "$B/parse" "$top/bench/parse.c" \
	    "$build/libtterm.a" $(pkg-config --libs vterm ncursesw liblz4) \
	    -liniparser 2>/dev/null; then
		echo "parser only (no pty, no screen), seconds: libvterm state / tterm terminal"
		for w in $WORKLOADS; do
			"$B/parse" "$B/w.$w" | awk -v w="$w" \
			    '{ printf "  %-8s %.3f / %.3f\n", w, $2, $3 }'
		done
		echo
	fi
fi

# Keystroke to echo: cat in raw mode in the tab, one key at a time.
lat() {
	"$B/ptybench" -m READY -L 300 -- "$@"
}
ECHO="stty raw -echo; printf '\\122EADY'; exec cat"
set -- $(lat "$TTERM" -e "$ECHO")
echo "key echo, tterm:          median $1 us, p99 $2 us"
if [ $have_tmux = 1 ]; then
	set -- $(lat tmux -S "$B/tmux.sock" -f /dev/null new-session "$ECHO")
	tmux -S "$B/tmux.sock" kill-server 2>/dev/null || true
	echo "key echo, tmux:           median $1 us, p99 $2 us"
fi
# The same with 99 other tabs flooding.
set -- "$TTERM" -e "$ECHO"
i=0
while [ $i -lt 99 ]; do
	set -- "$@" -e 'exec yes "flood flood flood flood flood flood flood"'
	i=$((i + 1))
done
set -- $(lat "$@")
echo "key echo, 100 tabs flooding: median $1 us, p99 $2 us"

# Start-up to the first frame (the status bar drawn), alternating with GNU
# screen's when it is there (its hardstatus line says "? help" too; its
# session ends with the terminal). NOSCREEN=1 skips screen.
have_screen=0
[ "${NOSCREEN:-0}" = 1 ] || ! command -v screen >/dev/null 2>&1 ||
    have_screen=1
mkdir -m 700 "$B/screens"
printf '%s\n' 'startup_message off' 'autodetach off' \
    'hardstatus alwayslastline "? help"' >"$B/screenrc"
: >"$B/t.start"
: >"$B/t.screen"
i=0
while [ $i -lt "$STARTS" ]; do
	"$B/ptybench" -m '? help' -- "$TTERM" -e 'exec sleep 100' >>"$B/t.start"
	[ $have_screen = 0 ] || SCREENDIR=$B/screens "$B/ptybench" \
	    -m '? help' -- screen -c "$B/screenrc" sh -c 'exec sleep 100' \
	    >>"$B/t.screen"
	i=$((i + 1))
done
awk '{ printf "start-up to first frame:  %.1f ms\n", $1 * 1000 }' <<EOT
$(median <"$B/t.start")
EOT
[ $have_screen = 0 ] || awk '{ printf "start-up, GNU screen:     %.1f ms\n",
    $1 * 1000 }' <<EOT
$(median <"$B/t.screen")
EOT

# Memory: one idle tab; ten tabs with 10,000 lines of scrollback each.
mkdir -p "$B/done"
pss=$("$B/ptybench" -m '? help' -W 0:"$B/done" -- "$TTERM" -e 'exec sleep 100')
echo "memory, 1 tab:            $((pss / 1024)).$(( (pss % 1024) * 10 / 1024 )) MiB PSS"
head -n 10000 "$B/w.ascii" >"$B/10k"
set -- "$TTERM"
i=0
while [ $i -lt 10 ]; do
	set -- "$@" -e "cat $B/10k; touch $B/done/$i; exec sleep 1000"
	i=$((i + 1))
done
pss=$("$B/ptybench" -m '? help' -W 10:"$B/done" -- "$@")
echo "memory, 10 tabs x 10k lines: $((pss / 1024)).$(( (pss % 1024) * 10 / 1024 )) MiB PSS"

# Instructions per input byte under callgrind, frames paced by bytes so
# that the count does not depend on how slow callgrind makes tterm.
if [ "${NOCG:-0}" != 1 ] && command -v valgrind >/dev/null 2>&1; then
	head -c "$CG_SIZE" "$B/w.ascii" >"$B/cg.in"
	cg() {
		TTERM_FRAME_BYTES=262144 "$B/ptybench" -t 600 -m $MARK -- \
		    valgrind --tool=callgrind --callgrind-out-file="$B/cg.out" \
		    "$TTERM" -e "cat $1; printf '$PMARK'; exec sleep 100" \
		    >/dev/null
		sed -n 's/^\(summary\|totals\): *//p' "$B/cg.out" | head -n 1
	}
	full=$(cg "$B/cg.in")
	empty=$(cg /dev/null)
	bytes=$(wc -c <"$B/cg.in")
	awk -v f="$full" -v e="$empty" -v b="$bytes" 'BEGIN {
	    printf "instructions per byte (plain ASCII, callgrind): %.0f\n",
	        (f - e) / b }'
fi
