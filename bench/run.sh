#!/bin/sh
# bench/run.sh: tterm's performance against a pure pty relay (script(1)),
# tmux and plain cat, on a 120x40 pty owned by bench/ptybench
# (TERM=xterm-256color, drained as fast as it comes); then key echo,
# start-up, memory (also with 100 full tabs, and over a 1 GiB flood) and,
# by bench/ssh.sh, an SSH tab against OpenSSH's ssh. Prints a table; see
# README for the latest figures.
#
#   sh bench/run.sh            (or: make bench)
#
# Environment: TTERM (default ./tterm), RUNS (7), SIZE (bytes per workload,
# 16 MiB), CG_SIZE (bytes for the callgrind count, 4 MiB), BIG_MB (the
# flood, 1024, in steps of 64), NOCG=1 to skip callgrind, NOTMUX=1 to skip
# tmux, NOBIG=1 to skip the flood, NOSSH=1 to skip SSH (SSH_RUNS, SSH_MB:
# see bench/ssh.sh), STARTS (start-ups timed, 21), NOSCREEN=1 to skip GNU
# screen's start-up.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
TTERM=${TTERM:-$top/tterm}
RUNS=${RUNS:-7}
STARTS=${STARTS:-21}
SIZE=${SIZE:-16777216}
CG_SIZE=${CG_SIZE:-4194304}
BIG_MB=${BIG_MB:-1024}
B=$(mktemp -d "${TMPDIR:-/tmp}/tterm-bench.XXXXXX")
trap 'tmux -S "$B/tmux.sock" kill-server 2>/dev/null || true; rm -rf "$B"' EXIT
# SHELL: what script and tmux run a command with, as tterm's -e does.
export LANG=C.UTF-8 LC_ALL=C.UTF-8 SHELL=/bin/sh TTERM RUNS

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
# The relay: script(1) copies between its pty and ours, nothing more.
case $(script -V 2>&1) in
*util-linux*)	relay_linux=1 ;;
*)		relay_linux=0 ;;	# BSD: script [-q] file command...
esac

# A row of the list under the table.
row() {
	printf '%-41s %s\n' "$1:" "$2"
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

run_one() {
	case $1 in
	cat)	"$B/ptybench" -m $MARK -- sh -c "cat $2; printf '$PMARK'" ;;
	relay)	if [ $relay_linux = 1 ]; then
			set -- script -q -c "cat $2; printf '$PMARK'" /dev/null
		else
			set -- script -q /dev/null sh -c "cat $2; printf '$PMARK'"
		fi
		"$B/ptybench" -m $MARK -- "$@" ;;
	tterm)	"$B/ptybench" -m $MARK -- "$TTERM" \
		    -e "cat $2; printf '$PMARK'; exec sleep 100" ;;
	tmux)	"$B/ptybench" -m $MARK -- tmux -S "$B/tmux.sock" -f /dev/null \
		    new-session "cat $2; printf '$PMARK'; exec sleep 100"
		tmux -S "$B/tmux.sock" kill-server 2>/dev/null || true ;;
	esac
}

progs="cat relay tterm"
[ $have_tmux = 1 ] && progs="$progs tmux"

echo "tterm benchmark: $(uname -srm), $(nproc) cores, 120x40 pty," \
    "$((SIZE / 1048576)) MiB per workload, median of $RUNS runs"
echo
printf '%-8s %9s %9s %9s %9s %12s %11s\n' workload cat relay tterm tmux \
    tterm/relay tmux/tterm
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
	r=$(median <"$B/t.relay")
	t=$(median <"$B/t.tterm")
	x=-
	[ $have_tmux = 1 ] && x=$(median <"$B/t.tmux")
	echo "$w $c $r $t $x" >>"$B/results"
	awk -v w="$w" -v c="$c" -v r="$r" -v t="$t" -v x="$x" 'BEGIN {
	    printf "%-8s %8.3fs %8.3fs %8.3fs %9s %11.2fx %11s\n", w, c, r, t,
	        (x == "-" ? "-" : sprintf("%.3fs", x)), t / r,
	        (x == "-" ? "-" : sprintf("%.2fx", x / t)) }'
done
# The goals: tterm within 5% of the relay, at most half of tmux's time.
awk '{ lr += log($4 / $3); if ($4 <= 1.05 * $3) mr++
        if ($5 != "-") { lx += log($5 / $4); if ($5 >= 2 * $4) mx++ }
        else nx = 1 }
    END { printf "%-8s %39s %11.2fx %11s\n", "geomean", "", exp(lr / NR),
        (nx ? "-" : sprintf("%.2fx", exp(lx / NR)))
        printf "goals: tterm/relay <= 1.05x on %d of %d", mr, NR
        if (!nx)
            printf ", tmux/tterm >= 2x on %d of %d", mx, NR
        printf "\n" }' "$B/results"
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
row "key echo, tterm" "median $1 us, p99 $2 us"
if [ $have_tmux = 1 ]; then
	set -- $(lat tmux -S "$B/tmux.sock" -f /dev/null new-session "$ECHO")
	tmux -S "$B/tmux.sock" kill-server 2>/dev/null || true
	row "key echo, tmux" "median $1 us, p99 $2 us"
