# man-ja.sh: the manual in Japanese. tterm.ini(5) as tterm prints it under
# ja_JP.UTF-8, and doc/ja/tterm.1 (po4a's translation of doc/tterm.1),
# have the keys, options and outline of the English pages, with every
# key's help and every heading in Japanese; both installed pages go
# through groff without a warning and man shows them. A key or an option
# added in English and not translated fails here.
. "$(dirname "$0")/../lib.sh"

SRC=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=$(dirname "$TTERM")
JA="env LANG=ja_JP.UTF-8 LC_ALL=ja_JP.UTF-8"

# The sections and keys of a tterm.ini(5), one a line.
ini_keys() {
	sed -n -e 's/^\.SS //p' -e 's/^\.B //p' "$1"
}

# The keys whose help (the line after .B KEY) is all ASCII: not translated.
ini_english() {
	LC_ALL=C awk '/^\.B / {
		k = $2; getline
		if ($0 !~ /[\200-\377]/) print k
	}' "$1"
}

# The headings of a page (REQUEST is .SH or .Sh) that are all ASCII.
english_headings() {
	LC_ALL=C grep "^\\$1 " "$2" | LC_ALL=C grep -v '[\200-\377]' |
	    grep -vx "\\$1 SSH"
}

# The options an mdoc page names: Fl x is -x, Fl Fl name is --name.
man1_options() {
	awk '/^\./ { for (i = 1; i <= NF; i++) {
		t = $i; sub(/^\./, "", t)
		if (t != "Fl") continue
		if ($(i + 1) == "Fl") { print "--" $(i + 2); i += 2 }
		else { print "-" $(i + 1); i++ }
	} }' "$1" | sort -u
}

# Its outline: the sections, paragraphs, lists and items, in order.
man1_outline() {
	awk '$1 ~ /^\.(Sh|Ss|Pp|Bl|El|It)$/ { print $1 }' "$1"
}

ja_locale() {
	tt_ja_locale ||
	    tt_skip "no ja_JP.UTF-8 locale and cannot make it (root, locales)"
}

# tterm.ini(5) and --list-keys in Japanese: the same sections and keys as
# in English, each key's help translated.
test_ja_ini_page() {
	ja_locale || return 1
	en=$TT_TOP/en.5 ja=$TT_TOP/ja.5
	env LC_ALL=C "$TTERM" --list-keys=man >"$en" || return 1
	$JA "$TTERM" --list-keys=man >"$ja" || return 1
	ini_keys "$en" >"$en.keys"
	ini_keys "$ja" >"$ja.keys"
	grep -qx 'BaudRate' "$en.keys" || { tt_log "no keys in $en"; return 1; }
	diff "$en.keys" "$ja.keys" >&2 ||
	    { tt_log "the Japanese page's keys are not the English ones"; return 1; }
	left=$(ini_english "$ja")
	[ -z "$left" ] || { tt_log "help not translated:" $left; return 1; }
	left=$(english_headings .SH "$ja")
	[ -z "$left" ] || { tt_log "headings not translated: $left"; return 1; }
	grep -A1 -x '\.B BaudRate' "$ja" |
	    grep -qx 'ボーレート (ビット/秒) (既定値 9600)' || return 1
	grep -qx '\.SH 名前' "$ja" || return 1
	$JA "$TTERM" --list-keys >"$ja.txt" || return 1
	grep -q '^LogTimestampFormat  *strftime の書式。%N はミリ秒 (既定値 %Y' \
	    "$ja.txt" || { tt_log "--list-keys is not in Japanese"; return 1; }
}

# doc/ja/tterm.1 against doc/tterm.1: every option, the same outline, the
# headings in Japanese.
test_ja_man1_page() {
	en=$SRC/doc/tterm.1 ja=$SRC/doc/ja/tterm.1
	man1_options "$en" >"$TT_TOP/en.opts"
	man1_options "$ja" >"$TT_TOP/ja.opts"
	grep -qx -- '--diagnose' "$TT_TOP/en.opts" ||
	    { tt_log "no options found in $en"; return 1; }
	diff "$TT_TOP/en.opts" "$TT_TOP/ja.opts" >&2 || {
		tt_log "doc/ja/tterm.1 is behind doc/tterm.1:" \
		    "make update-man-po, translate po/man/ja.po, make"
		return 1
	}
	man1_outline "$en" >"$TT_TOP/en.outline"
	man1_outline "$ja" >"$TT_TOP/ja.outline"
	cmp -s "$TT_TOP/en.outline" "$TT_TOP/ja.outline" ||
	    { tt_log "doc/ja/tterm.1's outline is not doc/tterm.1's"; return 1; }
	left=$(english_headings .Sh "$ja"; english_headings .Ss "$ja")
	[ -z "$left" ] || { tt_log "headings not translated: $left"; return 1; }
	grep -qx '\.Nd タブを持つテキストモードの端末クライアント' "$ja" &&
	    grep -qx '\.Sh 終了ステータス' "$ja"
}

# PAGE MACROS TEXT: groff formats PAGE without a warning, and man shows
# TEXT and the NAME heading under ja_JP.UTF-8.
ja_render() {
	[ -f "$1" ] || { tt_log "no $1"; return 1; }
	groff -k -m"$2" -Tutf8 -ww -z "$1" 2>"$TT_TOP/groff.err"
	[ ! -s "$TT_TOP/groff.err" ] ||
	    { tt_log "groff on $1:"; cat "$TT_TOP/groff.err" >&2; return 1; }
	$JA MANWIDTH=80 MAN_DISABLE_SECCOMP=1 man -l "$1" >"$TT_TOP/man.out" \
	    2>"$TT_TOP/man.err" || return 1
	[ ! -s "$TT_TOP/man.err" ] ||
	    { tt_log "man on $1:"; cat "$TT_TOP/man.err" >&2; return 1; }
	grep -qx '名前' "$TT_TOP/man.out" && grep -qF "$3" "$TT_TOP/man.out" ||
	    { tt_log "man on $1 does not show '$3'"; return 1; }
}

# The two pages make install puts under share/man/ja.
test_ja_render() {
	command -v groff >/dev/null && command -v man >/dev/null ||
	    { tt_skip "no groff or man (groff-base, man-db)"; return 1; }
	ja_locale || return 1
	ja_render "$SRC/doc/ja/tterm.1" mandoc \
	    'tterm — タブを持つテキストモードの端末クライアント' &&
	    ja_render "$BUILD/doc/ja/tterm.ini.5" man \
	    'ボーレート (ビット/秒) (既定値 9600)'
}

tt_run test_ja_ini_page
tt_run test_ja_man1_page
tt_run test_ja_render
