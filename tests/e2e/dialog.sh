# dialog.sh: the connection dialog (prefix c), the host history, a tab's
# settings (prefix o) and saving them (prefix S): into a new profile, and
# into a TERATERM.INI changing nothing but what changed.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../socat.sh"

DATA=$(cd "$(dirname "$0")/../data/teraterm" && pwd)

tt_test_cleanup() {
	serial_stop
	[ -n "${PEER_PID:-}" ] && kill "$PEER_PID" 2>/dev/null
	return 0
}

# A home of its own, kept across two runs of tterm.
dialog_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
	HIST=$TT_HOME/.config/tterm/history
}

# The field the cursor is in gets TEXT in place of what it holds.
dialog_field() {
	tt_keys C-u
	tt_type "$1"
}

test_dialog_local_shell() {
	dialog_home
	tt_start 100 30 -e 'echo first; exec sh' || return 1
	tt_wait first || return 1
	tt_prefix c
	tt_wait 'New connection' || return 1
	# No history: Enter alone opens the user's shell.
	tt_wait_re 'Service +local shell' || return 1
	tt_keys Enter
	tt_wait_re '^ 1\+?:echo first; exec sh \| 2\*:sh' || return 1
	tt_wait_gone 'New connection' || return 1
	# Typed before the prompt, the answer would follow the prompt.
	tt_wait_re '^[#$] ?$' || return 1
	tt_type 'echo in-$((6*7))'
	tt_keys Enter
	tt_wait_re '^in-42' || return 1
	# A smaller screen: the dialog moves, keeping what was typed.
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_type 'half-typed'
	tt_resize 76 24
	tt_wait '76x22' || return 1
	tt_wait_re '^ +│ Host +half-typed' || return 1
	# Esc leaves without a tab.
	tt_keys Escape
	tt_wait_gone 'New connection' || return 1
	tt_wait_re '2\*:sh$' || return 1
	[ ! -e "$HIST" ]
}

# With history (the service the last connection's, SSH), Enter with no
# host still opens the user's shell, as the help says (it said "type a
# host to connect to").
test_dialog_enter_alone_after_ssh() {
	dialog_home
	mkdir -p "$(dirname "$HIST")"
	printf '%s\n' 'someone@127.0.0.1:2222 /ssh' >"$HIST"
	tt_start 100 30 -e 'echo first; exec sh' || return 1
	tt_wait first || return 1
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_wait_re 'Service +SSH' || return 1
	tt_keys C-u Enter
	tt_wait_re '^ 1\+?:echo first; exec sh \| 2\*:sh' || return 1
	tt_wait_gone 'New connection' || return 1
	tt_wait_re '^[#$] ?$' || return 1
	tt_type 'echo alone-$((6*7))'
	tt_keys Enter
	tt_wait_re '^alone-42'
}

# A screen too short for the dialog's fields: it says so (it showed the
# labels run together and dropped what was typed); grown, the fields are
# back and take typing.
test_dialog_too_short() {
	dialog_home
	tt_start 60 12 -e 'exec sh' || return 1
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_wait 'too small for the fields' || return 1
	tt_screen | grep -q 'Serial portSpeed' && return 1
	tt_resize 60 30
	tt_wait_gone 'too small for the fields' || return 1
	tt_type 'grown-typed'
	tt_wait_re '│ Host +grown-typed' || return 1
	tt_keys Escape
	tt_wait_gone 'New connection'
}

test_dialog_serial() {
	serial_start || return 1
	dialog_home
	tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix c
	tt_wait 'New connection' || return 1
	# Service is the second field; serial comes before local shell.
	tt_keys Tab Left
	tt_wait_re 'Service +serial' || return 1
	tt_keys Tab Tab Tab Tab Tab
	dialog_field "$TTY"
	tt_keys Tab
	dialog_field 19200
	tt_keys Enter
	tt_wait "Opened $TTY at 19200 8N1" || return 1
	tt_wait_re "serial .*/t[A-Za-z0-9]* 19200 8N1 \\|" || return 1
	printf 'from the device\r\n' >"$SER/dev"
	tt_wait 'from the device'
}