fi
# The same with 99 other tabs flooding.
set -- "$TTERM" -e "$ECHO"
i=0
while [ $i -lt 99 ]; do
	set -- "$@" -e 'exec yes "flood flood flood flood flood flood flood"'
	i=$((i + 1))
done
set -- $(lat "$@")
row "key echo, 100 tabs flooding" "median $1 us, p99 $2 us"

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
row "start-up to first frame" "$(median <"$B/t.start" |
    awk '{ printf "%.1f ms", $1 * 1000 }')"
[ $have_screen = 0 ] || row "start-up, GNU screen" "$(median <"$B/t.screen" |
    awk '{ printf "%.1f ms", $1 * 1000 }')"

# Memory: one idle tab; ten tabs with 10,000 lines of scrollback each.
mib() {
	echo "$(($1 / 1024)).$(( ($1 % 1024) * 10 / 1024 ))"
}
mkdir -p "$B/done"
pss=$("$B/ptybench" -m '? help' -W 0:"$B/done" -- "$TTERM" -e 'exec sleep 100')
row "memory, 1 tab" "$(mib "$pss") MiB PSS"
head -n 10000 "$B/w.ascii" >"$B/10k"
set -- "$TTERM"
i=0
while [ $i -lt 10 ]; do
	set -- "$@" -e "cat $B/10k; touch $B/done/$i; exec sleep 1000"
	i=$((i + 1))
done
pss=$("$B/ptybench" -m '? help' -W 10:"$B/done" -- "$@")
row "memory, 10 tabs x 10k lines" "$(mib "$pss") MiB PSS"

# 100 tabs of 10,000 lines of 100 columns each: the memory; then key echo
# in the first while ten others flood (from when ptybench creates go).
"$B/gen" wide 1100000 | head -n 10000 >"$B/wide"
mkdir "$B/many"
set -- "$TTERM" -e "cat $B/wide; touch $B/many/0; $ECHO"
i=1
while [ $i -lt 100 ]; do
	if [ $i -le 10 ]; then
		set -- "$@" -e "cat $B/wide; touch $B/many/$i
		    while [ ! -e $B/go ]; do sleep 0.1; done
		    exec yes 'flood flood flood flood flood flood flood'"
	else
		set -- "$@" -e "cat $B/wide; touch $B/many/$i; exec sleep 1000"
	fi
	i=$((i + 1))
done
set -- $("$B/ptybench" -t 300 -m READY -W 100:"$B/many" -G "$B/go" -L 300 \
    -- "$@")
row "memory, 100 tabs x 10k lines x 100 cols" "$(mib "$1") MiB PSS"
row "key echo, those 100 tabs, 10 flooding" "median $2 us, p99 $3 us"

# A long flood into one tab (the ascii workload, 64 MiB again and again):
# tterm's resident size must not grow with it.
if [ "${NOBIG:-0}" != 1 ]; then
	"$B/gen" ascii 67108864 | head -c 67108864 >"$B/w.64m"
	"$B/ptybench" -t 1800 -m $MARK -R 100 -- "$TTERM" -e "i=0
	    while [ \$i -lt $((BIG_MB / 64)) ]; do
		cat $B/w.64m; i=\$((i + 1))
	    done; printf '\033[m\r\n$PMARK'; exec sleep 100" >"$B/big"
	awk -v mb=$((BIG_MB / 64 * 64)) 'NR == 1 { end = $1; next }
	    { at[NR - 1] = $1; kib[NR - 1] = $2; if ($2 > peak) peak = $2 }
	    function near(f,   i) { for (i = 1; i < NR - 1; i++)
	        if (at[i] >= f * end) break; return kib[i] / 1024 }
	    END { printf "%-41s %.1f s, %.1f MiB/s\n",
	        "flood of " mb " MiB into one tab:", end, mb / end
	        printf "%-41s %.1f / %.1f / %.1f MiB, peak %.1f MiB\n",
	            "  resident at 10%, 50%, the end:", near(0.1), near(0.5),
	            kib[NR - 1] / 1024, peak / 1024 }' "$B/big"
fi

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
	row "instructions per byte (ASCII, callgrind)" \
	    "$(awk -v f="$full" -v e="$empty" -v b="$bytes" \
	    'BEGIN { printf "%.0f", (f - e) / b }')"
fi

# An SSH tab against OpenSSH's ssh (skipped where no sshd can run).
if [ "${NOSSH:-0}" != 1 ]; then
	echo
	sh "$top/bench/ssh.sh" || echo "SSH: failed"
fi
