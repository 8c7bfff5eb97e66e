# copy.sh: the scrollback view's search and copy mode, the paste buffer,
# OSC 52 (tterm's copies and programs' own) reaching the outer tmux's
# buffer, and the mouse: the wheel, a click on the tab bar, a drag that
# copies, reports passed to a program that asked for them.
. "$(dirname "$0")/../lib.sh"

# The outer tmux keeps what OSC 52 sets as a buffer.
TT_TMUX_CONF='set -g set-clipboard on'

# tt_buffer: the outer tmux's newest paste buffer.
tt_buffer() {
	tmux -S "$TT_SOCK" show-buffer 2>/dev/null
}

# tt_wait_buffer TEXT [SECS]: wait until the newest buffer is TEXT.
tt_wait_buffer() {
	tt_until '[ "$(tt_buffer)" = "$1" ]' "${2:-5}" "buffer '$1'" "$1"
}

# tt_mouse B X Y [m]: an SGR mouse report (X, Y from 1), as the outer
# terminal sends it; m for a release.
tt_mouse() {
	tt_type "$(printf '\033[<%s;%s;%s%s' "$1" "$2" "$3" "${4:-M}")"
}

tt_hay='awk "BEGIN { for (i = 1; i <= 2000; i++) print (i % 500 == 0 ? \"needle \" i : \"hay \" i) }"'

test_search_plain() {
	tt_start 80 24 -e "$tt_hay; exec sh" || return 1
	tt_wait_re '^hay 1999$' || return 1
	tt_prefix /
	tt_wait 'search up (Ctrl+R: regex):' || return 1
	tt_type 'NEEDLE'		# capitals: case matters, no match
	tt_keys Enter
	tt_wait 'not found: NEEDLE' || return 1
	tt_keys '?'
	tt_type 'needle'
	tt_keys Enter
	tt_wait 'match 4 of 4: needle' || return 1
	tt_keys n
	tt_wait 'match 3 of 4: needle' || return 1
	tt_wait_re '^needle 1500$' || return 1
	# The cursor's match is drawn underlined (all in the alert colours).
	tt_wait_sgr '4' 'needle' || return 1
	tt_keys N
	tt_wait 'match 4 of 4: needle' || return 1
	tt_keys n n n
	tt_wait 'match 1 of 4: needle' || return 1
	tt_wait_re '^needle 500$' || return 1
	tt_keys n			# round the top: the newest again
	tt_wait 'match 4 of 4: needle' || return 1
	tt_keys /			# down from the newest: round to the oldest
	tt_keys Enter
	tt_wait 'match 1 of 4: needle'
}

test_search_regex() {
	tt_start 80 24 -e "$tt_hay; exec sh" || return 1
	tt_wait_re '^hay 1999$' || return 1
	tt_prefix /
	tt_wait 'search up' || return 1
	tt_keys C-r
	tt_wait 'search up (regex):' || return 1
	tt_type 'needle 1[05]00$'
	tt_keys Enter
	tt_wait 'match 2 of 2: needle 1[05]00$' || return 1
	tt_wait_re '^needle 1500$' || return 1
	tt_keys '?'		# still a regex: the last search's kind
	tt_wait 'search up (regex):' || return 1
	tt_type 'ne[edle'
	tt_keys Enter
	tt_wait 'bad regular expression' || return 1
	tt_keys q
	tt_wait_gone SCROLLBACK
}

test_search_fast() {
	# 100,000 lines: counting the matches over all of them is quick.
	tt_start 80 24 --scrollback 100000 -e \
	    'seq -f "line %g" 1 100000; echo last; exec sh' || return 1
	tt_wait_re '^last$' 30 || return 1
	tt_prefix /
	tt_type 'line 5000'
	t0=$(date +%s%N)
	tt_keys Enter
	# line 5000 and 50000 to 50009: 11 matches.
	tt_wait 'match 11 of 11: line 5000' 10 || return 1
	t1=$(date +%s%N)
	tt_log "search over 100000 lines: $(( (t1 - t0) / 1000000 )) ms"
	[ $(( (t1 - t0) / 1000000 )) -lt 3000 ]
}

