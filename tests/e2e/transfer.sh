# transfer.sh: file transfers by lrzsz's programs joined to a tab's byte
# stream: a peer's sz starts a ZMODEM receive by itself (Tera Term's
# automatic ZMODEM), the file arrives whole in FileDir, the shell's text
# after it is on the screen and nothing of the protocol is.
. "$(dirname "$0")/../lib.sh"

tt_need_lrzsz() {
	command -v sz >/dev/null && command -v rz >/dev/null ||
	    tt_skip "lrzsz (sz, rz) is not installed"
}

test_zmodem_auto_receive() {
	tt_need_lrzsz || return $?
	src=$TT_TOP/src dl=$TT_TOP/dl
	mkdir -p "$src"
	head -c 300000 /dev/urandom >"$src/blob.bin"
	printf 'second file\n' >"$src/note.txt"
	tt_start 100 24 -o "FileDir=$dl" -e "cd $src; exec sh" || return 1
	tt_wait_re '^\$' || return 1
	tt_type 'sz blob.bin note.txt; echo sz-ended-$?'
	tt_keys Enter
	tt_wait 'ZMODEM receive: 2 files into' 20 || return 1
	tt_wait_re '^sz-ended-0$' 10 || return 1
	cmp "$src/blob.bin" "$dl/blob.bin" || return 1
	cmp "$src/note.txt" "$dl/note.txt" || return 1
	# No protocol bytes reached the shell or the screen.
	tt_screen | grep -q 'not found\|\*\*B0\|^OO' && return 1
	ls -A "$dl" | grep -q '^\.tterm-rz' && return 1
	# The tab goes on as a terminal.
	tt_type 'echo after'
	tt_keys Enter
	tt_wait_re '^after$'
}

test_zmodem_send() {
	# The remote side's rz waits: tterm asks for the files, its sz sends
	# them; the shell goes on after.
	tt_need_lrzsz || return $?
	src=$TT_TOP/up dest=$TT_TOP/remote
	mkdir -p "$src" "$dest"
	head -c 200000 /dev/urandom >"$src/up.bin"
	tt_start 100 24 -e "cd $dest; exec sh" || return 1
	tt_wait_re '^\$' || return 1
	tt_type 'rz -b; echo rz-ended-$?'
	tt_keys Enter
	tt_wait 'The remote rz waits' 10 || return 1
	tt_type "$src/up.bin"
	tt_keys Enter
	tt_wait 'ZMODEM send done' 20 || return 1
	tt_wait_re '^rz-ended-0$' 10 || return 1
	cmp "$src/up.bin" "$dest/up.bin" || return 1
	tt_screen | grep -q 'not found\|\*\*B0' && return 1
	# Esc at the question: the remote rz is told and gives up.
	tt_type 'rz -b; echo rz-again-$?'
	tt_keys Enter
	tt_wait 'The remote rz waits' 10 || return 1
	tt_keys Escape
	tt_wait_re '^rz-again-[1-9]' 20
}

test_zmodem_off() {
	tt_need_lrzsz || return $?
	src=$TT_TOP/src2 dl=$TT_TOP/dl2
	mkdir -p "$src"
	printf 'x\n' >"$src/f.txt"
	tt_start 100 24 -o "FileDir=$dl" -o AutoZmodem=off \
	    -e "cd $src; exec sh" || return 1
	tt_wait_re '^\$' || return 1
	tt_type 'sz f.txt'
	tt_keys Enter
	# sz's request shows as text; nothing is received; Ctrl+X x5 stops it.
	tt_wait 'B00000000000000' 10 || return 1
	tt_keys C-x C-x C-x C-x C-x
	tt_type 'echo back'
	tt_keys Enter
	tt_wait_re '^back$' 15 || return 1
	[ ! -e "$dl/f.txt" ]
}

tt_run test_zmodem_auto_receive
tt_run test_zmodem_send
tt_run test_zmodem_off
tt_finish
