# japanese.sh: the interface under ja_JP.UTF-8 speaks Japanese (po/ja.po):
# the help screen, --help and a bad option, a tab's end and the tab list,
# a connection's progress and its failure's checklist, the two-factor
# form, --diagnose's steps and advice, a serial port's words, a macro's
# error; the forms are as wide as their text on the screen. Under C.UTF-8
# the same screens are English. The suite makes the locale.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"
. "$(dirname "$0")/../socat.sh"

U=${SSHD_USER:-root}
JA="env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8"

tt_test_cleanup() {
	serial_stop
}

ja_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
}

# The help screen, in Japanese, and whole: its box is as wide as the
# longest line's columns (each line ends at the box's right edge).
test_ja_help() {
	ja_home
	TT_WRAP=$JA tt_start 120 40 -e 'exec sh' || return 1
	tt_prefix '?'
	tt_wait 'tterm のキー' || return 1
	tt_wait '新しい接続: SSH、シリアル、ローカルシェル' || return 1
	tt_wait 'タブの複製: 同じ接続先またはコマンド' || return 1
	tt_wait '再接続' || return 1
	tt_screen | grep 'このヘルプを表示' | grep -q '│ *$' ||
	    { tt_log "the help's box is cut"; return 1; }
	tt_screen | grep -q 'ヘルプ' || return 1
}

# The command line in Japanese: --help whole, its columns lined up and
# within 80 of them, and a bad option's one line (with one of usage).
test_ja_command_line() {
	out=$TT_TOP/help.ja
	env $JA ASAN_OPTIONS=detect_leaks=0 "$TTERM" --help >"$out" || return 1
	grep -q '^使い方: tterm \[オプション\] \[-e コマンド\]' "$out" || return 1
	grep -qx '  -h, --help            このヘルプを表示する' "$out" ||
	    return 1
	grep -q '^キー: プレフィックス' "$out" || return 1
	cols=$(env $JA wc -L <"$out")
	[ "$cols" -le 80 ] || { tt_log "--help is $cols columns wide"; return 1; }
	env $JA ASAN_OPTIONS=detect_leaks=0 "$TTERM" --bogus >"$out" 2>&1 &&
	    return 1
	sed 's/^/    | /' "$out" >&2
	[ "$(wc -l <"$out")" -eq 2 ] || return 1
	grep -qx "tterm: 不明なオプションです: '--bogus'" "$out" || return 1
	grep -q '^使い方: tterm' "$out" || return 1
	# Under C.UTF-8, getopt's English words.
	ASAN_OPTIONS=detect_leaks=0 "$TTERM" --bogus 2>&1 |
	    grep -qx "tterm: unrecognized option '--bogus'"
}

# A tab's end, the tab list and a status message in Japanese.
test_ja_tabs() {
	ja_home
	TT_WRAP=$JA tt_start 120 30 -e 'exec sh' -e 'exit 3' || return 1
	tt_wait_re '2:exit 3 \[終了\]' || return 1
	tt_prefix w
	tt_wait 'タブ: 2 個 (* 表示中、@ ブロードキャスト' || return 1
	tt_wait '絞り込み: _' || return 1
	tt_wait_re '2 +exit 3 +exit 3 +終了しました \(終了コード 3\)' ||
	    return 1
	tt_keys Escape
	tt_wait_gone '絞り込み:' || return 1
	tt_prefix '*'
	tt_wait 'タブ 1 をブロードキャスト対象にしました (対象 1 個)' || return 1
	tt_prefix 2
	tt_wait '[終了しました (終了コード 3)]'
}

# A refused port: the connection's progress, then the tab's checklist, in
# Japanese.
test_ja_checklist() {
	ja_home
	port=$(sshd_free_port)
	TT_WRAP=$JA tt_start 120 40 --no-ssh-config \
	    "ssh://$U@127.0.0.1:$port" || return 1
	tt_wait "127.0.0.1 (127.0.0.1) のポート $port への接続が拒否されました" \
	    15 || return 1
	tt_wait '127.0.0.1 の名前解決をしています...' || return 1
	tt_wait "127.0.0.1 (127.0.0.1) のポート $port に接続しています..." ||
	    return 1
	tt_wait 'sshd は動いていますか? (systemctl status ssh)' || return 1
	tt_wait '拒否 (REJECT) するファイアウォールでも同じように見えます。'
}

