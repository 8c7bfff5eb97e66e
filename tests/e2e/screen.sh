# screen.sh: what the outer terminal shows of a tab's screen: wide CJK
# text, 256 and 24-bit colours, attributes, the alternate screen, resize.
. "$(dirname "$0")/../lib.sh"

test_cjk_wide_text() {
	# Japanese text wraps as double-width characters.
	tt_start 30 10 -e 'printf "\346\227\245\346\234\254\350\252\236\343\201\256\343\203\206\343\202\255\343\202\271\343\203\210\343\201\247\343\201\231\343\200\202\346\227\245\346\234\254\350\252\236\343\201\256\343\203\206\343\202\255\343\202\271\343\203\210\n"; printf "a\314\201 e\314\201\n"; exec sh' || return 1
	tt_wait '日本語のテキストです。日本語の' || return 1
	tt_row 2 | grep -q '^テキスト$' || return 1
	# Combining accents stay on their letters.
	tt_wait "$(printf 'a\314\201 e\314\201')"
}

test_decomposed_kana() {
	# Ka and the combining voiced sound mark (a decomposed ga, as macOS
	# names files) take the two columns of ka, as in tmux: no gap.
	tt_start 30 10 -e 'printf "\343\202\253\343\202\231\343\203\212|\n"; exec sh' || return 1
	tt_wait_re "^$(printf '\343\202\253\343\202\231\343\203\212')[|]"
}

test_256_colours() {
	# capture-pane -e carries attributes over from the line above: the
	# first line is plain so that the second one shows all of its own.
	tt_start 80 24 -e 'printf "plain\n\033[38;5;208morange\033[m \033[48;5;21mbluebg\033[m \033[1;4mbu\033[m \033[7mrev\033[m\n"; exec sh' || return 1
	tt_wait 'orange' || return 1
	tt_wait_sgr '38;5;208' orange || return 1
	tt_wait_sgr '48;5;21' bluebg || return 1
	tt_wait_sgr 1 bu || return 1
	tt_wait_sgr 4 bu || return 1
	tt_wait_sgr 7 rev
}

test_truecolour_nearest_256() {
	# tmux-256color has no direct colour: the nearest of 256 is used.
	tt_start 80 24 -e 'printf "\033[38;2;255;0;0mred\033[m \033[38;2;128;128;128mgrey\033[m\n"; exec sh' || return 1
	tt_wait 'red grey' || return 1
	tt_wait_sgr '38;5;196' red || return 1
	tt_wait_sgr '38;5;244' grey
}

test_truecolour_direct() {
	# With a terminfo entry that has RGB, colours pass through exactly.
	mkdir -p "$TT_TOP/terminfo"
	tic -x -o "$TT_TOP/terminfo" "$(dirname "$0")/../data/direct.ti" ||
	    return 1
	TT_TERMINFO=$TT_TOP/terminfo TT_TERM=tterm-test-direct \
	    tt_start 80 24 -e 'printf "\033[38;2;18;52;86mdeep\033[m \033[48;2;200;100;50mwarm\033[m \033[31mansi\033[m\n"; exec sh' ||
	    return 1
	tt_wait 'deep warm' || return 1
	tt_wait_sgr '38;2;18;52;86' deep || return 1
	tt_wait_sgr '48;2;200;100;50' warm || return 1
	tt_wait_sgr 31 ansi
}

test_truecolour_colorterm() {
	# tmux-256color has no RGB, but COLORTERM says the terminal has 24-bit
	# colour: an entry with it is made and kept in the cache.
	TT_COLORTERM=truecolor tt_start 80 24 -e 'printf "\033[38;2;1;2;3mdeep\033[m \033[48;2;200;100;50mwarm\033[m \033[31mansi\033[m\n"; exec sh' ||
	    return 1
	tt_wait 'deep warm' || return 1
	tt_wait_sgr '38;2;1;2;3' deep || return 1
	tt_wait_sgr '48;2;200;100;50' warm || return 1
	tt_wait_sgr 31 ansi || return 1
	ls -R "$TT_HOME/.cache/tterm/terminfo" | grep -qx 'tmux-256color-tterm-direct'
}

test_truecolour_tc() {
	# No COLORTERM, but the entry has tmux's Tc flag (a user's own
	# terminfo, as tmux users make): direct colour too.
	TT_TERMINFO=$TT_TOP/terminfo-tc
	mkdir -p "$TT_TERMINFO"
	printf 'tmux-256color-tc|tmux-256color with Tc,\n\tTc, use=tmux-256color,\n' \
	    >"$TT_TOP/tc.ti"
	tic -x -o "$TT_TERMINFO" "$TT_TOP/tc.ti" || return 1
	TT_TERM=tmux-256color-tc tt_start 80 24 -e 'printf "\033[38;2;4;5;6mtc\033[m\n"; exec sh' ||
	    return 1
	tt_wait_sgr '38;2;4;5;6' tc
}

test_truecolour_24bit_cached() {
	# COLORTERM=24bit says the same; a second start finds the entry made
	# by the first one and runs no tic (none on its PATH).
	TT_HOME=$TT_TOP/home24
	TT_COLORTERM=24bit tt_start 80 24 -e 'printf "\033[38;2;9;8;7mfirst\033[m\n"; exec sh' ||
	    return 1
	tt_wait_sgr '38;2;9;8;7' first || return 1
	tt_end
	TT_WRAP="PATH=/nonexistent" TT_COLORTERM=24bit tt_start 80 24 -e 'printf "\033[38;2;7;8;9msecond\033[m\n"; exec /bin/sh' ||
	    return 1
	tt_wait_sgr '38;2;7;8;9' second
}

