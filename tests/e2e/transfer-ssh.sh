# transfer-ssh.sh: ZMODEM by lrzsz on the far side of an SSH tab (the
# private sshd's user runs sz and rz in its shell): a file received into
# FileDir by itself, a file sent when the remote rz asks, both compared,
# and the remote shell usable after each.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

test_zmodem_over_ssh() {
	command -v sz >/dev/null && command -v rz >/dev/null ||
	    tt_skip "lrzsz (sz, rz) is not installed" || return $?
	sshd_start pubkey || return 1
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
	sshd_client_setup known
	rhome=$SSHD_DIR/home dl=$(mktemp -d "$TT_TOP/dl.XXXXXX")
	mkdir -p "$dl" "$rhome/in"
	chmod 777 "$rhome/in"
	head -c 500000 /dev/urandom >"$rhome/z.bin"
	chmod 644 "$rhome/z.bin"
	head -c 300000 /dev/urandom >"$TT_TOP/up.bin"
	tt_start 100 30 --no-ssh-config -o "FileDir=$dl" \
	    ssh://$SSHD_USER@127.0.0.1:$SSHD_PORT || return 1
	tt_wait_re "$SSHD_USER"'@[^ ]*[#$] ?$' 15 || return 1
	tt_type "sz $rhome/z.bin; echo sz-ended-\$?"
	tt_keys Enter
	tt_wait 'ZMODEM receive: 1 file into' 30 || return 1
	tt_wait_re 'sz-ended-0$' 10 || return 1
	cmp "$rhome/z.bin" "$dl/z.bin" || return 1
	tt_type "cd $rhome/in && rz -b; echo rz-ended-\$?"
	tt_keys Enter
	tt_wait 'The remote rz waits' 15 || return 1
	tt_type "$TT_TOP/up.bin"
	tt_keys Enter
	tt_wait 'ZMODEM send done' 30 || return 1
	tt_wait_re 'rz-ended-0$' 10 || return 1
	cmp "$TT_TOP/up.bin" "$rhome/in/up.bin" || return 1
	tt_screen | grep -q 'not found\|\*\*B0' && return 1
	tt_type 'echo still-here'
	tt_keys Enter
	tt_wait_re '^still-here'
}

tt_run test_zmodem_over_ssh
