#!/bin/sh
# bench/sftp.sh: an SSH tab's SFTP (prefix f) against OpenSSH's sftp, the
# same file both ways over loopback to the tests' private sshd (root, as
# the SSH tests need), in the same run. Prints MiB/s and tterm's share.
#
#   sh bench/sftp.sh            (or: make bench-sftp)
#
# Environment: TTERM (default ./tterm), SIZE_MB (1024), RUNS (3).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
TTERM=${TTERM:-$top/tterm}
SIZE_MB=${SIZE_MB:-1024}
RUNS=${RUNS:-3}
export TTERM
. "$top/tests/lib.sh"
. "$top/tests/sshd.sh"
trap 'tt_stop 2>/dev/null; sshd_stop; tt_cleanup' EXIT

now() { date +%s.%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
rate() { awk -v s="$SIZE_MB" -v t="$1" 'BEGIN { printf "%.0f", s / t }'; }

sshd_start pubkey || exit 1
TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
sshd_client_setup known
rhome=$SSHD_DIR/home
dl=$TT_TOP/dl
mkdir -p "$dl" "$rhome/in"
chmod 777 "$rhome/in"
head -c "$((SIZE_MB * 1048576))" /dev/urandom >"$TT_TOP/big.bin"
cp "$TT_TOP/big.bin" "$rhome/big.bin"
chmod 644 "$rhome/big.bin"
ssh_opts="-i $TT_HOME/.ssh/id_ed25519 -o UserKnownHostsFile=$TT_HOME/.ssh/known_hosts -o BatchMode=yes -P $SSHD_PORT"

# OpenSSH's sftp: one batch command, timed as a whole; its login is taken
# off (the median of logins that only ask the folder), as tterm's tab is
# logged in already.
openssh() {
	printf '%s\n' "$1" >"$TT_TOP/batch"
	t0=$(now)
	# shellcheck disable=SC2086
	sftp -q $ssh_opts -b "$TT_TOP/batch" "$SSHD_USER@127.0.0.1" \
	    >/dev/null || return 1
	t1=$(now)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}

# tterm: the form, then the seconds its end message gives.
tterm_xfer() {
	done_msg="SFTP $1 big.bin: 1 file"
	n=$(tt_screen | grep -c "$done_msg")
	tt_prefix f
	tt_wait 'File transfer (SFTP)' >/dev/null || return 1
	[ "$1" = send ] && tt_keys Right
	tt_keys Down
	tt_type "$2"
	tt_keys Down C-u
	tt_type "$3"
	tt_keys Enter
	tt_until '[ "$(tt_screen | grep -c "$done_msg")" -gt "$n" ]' \
	    600 "the transfer" "" || return 1
	tt_screen | grep "$done_msg" | tail -1 |
	    sed 's/.* in \([0-9.]*\) s.*/\1/'
	tt_keys C-l
}

tt_start 100 30 --no-ssh-config ssh://$SSHD_USER@127.0.0.1:$SSHD_PORT ||
    exit 1
tt_wait_re "$SSHD_USER"'@[^ ]*[#$] ?$' 15 >/dev/null || exit 1
for i in $(seq "$RUNS"); do
	openssh "pwd" >>"$TT_TOP/o.login" || exit 1
	rm -f "$dl/big.bin" "$rhome/in/big.bin"
	openssh "get $rhome/big.bin $dl/big.bin" >>"$TT_TOP/o.get" || exit 1
	cmp -s "$TT_TOP/big.bin" "$dl/big.bin" || { echo "sftp get: differs"; exit 1; }
	rm -f "$dl/big.bin"
	tterm_xfer receive "$rhome/big.bin" "$dl" >>"$TT_TOP/t.get" || exit 1
	cmp -s "$TT_TOP/big.bin" "$dl/big.bin" || { echo "tterm get: differs"; exit 1; }
	openssh "put $TT_TOP/big.bin $rhome/in/big.bin" >>"$TT_TOP/o.put" || exit 1
	rm -f "$rhome/in/big.bin"
	tterm_xfer send "$rhome/in" "$TT_TOP/big.bin" >>"$TT_TOP/t.put" || exit 1
	cmp -s "$TT_TOP/big.bin" "$rhome/in/big.bin" || { echo "tterm put: differs"; exit 1; }
done
login=$(median <"$TT_TOP/o.login")
echo "SFTP over loopback: $SIZE_MB MiB, median of $RUNS runs, $(nproc) cores" \
    "(sftp's login, $login s, taken off)"
printf '%-8s %14s %14s %8s\n' "" "sftp MiB/s" "tterm MiB/s" "tterm %"
for d in get put; do
	o=$(median <"$TT_TOP/o.$d") t=$(median <"$TT_TOP/t.$d")
	o=$(awk -v o="$o" -v l="$login" 'BEGIN { print o - l }')
	printf '%-8s %14s %14s %7s%%\n' "$d" "$(rate "$o")" "$(rate "$t")" \
	    "$(awk -v o="$o" -v t="$t" 'BEGIN { printf "%.0f", 100 * o / t }')"
done