test_truecolour_no_tic() {
	# Without tic the terminal stays as TERM says: the nearest of 256.
	TT_WRAP="PATH=/nonexistent" TT_COLORTERM=truecolor tt_start 80 24 -e 'printf "\033[38;2;255;0;0mred\033[m\n"; exec /bin/sh' ||
	    return 1
	tt_wait_sgr '38;5;196' red
}

test_alternate_screen() {
	tt_start 80 24 -e 'exec sh' || return 1
	tt_wait_re '^\$' || return 1
	tt_type 'echo before; printf "\033[?1049h\033[Hfull\040screen\040app"; read x; printf "\033[?1049l"; echo after'
	tt_keys Enter
	tt_wait 'full screen app' || return 1
	tt_wait_gone 'before' || return 1
	tt_keys Enter
	tt_wait_re '^after' || return 1
	tt_wait_re '^before' || return 1
	tt_wait_gone 'full screen app'
}

test_resize() {
	tt_start 80 24 -e 'exec sh' -e 'exec sh' || return 1
	tt_wait '80x22' || return 1
	tt_resize 100 30
	tt_wait '100x28' || return 1
	tt_type 'stty size'
	tt_keys Enter
	tt_wait_re '^28 100' || return 1
	# The background tab was resized too.
	tt_prefix 1
	tt_wait_re '^ 1\*:' || return 1
	tt_type 'stty size'
	tt_keys Enter
	tt_wait_re '^28 100' || return 1
	tt_resize 60 15
	tt_wait '60x13' || return 1
	tt_type 'stty size'
	tt_keys Enter
	tt_wait_re '^13 60' || return 1
	# The bars are redrawn at the new width.
	tt_until "tt_row 14 | grep -q 'Ctrl+\\] ? help\$'" 5 'the status bar' ''
}

# A new size gets in while ten tabs flood (one is ready at every wait).
test_resize_while_flooding() {
	tt_start_flooding 80 24 flooding || return 1
	tt_wait 'flooding' || return 1
	tt_resize 100 30
	tt_wait '100x28' || return 1
	tt_until "tt_row 29 | grep -q 'Ctrl+\\] ? help\$'" 5 'the status bar' ''
}

test_cursor_and_erase_colours() {
	# Erasing under a background colour fills with it (BCE).
	tt_start 40 10 -e 'printf "\033[44m\033[2J\033[H\033[mX"; exec sleep 100' ||
	    return 1
	tt_wait 'X' || return 1
	tt_wait_e '[44m'
}

tt_run test_cjk_wide_text
tt_run test_decomposed_kana
tt_run test_256_colours
tt_run test_truecolour_nearest_256
tt_run test_truecolour_direct
tt_run test_truecolour_colorterm
tt_run test_truecolour_tc
tt_run test_truecolour_24bit_cached
tt_run test_truecolour_no_tic
tt_run test_alternate_screen
tt_run test_resize
tt_run test_resize_while_flooding
tt_run test_cursor_and_erase_colours

test_cursor_visibility() {
	tt_start 80 24 -e 'exec sh' || return 1
	tt_wait_re '^\$' || return 1
	[ "$(tt_pane '#{cursor_flag}')" = 1 ] || return 1
	tt_type 'printf "\033[?25l"'
	tt_keys Enter
	tt_until '[ "$(tt_pane "#{cursor_flag}")" = 0 ]' 5 'a hidden cursor' "" ||
	    return 1
	tt_type 'printf "\033[?25h"; printf "\033[5;10H"; read x'
	tt_keys Enter
	tt_until '[ "$(tt_pane "#{cursor_flag}")" = 1 ]' 5 'the cursor back' "" ||
	    return 1
	# Row 5 of the tab is row 5 of the pane (the tab bar is row 0).
	tt_until '[ "$(tt_pane "#{cursor_y},#{cursor_x}")" = "5,9" ]' 5 \
	    'the cursor at 5,9' ""
}

test_theme_colours() {
	theme=$TT_TOP/blue.ini
	printf '[ui]\nstatus = yellow on blue\nactive = red on green\n' >"$theme"
	tt_start 80 24 --theme "$theme" -e 'exec sh' || return 1
	tt_wait_sgr '33' ' \[1\] local' || return 1
	tt_wait_sgr '44' ' \[1\] local' || return 1
	tt_wait_sgr '42' ' 1\*:exec sh'
}

# A theme by name from the build tree (themes/ beside ./tterm), before
# it is installed: classic's status bar is white on blue.
test_theme_by_name() {
	tt_start 80 24 --theme classic -e 'exec sh' || return 1
	tt_wait_sgr '44' ' \[1\] local'
}

test_bad_theme() {
	printf '[ui]\nstatus = purple on nothing\n' >"$TT_TOP/bad.ini"
	out=$(script -qec "$TTERM --theme $TT_TOP/bad.ini" /dev/null 2>&1)
	printf '%s\n' "$out" | grep -q 'bad value for ui:status' || {
		tt_log "got: $out"; return 1; }
}

tt_run test_cursor_visibility
tt_run test_theme_colours
tt_run test_theme_by_name
tt_run test_bad_theme
