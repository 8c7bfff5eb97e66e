# sftp.sh: files over an SSH tab's own connection (SFTP), against the
# private sshd: a file received and a folder sent through the transfer
# form (prefix f), the local path completed with Tab, with one login for
# the shell and the transfers (one one-time code), the files compared.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

sftp_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
}

sftp_tab() {
	tt_start 100 30 --no-ssh-config "$@" \
	    ssh://$SSHD_USER@127.0.0.1:$SSHD_PORT
}

remote_prompt() {
	tt_wait_re "$SSHD_USER"'@[^ ]*[#$] ?$' 15
}

# A tree of files of several sizes (an empty one, one of many chunks).
sftp_tree() {
	mkdir -p "$1/sub/deeper"
	head -c 1000000 /dev/urandom >"$1/one.bin"
	: >"$1/empty"
	printf 'a note\n' >"$1/sub/note.txt"
	head -c 70000 /dev/urandom >"$1/sub/deeper/mid.bin"
}

# Prefix f, then the form's fields: direction (Right: send), the remote
# path, the local path (its start value cleared).
sftp_form() {
	tt_prefix f
	tt_wait 'File transfer (SFTP)' || return 1
	[ "$1" = send ] && tt_keys Right
	tt_keys Down
	tt_type "$2"
	tt_keys Down C-u
	tt_type "$3"
}

test_sftp_two_factor_both_ways() {
	sshd_start 2fa || return 1
	sftp_home
	sshd_client_setup known
	rhome=$SSHD_DIR/home dl=$TT_TOP/dl
	mkdir -p "$dl"
	head -c 3000000 /dev/urandom >"$rhome/big.bin"
	chmod 604 "$rhome/big.bin"
	sftp_tab -o "FileDir=$dl" || return 1
	tt_wait 'One-time password (OATH)' 15 || return 1
	tt_type "$(sshd_otp)"
	tt_keys Enter
	remote_prompt || return 1
	# Receive a file into FileDir (the form's local path by default).
	tt_prefix f
	tt_wait 'File transfer (SFTP)' || return 1
	tt_keys Down
	tt_type "$rhome/big.bin"
	tt_keys Enter
	tt_wait 'SFTP receive big.bin: 1 file' 20 || return 1
	cmp "$rhome/big.bin" "$dl/big.bin" || return 1
	[ "$(stat -c %a "$dl/big.bin")" = 604 ] || return 1
	ls -A "$dl" | grep -q 'tterm-part' && return 1
	# Send a folder; the local path is completed with Tab.
	sftp_tree "$TT_TOP/up.tree"
	sftp_form send "$rhome/sent" "$TT_TOP/up.tr" || return 1
	tt_keys Tab
	tt_wait "$TT_TOP/up.tree/" || return 1
	tt_keys Enter
	tt_wait 'SFTP send up.tree: 4 files' 20 || return 1
	diff -r "$TT_TOP/up.tree" "$rhome/sent" || return 1
	# One login did it all: the shell and both transfers.
	[ "$(grep -c 'Accepted keyboard-interactive' "$SSHD_DIR/sshd.log")" = 1 ] ||
	    return 1
	tt_type 'echo still-$((2+3))'
	tt_keys Enter
	tt_wait_re '^still-5'
}

tt_run test_sftp_two_factor_both_ways
