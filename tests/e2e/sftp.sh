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
	rhome=$SSHD_DIR/home dl=$(mktemp -d "$TT_TOP/dl.XXXXXX")
	mkdir -p "$dl" "$rhome"	# (sshd's own home only with namespaces)
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

# A key login's server: its user's home RHOME (RHOME/in open to it),
# downloads into DL.
sftp_server() {
	sshd_start pubkey || return 1
	sftp_home
	sshd_client_setup known
	rhome=$SSHD_DIR/home dl=$(mktemp -d "$TT_TOP/dl.XXXXXX")
	mkdir -p "$dl" "$rhome/in"
	chmod 777 "$rhome/in"
}

# That server, and tterm logged in to it.
sftp_pubkey() {
	sftp_server || return 1
	sftp_tab -o "FileDir=$dl" "$@" || return 1
	tt_prefix 1	# the SSH tab, when -e adds one
	remote_prompt
}

# The form for a receive into DL with the Nth choice for a taken name.
sftp_receive_taken() {
	tt_prefix f
	tt_wait 'File transfer (SFTP)' || return 1
	tt_keys Down
	tt_type "$1"
	tt_keys Down Down
	i=0
	while [ $i -lt "$2" ]; do
		tt_keys Right
		i=$((i + 1))
	done
	# The choice shown before Enter takes it.
	case $2 in
	0) tt_wait_re 'If the name is taken +replace' ;;
	1) tt_wait_re 'If the name is taken +keep both' ;;
	2) tt_wait_re 'If the name is taken +skip' ;;
	esac || return 1
	tt_keys Enter
}

test_sftp_taken_names() {
	sftp_pubkey || return 1
	head -c 100000 /dev/urandom >"$rhome/f.bin"
	printf 'mine\n' >"$dl/f.bin"
	# Keep both: the new one is f.bin.1, mine is untouched.
	sftp_receive_taken "$rhome/f.bin" 1 || return 1
	tt_wait 'SFTP receive f.bin: 1 file' 15 || return 1
	cmp "$rhome/f.bin" "$dl/f.bin.1" || return 1
	[ "$(cat "$dl/f.bin")" = mine ] || return 1
	# Skip: nothing moves.
	sftp_receive_taken "$rhome/f.bin" 2 || return 1
	tt_wait_re 'SFTP receive f.bin: 0 files, 0 KiB in [0-9.]* s, 1 skipped: name taken' 15 ||
	    return 1
	[ "$(cat "$dl/f.bin")" = mine ] || return 1
	# Replace (the first choice).
	sftp_receive_taken "$rhome/f.bin" 0 || return 1
	tt_until 'cmp -s "$rhome/f.bin" "$dl/f.bin"' 15 'the replaced file' ||
	    return 1
	# A missing file: said in the tab, which goes on.
	sftp_receive_taken "$rhome/nothing-here" 0 || return 1
	tt_wait_re 'SFTP receive nothing-here failed: .*No such fil' 15 ||
	    return 1
	ls -A "$dl" | grep -q 'tterm-part' && return 1
	tt_type 'echo fine'
	tt_keys Enter
	tt_wait_re '^fine'
}

# Cancel with prefix z once the hidden file has grown: nothing is left
# under either name, here or on the server, and the shell goes on.
test_sftp_cancel() {
	sftp_pubkey || return 1
	truncate -s 8G "$rhome/sparse.bin"
	sftp_receive_taken "$rhome/sparse.bin" 0 || return 1
	tt_until '[ -s "$dl/.sparse.bin.tterm-part" ]' 20 'the download' '' ||
	    return 1
	tt_prefix z
	tt_wait 'SFTP receive sparse.bin failed: cancelled' 10 || return 1
	[ ! -e "$dl/sparse.bin" ] && [ ! -e "$dl/.sparse.bin.tterm-part" ] ||
	    return 1
	truncate -s 8G "$TT_TOP/up.bin"
	sftp_form send "$rhome/in" "$TT_TOP/up.bin" || return 1
	tt_keys Enter
	tt_until '[ -s "$rhome/in/.up.bin.tterm-part" ]' 20 'the upload' '' ||
	    return 1
	tt_prefix z
	tt_wait 'SFTP send up.bin failed: cancelled' 10 || return 1
	tt_until '[ ! -e "$rhome/in/.up.bin.tterm-part" ]' 10 \
	    'the remote half file to go' '' || return 1
	[ ! -e "$rhome/in/up.bin" ] || return 1
	tt_type 'echo after-cancel'
	tt_keys Enter
	tt_wait_re '^after-cancel'
}

