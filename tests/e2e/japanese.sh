# japanese.sh: the interface under ja_JP.UTF-8 speaks Japanese (po/ja.po):
# the help screen, a connection failure's checklist, the two-factor form
# and --diagnose; the forms are as wide as their text on the screen. Under
# C.UTF-8 the same screens are English. The suite makes the locale.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

U=${SSHD_USER:-root}
JA="env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8"

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

# A refused port: the tab's checklist in Japanese.
test_ja_checklist() {
	ja_home
	port=$(sshd_free_port)
	TT_WRAP=$JA tt_start 120 40 --no-ssh-config \
	    "ssh://$U@127.0.0.1:$port" || return 1
	tt_wait "127.0.0.1 (127.0.0.1) のポート $port への接続が拒否されました" \
	    15 || return 1
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

# The same failure under C.UTF-8 stays English; --diagnose speaks the
# locale's language too.
test_ja_only_under_ja() {
	ja_home
	port=$(sshd_free_port)
	tt_start 120 40 --no-ssh-config "ssh://$U@127.0.0.1:$port" || return 1
	tt_wait "Connection refused by 127.0.0.1 (127.0.0.1) on port $port" 15 ||
	    return 1
	tt_stop
	out=$TT_TOP/diag.ja
	env HOME="$TT_HOME" LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8 \
	    ASAN_OPTIONS=detect_leaks=0 "$TTERM" --diagnose --no-ssh-config \
	    "$U@127.0.0.1:$port" >"$out" 2>&1
	rc=$?
	sed 's/^/    | /' "$out" >&2
	[ "$rc" = 3 ] || return 1
	grep -q '^診断: TCP 接続 で失敗しました' "$out"
}

tt_ja_locale ||
    tt_skip "no ja_JP.UTF-8 locale and cannot make it (root, locales)"
if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/sshd ]; then
	tt_skip "the SSH tests need root and openssh-server"
fi

tt_run test_ja_help
tt_run test_ja_checklist
tt_run test_ja_two_factor_form
tt_run test_ja_only_under_ja