# The one-time code form: its title, text and keys in Japanese; the code
# typed there logs in.
test_ja_two_factor_form() {
	sshd_start 2fa || return 1
	ja_home
	sshd_client_setup known
	TT_WRAP=$JA tt_start 120 40 --no-ssh-config \
	    "ssh://$U@127.0.0.1:$SSHD_PORT" || return 1
	tt_wait "SSH認証 $U@127.0.0.1" 15 || return 1
	tt_wait 'サーバーからの質問:' || return 1
	tt_wait ' Enter: 送信  Tab: 次の項目  Esc: キャンセル ' || return 1
	tt_type "$(sshd_otp)"
	tt_keys Enter
	tt_wait_re "$U"'@[^ ]*[#$] ?$' 20
}

# The same failure under C.UTF-8 stays English.
test_ja_only_under_ja() {
	ja_home
	port=$(sshd_free_port)
	tt_start 120 40 --no-ssh-config "ssh://$U@127.0.0.1:$port" || return 1
	tt_wait "Connection refused by 127.0.0.1 (127.0.0.1) on port $port" 15 ||
	    return 1
	tt_wait "Connecting to 127.0.0.1 (127.0.0.1) port $port..."
}

# --diagnose against a refused port: each step it passed, the advice and
# the diagnosis in Japanese, no English left; the exit status is still the
# TCP step's (3).
test_ja_diagnose_refused() {
	ja_home
	port=$(sshd_free_port)
	out=$TT_TOP/diag.refused
	env HOME="$TT_HOME" LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 \
	    ASAN_OPTIONS=detect_leaks=0 "$TTERM" --diagnose --no-ssh-config \
	    "$U@127.0.0.1:$port" >"$out" 2>&1
	rc=$?
	sed 's/^/    | /' "$out" >&2
	[ "$rc" = 3 ] || { tt_log "exit status $rc, not 3"; return 1; }
	for line in "$U@127.0.0.1 のポート $port を確認しています" \
	    '127.0.0.1 の名前解決をしています...' \
	    '[1] 名前: 127.0.0.1 は 127.0.0.1 (リゾルバ:' \
	    "127.0.0.1 (127.0.0.1) のポート $port に接続しています..." \
	    "*** 127.0.0.1 (127.0.0.1) のポート $port への接続が拒否されました" \
	    '    - sshd は動いていますか? (systemctl status ssh)' \
	    '    - 拒否 (REJECT) するファイアウォールでも同じように見えます。' \
	    "診断: TCP 接続 で失敗しました: 接続が拒否されました (ポート $port)"
	do
		grep -qF -- "$line" "$out" ||
		    { tt_log "no line: $line"; return 1; }
	done
	! grep -E 'Checking|Resolving|Connecting|refused|sshd running|diagnosis' \
	    "$out" >&2
}

# A serial tab: the port opened, and the device's XOFF on the status bar,
# in Japanese.
test_ja_serial() {
	serial_start || return 1
	ja_home
	TT_WRAP=$JA tt_start 120 30 --speed 115200 --line 8N1 --flow xonxoff \
	    "serial:$TTY" || return 1
	tt_wait "$TTY を 115200 8N1、フロー制御 XON/XOFF で開きました。" ||
	    return 1
	printf '\023' >"$SER/dev"
	tt_wait 'デバイスが一時停止 (XOFF)、入力は待機中'
}

# A macro's syntax error: said in Japanese, with its file and line.
test_ja_macro_error() {
	ja_home
	cat >"$TT_HOME/bad.ttl" <<-EOF
	x = 1
	sendln 'echo first-line-ran'
	y = 'not closed
	sendln 'echo never'
	EOF
	TT_WRAP=$JA tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix m
	tt_wait 'マクロの実行' || return 1
	tt_type "$TT_HOME/bad.ttl"
	tt_keys Enter
	tt_wait_re '^first-line-ran' || return 1
	tt_wait '[bad.ttl 停止しました: bad.ttl:3: y =: 文字列が閉じていません]' ||
	    return 1
	! tt_screen | grep -q '^never'
}

tt_ja_locale ||
    tt_skip "no ja_JP.UTF-8 locale and cannot make it (root, locales)"
tt_run test_ja_help
tt_run test_ja_command_line
tt_run test_ja_tabs

if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/sshd ]; then
	tt_skip "the SSH tests need root and openssh-server"
fi
tt_run test_ja_checklist
tt_run test_ja_two_factor_form
tt_run test_ja_only_under_ja
tt_run test_ja_diagnose_refused
tt_run test_ja_serial
tt_run test_ja_macro_error