# The tab closes, or connects again, in the middle of a transfer: no
# crash, no half file, the other tab types on.
test_sftp_close_reconnect_midway() {
	sftp_pubkey -e 'exec sh' || return 1
	truncate -s 8G "$rhome/sparse.bin"
	sftp_receive_taken "$rhome/sparse.bin" 0 || return 1
	tt_until '[ -s "$dl/.sparse.bin.tterm-part" ]' 20 'the download' '' ||
	    return 1
	tt_prefix r
	tt_wait 'Reconnect tab 1?' 5 || return 1
	tt_keys y
	tt_until '[ ! -e "$dl/.sparse.bin.tterm-part" ]' 10 \
	    'the half file to go' '' || return 1
	# Typed now, it waits for the new shell.
	tt_type 'echo again-$((1+1))'
	tt_keys Enter
	tt_wait_re 'again-2$' 15 || return 1
	sftp_receive_taken "$rhome/sparse.bin" 0 || return 1
	tt_until '[ -s "$dl/.sparse.bin.tterm-part" ]' 20 'the download' '' ||
	    return 1
	tt_prefix x
	tt_wait 'Close tab' 5 && tt_keys y
	tt_until '[ ! -e "$dl/.sparse.bin.tterm-part" ]' 10 \
	    'the half file to go' '' || return 1
	[ ! -e "$dl/sparse.bin" ] || return 1
	tt_wait_re '^ 1\*:exec sh' || return 1
	tt_type 'echo other-$((3*3))'
	tt_keys Enter
	tt_wait_re '^other-9'
}

# Another tab floods the screen meanwhile: the file arrives whole, and
# the flooding tab still runs.
test_sftp_while_flooding() {
	sftp_pubkey -e 'yes flood-line' || return 1
	head -c 100000000 /dev/urandom >"$rhome/f.bin"
	chmod 644 "$rhome/f.bin"
	sftp_receive_taken "$rhome/f.bin" 0 || return 1
	tt_prefix 2
	tt_wait_re '^flood-line' || return 1
	tt_until 'cmp -s "$rhome/f.bin" "$dl/f.bin"' 120 'the file' '' ||
	    return 1
	tt_prefix 1
	tt_wait 'SFTP receive f.bin: 1 file' 10
}

# No SFTP on the server: the server's scp does it (on a channel of the
# same connection), files and folders both ways, names kept.
test_sftp_scp_fallback() {
	SSHD_SFTP= sftp_pubkey || return 1
	head -c 3000000 /dev/urandom >"$rhome/f.bin"
	chmod 604 "$rhome/f.bin"
	sftp_tree "$rhome/tree"
	chmod -R a+rX "$rhome/tree"
	sftp_receive_taken "$rhome/f.bin" 0 || return 1
	tt_wait 'SCP receive f.bin: 1 file' 20 || return 1
	cmp "$rhome/f.bin" "$dl/f.bin" || return 1
	[ "$(stat -c %a "$dl/f.bin")" = 604 ] || return 1
	sftp_receive_taken "$rhome/tree" 0 || return 1
	tt_wait 'SCP receive tree: 4 files' 20 || return 1
	diff -r "$rhome/tree" "$dl/tree" || return 1
	# The same again, keeping both: f.bin.1 beside f.bin.
	sftp_receive_taken "$rhome/f.bin" 1 || return 1
	tt_until 'cmp -s "$rhome/f.bin" "$dl/f.bin.1"' 20 'f.bin.1' '' ||
	    return 1
	sftp_tree "$TT_TOP/up.tree"
	sftp_form send "$rhome/in" "$TT_TOP/up.tree" || return 1
	tt_keys Enter
	tt_wait 'SCP send up.tree: 4 files' 20 || return 1
	diff -r "$TT_TOP/up.tree" "$rhome/in/up.tree" || return 1
	head -c 100000 /dev/urandom >"$TT_TOP/one.bin"
	sftp_form send "$rhome/in/named.bin" "$TT_TOP/one.bin" || return 1
	tt_keys Enter
	tt_wait 'SCP send one.bin: 1 file' 20 || return 1
	cmp "$TT_TOP/one.bin" "$rhome/in/named.bin" || return 1
	# A missing file: scp's own words in the tab.
	sftp_receive_taken "$rhome/nothing-here" 0 || return 1
	tt_wait_re 'SCP receive nothing-here failed: scp: .*No such' 20 ||
	    return 1
	ls -A "$dl" "$rhome/in" | grep -q 'tterm-part' && return 1
	grep -q 'subsystem request for sftp' "$SSHD_DIR/sshd.log" || return 1
	tt_type 'echo after-scp'
	tt_keys Enter
	tt_wait_re '^after-scp'
}