# serial:DEVICE in the Host field, as on tterm's command line.
test_dialog_serial_host() {
	serial_start || return 1
	dialog_home
	tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_type "serial:$TTY"
	tt_keys Enter
	tt_wait "Opened $TTY at 9600 8N1" || return 1
	printf 'via the host field\r\n' >"$SER/dev"
	tt_wait 'via the host field'
}

# Service telnet: a plain TCP peer (socat) that greets and keeps what
# comes.
test_dialog_telnet() {
	command -v socat >/dev/null 2>&1 ||
	    { tt_skip "socat is not installed"; return 1; }
	dialog_home
	port=$(tt_free_port 5)
	socat TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr \
	    SYSTEM:"echo telnet-peer-ready; exec cat >$TT_TOP/peer.got" \
	    2>/dev/null &
	PEER_PID=$!
	tt_listening "$port" 'the peer' || return 1
	tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix c
	tt_wait 'New connection' || return 1
	dialog_field 127.0.0.1
	# Service: local shell, serial, telnet going left.
	tt_keys Tab Left Left
	tt_wait_re 'Service +telnet' || return 1
	tt_keys Tab
	dialog_field "$port"
	tt_keys Enter
	tt_wait 'telnet-peer-ready' 10 || return 1
	tt_wait_re "telnet 127.0.0.1:$port" || return 1
	tt_type 'hello'
	tt_keys Enter
	tt_until 'grep -q hello "$TT_TOP/peer.got"' 5 'hello at the peer' ''
}

test_dialog_profile_pick() {
	serial_start || return 1
	dialog_home
	mkdir -p "$TT_HOME/.config/tterm/profiles"
	printf '[Tera Term]\nPort=serial\nBaudRate=57600\n[tterm]\nDevice=%s\n' \
	    "$TTY" >"$TT_HOME/.config/tterm/profiles/console.ini"
	tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix c
	tt_wait 'New connection' || return 1
	# No history: the profiles are the picks.
	tt_keys Up
	tt_wait_re 'Host +-P console' || return 1
	tt_keys Enter
	tt_wait "Opened $TTY at 57600 8N1" || return 1
	# A profile is not a host line: the history stays empty.
	[ ! -e "$HIST" ]
}

test_dialog_history() {
	dialog_home
	# Nothing listens on port 1: the tab opens and says so.
	tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_type 'alice@127.0.0.1:1 /ssh'
	tt_keys Enter
	tt_wait_re '2\*:ssh alice@127.0.0.1' || return 1
	tt_wait 'Connection refused by 127.0.0.1 (127.0.0.1) on port 1' 10 ||
	    return 1
	[ "$(cat "$HIST")" = 'alice@127.0.0.1:1 /ssh' ] || return 1
	[ "$(stat -c %a "$HIST")" = 600 ] || return 1
	tt_stop
	# Next time: the history makes SSH the service; Up offers the line.
	tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_wait_re 'Service +SSH' || return 1
	tt_keys Up
	tt_wait_re 'Host +alice@127.0.0.1:1 /ssh' || return 1
	tt_keys Escape
	tt_wait_gone 'New connection'
}

test_dialog_history_teraterm_lines() {
	dialog_home
	mkdir -p "${HIST%/*}"
	# Newest first; picking the second line moves it to the top.
	printf '%s\n' '/C=200 /BAUD=19200 ;a COM port' \
	    'ssh://bob@127.0.0.1:2/' 'older.example' >"$HIST"
	tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_keys Up Up
	tt_wait_re 'Host +ssh://bob@127.0.0.1:2/' || return 1
	tt_keys Enter
	tt_wait_re '2\*:ssh bob@127.0.0.1' || return 1
	tt_wait 'Connection refused by 127.0.0.1 (127.0.0.1) on port 2' 10 ||
	    return 1
	printf '%s\n' 'ssh://bob@127.0.0.1:2/' '/C=200 /BAUD=19200 ;a COM port' \
	    'older.example' | cmp - "$HIST" || return 1
	# /C=200 is COM200: a serial line, whatever the service says.
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_keys Up Up
	tt_wait_re 'Host +/C=200' || return 1
	tt_keys Enter
	tt_wait 'Cannot open: /dev/ttyS199' || return 1
	tt_keys Escape
	tt_wait_gone 'New connection'
}