test_copy_osc52_and_paste() {
	tt_start 80 24 -e 'printf "alpha beta gamma\n"; exec sh' || return 1
	tt_wait_re '^alpha beta gamma$' || return 1
	tt_prefix '['
	tt_wait 'SCROLLBACK 0/' || return 1
	# The cursor starts at the prompt (row 1): up to the text, select
	# "beta" by character, copy.
	tt_keys k 0 l l l l l l v l l l y
	tt_wait 'copied 4 bytes' || return 1
	tt_wait_gone SCROLLBACK || return 1
	tt_wait_buffer 'beta' || return 1
	# The prefix's ] pastes it into the program.
	tt_type 'echo X'
	tt_prefix ']'
	tt_keys Enter
	tt_wait_re '^Xbeta$'
}

test_paste_bracketed() {
	# A program that asked for bracketed paste gets the buffer inside
	# the brackets.
	tt_start 80 24 -e 'printf "beta\n\033[?2004h"; stty raw -echo; dd bs=1 count=16 2>/dev/null | od -An -c; sleep 60' ||
	    return 1
	tt_wait_re '^beta$' || return 1
	tt_until 'pgrep -P $TT_PID >/dev/null && pgrep -x dd >/dev/null' 5 "dd to run" ||
	    return 1
	tt_prefix '['
	tt_wait 'SCROLLBACK' || return 1
	tt_keys g V y
	tt_wait_buffer 'beta' || return 1
	tt_prefix ']'
	tt_until 'tt_screen | tr -d " \n" | grep -qF "033[200~beta033[201~"' \
	    5 "the paste in brackets"
}

test_copy_lines_wrapped() {
	# A line longer than the screen is wrapped; copying joins it, and
	# the trailing blanks of a short line are dropped.
	tt_start 40 10 -e 'printf "short   \n"; i=0; l=; while [ $i -lt 6 ]; do l="${l}0123456789"; i=$((i+1)); done; echo "$l"; exec sh' ||
	    return 1
	tt_wait_re '^0123456789012345678901234567890123456789$' || return 1
	tt_prefix '['
	tt_wait 'SCROLLBACK' || return 1
	tt_keys k k k V j j y
	tt_wait 'copied' || return 1
	tt_wait_buffer "$(printf 'short\n012345678901234567890123456789012345678901234567890123456789')"
}

test_copy_rectangle() {
	tt_start 80 24 -e 'printf "ab12cd\nef34gh\n"; exec sh' || return 1
	tt_wait_re '^ef34gh$' || return 1
	tt_prefix '['
	tt_wait 'SCROLLBACK' || return 1
	tt_keys k k 0 l l v r j l y
	tt_wait 'copied' || return 1
	tt_wait_buffer "$(printf '12\n34')"
}

test_copy_wide() {
	# A wide character is copied once, whole, even from its second half.
	tt_start 80 24 -e 'printf "x日本語y\n"; exec sh' || return 1
	tt_wait_re '^x日本語y$' || return 1
	tt_prefix '['
	tt_wait 'SCROLLBACK' || return 1
	tt_keys k 0 l l v l l l l l y
	tt_wait 'copied' || return 1
	tt_wait_buffer '日本語y'
}

test_program_osc52() {
	tt_start 80 24 -e 'exec sh' || return 1
	tt_wait_re '^\$' || return 1
	tt_type "printf '\\033]52;c;%s\\007' \$(printf 'from the program' | base64); echo sent"
	tt_keys Enter
	tt_wait_re '^sent$' || return 1
	tt_wait_buffer 'from the program'
}

test_program_osc52_refused() {
	# The profile refuses it; tterm's own copies still go.
	tt_start 80 24 -o ClipboardAccessFromRemote=off -e 'exec sh' ||
	    return 1
	tt_wait_re '^\$' || return 1
	tt_type "printf '\\033]52;c;%s\\007' \$(printf 'not this' | base64); echo sent"
	tt_keys Enter
	tt_wait_re '^sent$' || return 1
	tt_prefix '['
	tt_keys k V y
	tt_wait 'copied' || return 1
	tt_wait_buffer 'sent' || return 1
	! tmux -S "$TT_SOCK" list-buffers -F '#{buffer_sample}' | grep -q 'not this'
}