# Two transfers at once: the status bar shows both; prefix z cancels the
# newest, the other goes on to its end.
test_sftp_two_at_once() {
	sftp_pubkey || return 1
	truncate -s 8G "$rhome/sparse.bin"
	head -c 30000000 /dev/urandom >"$rhome/second.bin"
	chmod 644 "$rhome/second.bin"
	sftp_receive_taken "$rhome/sparse.bin" 0 || return 1
	tt_until '[ -s "$dl/.sparse.bin.tterm-part" ]' 20 'the first' '' ||
	    return 1
	sftp_receive_taken "$rhome/second.bin" 0 || return 1
	tt_until 'tt_row 29 | grep -q "get sparse.bin .* | get second.bin"' \
	    20 'both on the status bar' '' || return 1
	tt_prefix z
	tt_wait 'SFTP receive second.bin failed: cancelled' 10 || return 1
	[ ! -e "$dl/second.bin" ] && [ ! -e "$dl/.second.bin.tterm-part" ] ||
	    return 1
	tt_row 29 | grep -q 'get sparse.bin' || return 1
	tt_prefix z
	tt_wait 'SFTP receive sparse.bin failed: cancelled' 10 || return 1
	[ ! -e "$dl/.sparse.bin.tterm-part" ]
}

# A macro's scprecv and scpsend (Tera Term's commands) move files over
# the tab's connection; each waits for its end and sets result.
test_sftp_macro() {
	sftp_server || return 1
	head -c 400000 /dev/urandom >"$rhome/m.bin"
	chmod 644 "$rhome/m.bin"
	head -c 300000 /dev/urandom >"$TT_TOP/up.bin"
	cat >"$TT_TOP/xfer.ttl" <<-EOF
	connect '127.0.0.1:$SSHD_PORT /ssh /user=$SSHD_USER'
	wait '\$ ' '# '
	scprecv '$rhome/m.bin' '$dl/got.bin'
	r1 = result
	scpsend '$TT_TOP/up.bin' '$rhome/in/'
	r2 = result
	scprecv '$rhome/not-there'
	sprintf2 msg 'echo macro-results-%d-%d-%d' r1 r2 result
	sendln msg
	EOF
	tt_start 100 30 --no-ssh-config --macro "$TT_TOP/xfer.ttl" || return 1
	tt_wait_re '^macro-results-1-1-0' 30 || return 1
	cmp "$rhome/m.bin" "$dl/got.bin" || return 1
	cmp "$TT_TOP/up.bin" "$rhome/in/up.bin"
}

tt_run test_sftp_two_factor_both_ways
tt_run test_sftp_taken_names
tt_run test_sftp_cancel
tt_run test_sftp_close_reconnect_midway
tt_run test_sftp_while_flooding
tt_run test_sftp_scp_fallback
tt_run test_sftp_macro
tt_run test_sftp_two_at_once
