# charset.sh: tabs whose program speaks Shift_JIS, EUC-JP or ISO-2022-JP:
# what it prints shows as Japanese text, cut into reads at every byte or
# not, and what is typed reaches it in its own character set.
. "$(dirname "$0")/../lib.sh"

TEXT='日本語テスト'

# A program that prints the bytes of each read() as hex on a line.
DUMP='stty raw -echo opost onlcr; echo dump-ready; while :; do dd bs=256 count=1 2>/dev/null | od -An -tx1 -w64; done'

# encode SET FILE: the text in SET (iconv's name), with a line end.
encode() {
	printf '%s\n' "$TEXT" | iconv -f UTF-8 -t "$1" >"$2"
}

# A command that writes FILE a byte at a time, each in its own read for
# tterm (the pause is part of the input, not a wait of the test).
dribble() {
	printf 'n=$(wc -c <%s); i=0; while [ $i -lt $n ]; do dd bs=1 count=1 2>/dev/null; sleep 0.02; i=$((i + 1)); done <%s; echo dribbled; exec sleep 100' "$1" "$1"
}

# typed SET ARGS...: type the text in a tab started with ARGS; the program
# must read it as iconv writes it in SET.
typed() {
	set_=$1
	shift
	want=$(printf '%s' "$TEXT" | iconv -f UTF-8 -t "$set_" |
	    od -An -tx1 -w64) || return 1
	[ -n "$want" ] || return 1
	tt_start 100 24 "$@" -e "$DUMP" || return 1
	tt_wait dump-ready || return 1
	tt_type "$TEXT"
	tt_wait_re "^$want\$"
}

test_sjis_receive() {
	encode SHIFT_JIS "$TT_TOP/sjis"
	tt_start 80 24 --kanji-receive SJIS -e "cat $TT_TOP/sjis; exec sleep 100" ||
	    return 1
	tt_wait "$TEXT"
}

test_sjis_receive_byte_by_byte() {
	encode SHIFT_JIS "$TT_TOP/sjis"
	tt_start 80 24 /KR=sjis -e "$(dribble "$TT_TOP/sjis")" || return 1
	tt_wait dribbled 10 || return 1
	tt_wait "$TEXT"
}

test_euc_receive() {
	encode EUC-JP "$TT_TOP/euc"
	tt_start 80 24 --encoding EUC -e "$(dribble "$TT_TOP/euc")" || return 1
	tt_wait dribbled 10 || return 1
	tt_wait "$TEXT"
}

test_jis_receive() {
	encode ISO-2022-JP "$TT_TOP/jis"
	tt_start 80 24 /KR=JIS -e "$(dribble "$TT_TOP/jis")" || return 1
	tt_wait dribbled 10 || return 1
	tt_wait "$TEXT"
}

test_jis_colour_in_kanji_mode() {
	# ESC $ B, 日, red, 本, default colour, 語, ESC ( B: the colour
	# changes reach the screen and the kanji around them are whole.
	printf 'plain\n\033$BF|\033[31mK\\\033[m8l\033(B!\n' >"$TT_TOP/jis"
	tt_start 80 24 /KR=JIS -e "$(dribble "$TT_TOP/jis")" || return 1
	tt_wait dribbled 10 || return 1
	tt_wait '日本語!' || return 1
	tt_wait_sgr 31 '本'
}

test_sjis_send() {
	typed SHIFT_JIS --kanji-send SJIS
}

test_euc_send() {
	typed EUC-JP --encoding EUC-JP
}

test_jis_send() {
	# One write: ESC $ B, the kanji, ESC ( B.
	typed ISO-2022-JP /KT=JIS
}

test_duplicate_keeps_charset() {
	encode EUC-JP "$TT_TOP/euc"
	tt_start 80 24 --encoding EUC-JP -e "cat $TT_TOP/euc; exec sleep 100" ||
	    return 1
	tt_wait "$TEXT" || return 1
	tt_prefix d
	tt_wait_re '2\*:' || return 1
	tt_wait "$TEXT"
}

test_unknown_charset() {
	out=$("$TTERM" --kanji-receive Klingon 2>&1)
	st=$?
	[ $st -eq 2 ] || { tt_log "status $st"; return 1; }
	printf '%s\n' "$out" | grep -q "unknown character set 'Klingon'.*SJIS, EUC-JP, JIS" ||
	    { tt_log "got: $out"; return 1; }
	out=$("$TTERM" /KT=EBCDIC 2>&1)
	printf '%s\n' "$out" | grep -q "unknown character set 'EBCDIC'" ||
	    { tt_log "got: $out"; return 1; }
}

tt_run test_sjis_receive
tt_run test_sjis_receive_byte_by_byte
tt_run test_euc_receive
tt_run test_jis_receive
tt_run test_jis_colour_in_kanji_mode
tt_run test_sjis_send
tt_run test_euc_send
tt_run test_jis_send
tt_run test_duplicate_keeps_charset
tt_run test_unknown_charset