test_program_osc52_hidden() {
	# A hidden tab's program may not set the clipboard (by default).
	go=$TT_TOP/go
	tt_start 80 24 -e "while [ ! -e $go ]; do sleep 0.1; done; printf '\\033]52;c;%s\\007' \$(printf hidden | base64); echo done; exec sh" \
	    -e 'exec sh' || return 1
	tt_wait_re '^ 1\*:.* 2\+?:' || return 1
	tt_prefix 2
	tt_wait_re '^ 1\+?:.* 2\*:' || return 1
	touch "$go"
	tt_wait 'set the clipboard while hidden: refused' || return 1
	tt_prefix 1
	tt_wait_re '^done$' || return 1
	! tmux -S "$TT_SOCK" list-buffers -F '#{buffer_sample}' | grep -q 'hidden'
}

test_mouse_wheel() {
	tt_start 80 24 -e 'seq -f "line %g" 1 300; exec sh' || return 1
	tt_wait_re '^line 300$' || return 1
	tt_mouse 64 10 5
	tt_wait 'SCROLLBACK 3/' || return 1
	tt_mouse 64 10 5
	tt_wait 'SCROLLBACK 6/' || return 1
	tt_mouse 65 10 5
	tt_wait 'SCROLLBACK 3/' || return 1
	tt_keys q
	tt_wait_gone SCROLLBACK || return 1
	# In the alternate screen, the wheel is the arrow keys.
	tt_type 'printf "\033[?1049h"; od -c'
	tt_keys Enter
	tt_wait_gone 'line 300' || return 1
	tt_mouse 65 10 5
	tt_wait '^[[B^[[B^[[B'
}

test_mouse_tab_click() {
	tt_start 80 24 -e 'echo one; exec sh' -e 'echo two; exec sh' || return 1
	tt_wait_re '^ 1\*:.* 2\+?:' || return 1
	# " 1*:echo one; exec sh |": tab 2's label starts at column 24.
	tt_mouse 0 30 1
	tt_wait_re '^ 1\+?:.* 2\*:' || return 1
	tt_wait_re '^two$' || return 1
	tt_mouse 0 3 1
	tt_wait_re '^ 1\*:.* 2\+?:'
}

test_mouse_drag_copies() {
	tt_start 80 24 -e 'printf "pick these words\n"; exec sh' || return 1
	tt_wait_re '^pick these words$' || return 1
	# Row 2 of the outer screen is the tab's first row; columns 6 to 10
	# are "these".
	tt_mouse 0 6 2
	tt_mouse 32 8 2
	tt_mouse 32 10 2
	tt_mouse 0 10 2 m
	tt_wait 'copied 5 bytes' || return 1
	tt_wait_buffer 'these'
}

test_mouse_to_program() {
	# A program that asked for SGR reports gets them in its own
	# coordinates: the tab bar's row taken off.
	tt_start 80 24 -e 'printf "\033[?1000h\033[?1006h"; stty raw -echo; dd bs=1 count=20 2>/dev/null | od -An -c; printf "\033[?1000l"; sleep 60' ||
	    return 1
	tt_wait_re '^ 1\*:' || return 1
	tt_until 'ps -o args= -p $(pgrep -n -P $TT_PID dd 2>/dev/null || pgrep -n dd) 2>/dev/null | grep -q dd' 5 "dd to run" || return 1
	tt_mouse 0 12 6
	tt_mouse 0 12 6 m
	tt_until 'tt_screen | tr -d " \n" | grep -qF "033[<0;12;5M033[<0;12;5m"' \
	    5 "the reports as the program asked for them" 
}

tt_run test_search_plain
tt_run test_search_regex
tt_run test_search_fast
tt_run test_copy_osc52_and_paste
tt_run test_paste_bracketed
tt_run test_copy_lines_wrapped
tt_run test_copy_rectangle
tt_run test_copy_wide
tt_run test_program_osc52
tt_run test_program_osc52_refused
tt_run test_program_osc52_hidden
tt_run test_mouse_wheel
tt_run test_mouse_tab_click
tt_run test_mouse_drag_copies
tt_run test_mouse_to_program
tt_finish
