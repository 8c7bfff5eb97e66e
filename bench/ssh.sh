#!/bin/sh
# bench/ssh.sh: an SSH tab against OpenSSH's ssh client, each on a 120x40
# pty owned by bench/ptybench: a cat of 64 MiB (the ascii workload) on a
# private sshd on 127.0.0.1 (tests/sshd.sh's, which needs root), timed
# from the start of the client to an end marker after the data, direct
# and through one jump host (tterm -J against ssh -J, a second private
# sshd). Both log in with a throw-away key to hosts already in a
# throw-away known_hosts. The server's ForceCommand sends the data, so
# both clients ask for nothing but a shell; a second set of runs without
# the data gives the login alone. Run by bench/run.sh; alone:
#
#   sh bench/ssh.sh
#
# Environment: TTERM (default ./tterm), SSH_RUNS (5, or RUNS if fewer),
# SSH_MB (64).
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
TTERM=${TTERM:-$top/tterm}
SSH_RUNS=${SSH_RUNS:-$(( ${RUNS:-5} < 5 ? ${RUNS:-5} : 5 ))}
SSH_MB=${SSH_MB:-64}
export TTERM LANG=C.UTF-8 LC_ALL=C.UTF-8

skip() {
	echo "SSH: skipped ($1)"
	exit 0
}

[ "$(id -u)" = 0 ] || skip "the private sshd needs root"
if [ ! -x /usr/sbin/sshd ] || ! command -v ssh >/dev/null ||
    ! command -v ssh-keygen >/dev/null; then
	skip "no OpenSSH sshd and ssh here"
fi
. "$top/tests/lib.sh"
. "$top/tests/sshd.sh"
J_PID='' T_PID=''
trap 'for p in $J_PID $T_PID; do SSHD_PID=$p sshd_stop; done; tt_cleanup' EXIT

MARK=@@BENCH-END@@
PMARK='\100\100BENCH-END\100\100'	# the command line must not contain MARK
cc -O2 -o "$TT_TOP/ptybench" "$top/bench/ptybench.c" -lutil || exit 1
cc -O2 -o "$TT_TOP/gen" "$top/bench/gen.c" "$top/bench/workload.c" || exit 1

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# Quieter than the tests' sshd (no per-packet debug log), no banner; the
# target's sessions all run the benchmark's command. Restarted to read it.
sshd_bench() {
	sed -i -e 's/^LogLevel .*/LogLevel INFO/' -e '/^Banner /d' \
	    "$SSHD_DIR/sshd_config"
	[ -z "${1:-}" ] || echo "ForceCommand $1" >>"$SSHD_DIR/sshd_config"
	sshd_stop
	sshd_launch
}

sshd_start pubkey || skip "the jump host's sshd did not start"
sshd_bench || skip "the jump host's sshd did not start again"
J_DIR=$SSHD_DIR J_PORT=$SSHD_PORT J_PID=$SSHD_PID
sshd_start pubkey || skip "the target's sshd did not start"
T_DIR=$SSHD_DIR T_PORT=$SSHD_PORT T_PID=$SSHD_PID
"$TT_TOP/gen" ascii $((SSH_MB * 1048576)) | head -c $((SSH_MB * 1048576)) \
    >"$T_DIR/data"
cat >"$T_DIR/run" <<-EOF
	[ -e $T_DIR/login-only ] || cat $T_DIR/data
	printf '\033[m\r\n$PMARK'
	exec sleep 100
EOF
chmod 644 "$T_DIR/data" "$T_DIR/run"
sshd_bench "sh $T_DIR/run" || skip "the target's sshd did not start again"
T_PID=$SSHD_PID
cp "$T_DIR/userkey.pub" "$J_DIR/authorized_keys"

# The client side: the target's user key, both hosts known; ssh reads the
# same from its own configuration file (-F, which ssh -J passes on).
TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
sshd_client_setup known
printf '[127.0.0.1]:%s %s\n' "$J_PORT" \
    "$(cut -d' ' -f1-2 "$J_DIR/hostkey.pub")" >>"$TT_HOME/.ssh/known_hosts"
cat >"$TT_HOME/ssh_config" <<-EOF
	Host *
	User $SSHD_USER
	IdentityFile $TT_HOME/.ssh/id_ed25519
	IdentitiesOnly yes
	UserKnownHostsFile $TT_HOME/.ssh/known_hosts
	GlobalKnownHostsFile /dev/null
	StrictHostKeyChecking yes
	BatchMode yes
	RequestTTY yes
	LogLevel ERROR
EOF
JUMP=$SSHD_USER@127.0.0.1:$J_PORT
DEST=$SSHD_USER@127.0.0.1:$T_PORT

run_one() {
	case $1 in
	ssh)	set -- ssh -F "$TT_HOME/ssh_config" -p "$T_PORT" 127.0.0.1 ;;
	ssh-J)	set -- ssh -F "$TT_HOME/ssh_config" -J "$JUMP" \
		    -p "$T_PORT" 127.0.0.1 ;;
	tterm)	set -- "$TTERM" --no-ssh-config "ssh://$DEST" ;;
	tterm-J) set -- "$TTERM" --no-ssh-config -J "$JUMP" "ssh://$DEST" ;;
	esac
	env HOME="$TT_HOME" SHELL=/bin/sh "$TT_TOP/ptybench" -m $MARK -- "$@"
}

clients="ssh tterm ssh-J tterm-J"
for c in $clients; do
	: >"$TT_TOP/t.$c"
	: >"$TT_TOP/l.$c"
done
i=0
while [ $i -lt "$SSH_RUNS" ]; do
	for c in $clients; do
		run_one "$c" >>"$TT_TOP/t.$c" || exit 1
	done
	i=$((i + 1))
done
touch "$T_DIR/login-only"
i=0
while [ $i -lt "$SSH_RUNS" ]; do
	for c in $clients; do
		run_one "$c" >>"$TT_TOP/l.$c" || exit 1
	done
	i=$((i + 1))
done

echo "SSH: cat of $SSH_MB MiB on a private sshd on 127.0.0.1, median of" \
    "$SSH_RUNS runs"
echo "(start to end marker; the login: the same without the data)"
printf '%-8s %9s %9s %10s %12s %12s\n' path ssh tterm tterm/ssh \
    "ssh login" "tterm login"
for path in direct jump; do
	s=ssh t=tterm
	[ $path = jump ] && s=ssh-J t=tterm-J
	awk -v p="$path" -v s="$(median <"$TT_TOP/t.$s")" \
	    -v t="$(median <"$TT_TOP/t.$t")" \
	    -v ls="$(median <"$TT_TOP/l.$s")" \
	    -v lt="$(median <"$TT_TOP/l.$t")" 'BEGIN {
	    printf "%-8s %8.3fs %8.3fs %9.2fx %11.3fs %11.3fs\n",
	        p, s, t, t / s, ls, lt }'
done