test_settings_speed_and_save() {
	serial_start || return 1
	dialog_home
	tt_start 120 30 "serial:$TTY" || return 1
	tt_wait "Opened $TTY at 9600 8N1" || return 1
	tt_prefix o
	tt_wait 'Settings of this tab' || return 1
	tt_wait_re 'Speed +9600' || return 1
	dialog_field 115200
	tt_keys Enter
	tt_wait_gone 'Settings of this tab' || return 1
	tt_wait 'tab 1: 115200 8N1, flow none' || return 1
	tt_wait_re "serial .*/t[A-Za-z0-9]* 115200 8N1 \\|" 10 || return 1
	tt_prefix S
	name=serial-${TTY##*/}
	tt_wait "saved to ~/.config/tterm/profiles/$name.ini" || return 1
	f=$TT_HOME/.config/tterm/profiles/$name.ini
	[ "$(stat -c %a "$f")" = 600 ] || return 1
	out=$(HOME=$TT_HOME "$TTERM" --dump-profile "$name") || return 1
	for want in 'BaudRate=115200' "Device=$TTY" 'Port=serial' \
	    'TerminalSize=120,28'; do
		printf '%s\n' "$out" | grep -qxF "$want" ||
		    { tt_log "no $want in: $out"; return 1; }
	done
}

# Up and Down in the Speed field go to the next faster and slower speed
# from the one shown (they started from an empty value, 1200 after 921600).
test_settings_speed_picks() {
	serial_start || return 1
	dialog_home
	tt_start 120 30 "serial:$TTY" || return 1
	tt_wait "Opened $TTY at 9600 8N1" || return 1
	tt_prefix o
	tt_wait_re 'Speed +9600' || return 1
	tt_keys Up
	tt_wait_re 'Speed +19200' || return 1
	tt_keys Down Down
	tt_wait_re 'Speed +4800' || return 1
	tt_keys Down Down Down
	tt_wait_re 'Speed +1200' || return 1
	tt_keys Enter
	tt_wait 'tab 1: 1200 8N1, flow none'
}

test_save_teraterm_ini() {
	serial_start || return 1
	dialog_home
	# The shipped file, on this pty instead of COM1.
	{ sed 's/^Port=tcpip\r$/Port=serial\r/' "$DATA/TERATERM.INI"
	  printf '[tterm]\r\nDevice=%s\r\n' "$TTY"; } >"$TT_TOP/orig.ini"
	cp "$TT_TOP/orig.ini" "$TT_TOP/copy.ini"
	# 80x24 inside the bars, as the file's TerminalSize.
	tt_start 80 26 -P "$TT_TOP/copy.ini" || return 1
	tt_wait "Opened $TTY at 9600 8N1" || return 1
	tt_prefix o
	tt_wait 'Settings of this tab' || return 1
	dialog_field 38400
	tt_keys Enter
	tt_wait 'tab 1: 38400 8N1' || return 1
	tt_prefix S
	tt_wait 'saved to' || return 1
	diff "$TT_TOP/orig.ini" "$TT_TOP/copy.ini" >"$TT_TOP/diff"
	printf '< BaudRate=9600\r\n---\n> BaudRate=38400\r\n' >"$TT_TOP/want"
	sed 1d "$TT_TOP/diff" | cmp -s - "$TT_TOP/want" ||
	    { tt_log "changes:"; cat "$TT_TOP/diff" >&2; return 1; }
}

# Backspace in an emptied field stays in it: what is typed next is that
# field's (it went to the field before, and was lost).
test_dialog_backspace_empty_field() {
	dialog_home
	tt_start 100 30 -e 'exec sh' || return 1
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_keys Down Down C-u BSpace BSpace
	tt_type 2345
	tt_wait_re 'TCP port +2345' || return 1
	tt_keys Escape
	tt_wait_gone 'New connection'
}
tt_run test_dialog_local_shell
tt_run test_dialog_enter_alone_after_ssh
tt_run test_dialog_serial
tt_run test_dialog_serial_host
tt_run test_dialog_telnet
tt_run test_dialog_profile_pick
tt_run test_dialog_history
tt_run test_dialog_history_teraterm_lines
tt_run test_settings_speed_and_save
tt_run test_settings_speed_picks
tt_run test_save_teraterm_ini
tt_run test_dialog_backspace_empty_field
tt_run test_dialog_too_short
