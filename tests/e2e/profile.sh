# profile.sh: Tera Term profiles and command lines. The import report and
# the dump of the shipped TERATERM.INI; SSH tabs opened from a UTF-16
# profile with a Windows key path, from Tera Term's command line with a
# password, and from a /F= file that turns on a legacy cipher.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

DATA=$(cd "$(dirname "$0")/../data/teraterm" && pwd)

prof_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
}

# utf16 FILE: rewrite a UTF-8 file as Tera Term 5 does (UTF-16LE, BOM, CRLF).
utf16() {
	{ printf '\377\376'; sed 's/$/\r/' "$1" | iconv -f UTF-8 -t UTF-16LE; } \
	    >"$1.u16" && mv "$1.u16" "$1"
}

remote_prompt() {
	tt_wait_re "$SSHD_USER"'@[^ ]*[#$] ?$' 15
}

test_import_report() {
	out=$("$TTERM" --import "$DATA/TERATERM.INI") || return 1
	for want in \
	    'mapped: [TTSSH] CipherOrder=MKN>H:J=G9LI<F8C7D;EB30A@?62' \
	    'mapped: [TTSSH] KexOrder=?>=<;567:9842031' \
	    'ignored: [Tera Term] VTFont' \
	    'legacy: 3des-cbc is on because the profile says so' \
	    'history 6: user@myhost.example.com:10022 /ssh: ssh user@myhost.example.com port 10022' \
	    'history 8: /C=1 ;serial port: serial COM1 at 9600' \
	    'connection: SSH'; do
		printf '%s\n' "$out" | grep -qF -- "$want" ||
		    { tt_log "missing: $want"; return 1; }
	done
	# A broken file: the problem with its line, the rest still read.
	f=$TT_TOP/broken.ini
	printf '[Tera Term]\r\nBaudRate=19200\r\nno equals sign\r\n[TTSSH\r\n' \
	    >"$f"
	out=$("$TTERM" --import "$f") || return 1
	printf '%s\n' "$out" | grep -q "problem: line 3: no '='" || return 1
	printf '%s\n' "$out" | grep -q "problem: line 4: a section" || return 1
	printf '%s\n' "$out" | grep -q 'mapped: \[Tera Term\] BaudRate=19200' ||
	    return 1
	# Escape sequences in its values do not reach the terminal: the
	# report quotes them without their control characters.
	printf '[Tera Term]\r\nTitle=\033]0;pwned\007\033[2J\r\n[Hosts]\r\nHost1=h\033[31mx /ssh\r\n' \
	    >"$f"
	"$TTERM" --import "$f" >"$TT_TOP/report" || return 1
	grep -q 'Title=]0;pwned\[2J' "$TT_TOP/report" || return 1
	grep -q 'history 1: h\[31mx /ssh' "$TT_TOP/report" || return 1
	[ "$(tr -d '\001-\010\013-\037\177' <"$TT_TOP/report" | wc -c)" = \
	    "$(wc -c <"$TT_TOP/report")" ] ||
	    { tt_log "a control character in the report"; return 1; }
	# A file that is not there: one message, exit status 1.
	out=$("$TTERM" --import "$TT_TOP/none.ini" 2>&1) && return 1
	printf '%s\n' "$out" | grep -q "none.ini: No such file" || return 1
}

test_dump_round_trip() {
	"$TTERM" --dump-profile "$DATA/TERATERM.INI" >"$TT_TOP/d1.ini" ||
	    return 1
	"$TTERM" --dump-profile "$TT_TOP/d1.ini" >"$TT_TOP/d2.ini" || return 1
	cmp "$TT_TOP/d1.ini" "$TT_TOP/d2.ini" || return 1
	grep -q '^CipherOrder=MKN>H:J=G9LI<F8C7D;EB30A@?62$' "$TT_TOP/d2.ini"
}

# tterm -P NAME: a profile in ~/.config/tterm/profiles as Tera Term 5
# writes it, naming the key the Windows way.
test_profile_ssh_key() {
	sshd_start pubkey || return 1
	prof_home
	sshd_client_setup known
	mv "$TT_HOME/.ssh/id_ed25519" "$TT_HOME/.ssh/work_key"
	mkdir -p "$TT_HOME/.config/tterm/profiles"
	p=$TT_HOME/.config/tterm/profiles/work.ini
	cat >"$p" <<-EOF
	; 本番サーバー
	[Tera Term]
	TCPPort=$SSHD_PORT
	Title=work;db #1
	[TTSSH]
	Enabled=1
	DefaultUserName=$SSHD_USER
	DefaultAuthMethod=2
	DefaultRSAPrivateKeyFile=C:\\Users\\taro\\.ssh\\work_key
	[tterm]
	Host=127.0.0.1
	EOF
	utf16 "$p"
	tt_start 100 30 --no-ssh-config -P work || return 1
	remote_prompt || return 1
	tt_row 0 | grep -q 'work;db #1' || return 1
	tt_type 'echo via-$((40+2))'
	tt_keys Enter
	tt_wait_re '^via-42'
}

# Tera Term's own ssh_known_hosts (CRLF) beside the profile is read.
test_profile_known_hosts() {
	sshd_start pubkey || return 1
	prof_home
	sshd_client_setup
	d=$TT_TOP/tt5
	mkdir -p "$d"
	printf '# Tera Term\r\n[127.0.0.1]:%s %s\r\n' "$SSHD_PORT" \
	    "$(cut -d' ' -f1-2 "$SSHD_DIR/hostkey.pub")" >"$d/ssh_known_hosts"
	printf '[TTSSH]\r\nEnabled=1\r\nKnownHostsFiles=ssh_known_hosts\r\n' \
	    >"$d/TERATERM.INI"
	tt_start 100 30 --no-ssh-config "/F=$d/TERATERM.INI" \
	    "$SSHD_USER@127.0.0.1:$SSHD_PORT" || return 1
	remote_prompt || return 1
	tt_pane | grep -q 'Unknown host key' && return 1
	return 0
}

test_teraterm_command_line_password() {
	sshd_start password || return 1
	prof_home
	sshd_client_setup known
	tt_start 100 30 --no-ssh-config "127.0.0.1:$SSHD_PORT" /ssh /2 \
	    /auth=password "/user=$SSHD_USER" "/passwd=$SSHD_PASSWORD" || return 1
	remote_prompt || return 1
	# The password went without asking.
	tt_pane | grep -q 'Password for' && return 1
	return 0
}

test_legacy_cipher_from_ini() {
	sshd_start cbc || return 1
	prof_home
	sshd_client_setup known
	f=$TT_TOP/legacy.ini
	printf '[TTSSH]\r\nCipherOrder=8<0\r\n' >"$f"
	tt_start 100 30 --no-ssh-config "/F=$f" "127.0.0.1:$SSHD_PORT" /ssh \
	    "/user=$SSHD_USER" || return 1
	tt_wait 'This connection uses legacy algorithms: aes128-cbc' 15 ||
	    return 1
	remote_prompt
}

# Tera Term's own TERATERM.INI lists legacy algorithms after the modern
# ones: against a modern server none is chosen, and nothing is said.
test_stock_ini_no_legacy_notice() {
	sshd_start pubkey || return 1
	prof_home
	sshd_client_setup known
	tt_start 100 30 --no-ssh-config "/F=$DATA/TERATERM.INI" \
	    "127.0.0.1:$SSHD_PORT" /ssh "/user=$SSHD_USER" || return 1
	remote_prompt || return 1
	tt_screen | grep -q 'legacy algorithms' && return 1
	return 0
}

# BSKey=BS and DeleteKey=on, in a profile for a local program.
test_profile_keys() {
	prof_home
	mkdir -p "$TT_HOME/.config/tterm/profiles"
	cat >"$TT_HOME/.config/tterm/profiles/keys.ini" <<-'EOF'
	[Tera Term]
	BSKey=BS
	DeleteKey=on
	[tterm]
	Command=stty raw -echo opost onlcr; echo dump-ready; while :; do dd bs=256 count=1 2>/dev/null | od -An -tx1 -w64; done
	EOF
	printf 'a broken line\n' >>"$TT_HOME/.config/tterm/profiles/keys.ini"
	tt_start 100 24 -P keys || return 1
	tt_wait dump-ready || return 1
	# The bad line is reported in the tab; the rest of the file applies.
	tt_wait "profile keys: line 6: no '=' in the line" || return 1
	tt_keys BSpace
	tt_wait_re '^ 08$' || return 1
	tt_keys DC
	tt_wait_re '^ 7f$'
}

# -o KEY=VALUE sets any profile key: over a profile's own value (BSKey
# here), or over tterm's defaults with no profile at all; a key or a value
# that is not valid stops tterm before it takes the screen.
test_option_keys() {
	prof_home
	mkdir -p "$TT_HOME/.config/tterm/profiles"
	cat >"$TT_HOME/.config/tterm/profiles/keys.ini" <<-'EOF'
	[Tera Term]
	BSKey=BS
	[tterm]
	Command=stty raw -echo opost onlcr; echo dump-ready; while :; do dd bs=256 count=1 2>/dev/null | od -An -tx1 -w64; done
	EOF
	tt_start 100 24 -P keys -o BSKey=DEL || return 1
	tt_wait dump-ready || return 1
	tt_keys BSpace
	tt_wait_re '^ 7f$' || return 1
	tt_end
	tt_start 100 24 -o "tterm.Command=echo set-by-dash-o; exec sleep 60" ||
	    return 1
	tt_wait set-by-dash-o || return 1
	tt_end
	out=$("$TTERM" -o NoSuchKey=1 2>&1)
	[ $? -eq 2 ] || return 1
	printf '%s\n' "$out" | grep -q 'no such profile key' ||
	    { tt_log "got: $out"; return 1; }
	out=$("$TTERM" -o TCPPort=99999 2>&1)
	[ $? -eq 2 ] || return 1
	printf '%s\n' "$out" | grep -q 'not a number from 0 to 65535' ||
	    { tt_log "got: $out"; return 1; }
}

# Colours from a profile (ANSIColor in Tera Term's order, VTColor) and
# from the Tera Term theme, on a direct-colour terminal to see the RGB.
test_profile_colours() {
	prof_home
	tic -x -o "$TT_TOP/terminfo" "$(dirname "$0")/../data/direct.ti" ||
	    return 1
	mkdir -p "$TT_HOME/.config/tterm/profiles"
	cat >"$TT_HOME/.config/tterm/profiles/colours.ini" <<-'EOF'
	[Tera Term]
	VTColor=200,201,202,0,0,0
	ANSIColor=9,10,20,30, 1,40,50,60
	[tterm]
	Command=printf '\033[31mnormal\033[0m \033[91mbright\033[0m plain\n'; exec sleep 60
	EOF
	TT_TERMINFO=$TT_TOP/terminfo TT_TERM=tterm-test-direct \
	    tt_start 100 24 -P colours || return 1
	tt_wait_sgr '38;2;10;20;30' normal || return 1
	tt_wait_sgr '38;2;40;50;60' bright || return 1
	tt_wait_sgr '38;2;200;201;202' ' plain' || return 1
	tt_stop
	TT_TERMINFO=$TT_TOP/terminfo TT_TERM=tterm-test-direct \
	    tt_start 100 24 --theme "$(dirname "$0")/../../themes/teraterm.ini" \
	    -e "printf '\\033[31mred\\033[0m \\033[91mbred\\033[0m\\n'; exec sleep 60" ||
	    return 1
	tt_wait_sgr '38;2;192;0;0' red || return 1
	tt_wait_sgr '38;2;255;0;0' bred
}

# LogAutoStart with a name made of &h and strftime codes, plain text with
# time stamps; prefix L ends the log.
test_session_log() {
	prof_home
	logs=$TT_TOP/logs
	mkdir -p "$logs" "$TT_HOME/.config/tterm/profiles"
	cat >"$TT_HOME/.config/tterm/profiles/logged.ini" <<-EOF
	[Tera Term]
	LogAutoStart=on
	LogDefaultName=&h-%Y.log
	LogDefaultPath=$logs
	LogTypePlainText=on
	LogTimestamp=on
	LogTimestampFormat=%H:%M:%S.%N
	[tterm]
	Command=printf 'hello \\033[31mworld\\033[0m\\n'; exec sleep 60
	EOF
	tt_start 100 24 -P logged || return 1
	tt_wait 'hello world' || return 1
	f=$logs/local-$(date +%Y).log
	tt_until '[ -f "$f" ] && grep -qE "^\[[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}\] hello world" "$f"' \
	    5 'the log line' '' || { cat "$f" >&2; return 1; }
	[ "$(stat -c %a "$f")" = 600 ] || return 1
	grep -q "$(printf '\033')" "$f" && return 1
	tt_prefix L
	tt_wait "log ended: $f"
}

# Prefix L in a tab started without a profile: the log is plain text, as
# Tera Term's (LogTypePlainText=on in its TERATERM.INI): colours, cursor
# movement and character set designations are gone, the text stays.
test_session_log_no_profile() {
	prof_home
	tt_start 100 24 -e 'exec sh' || return 1
	tt_wait_re '^\$' || return 1
	tt_prefix L
	f=$TT_HOME/teraterm.log
	tt_wait "logging to $f" || return 1
	tt_type "printf 'a\\033[31mred\\033[0m\\033[3Cx\\033(By\\033[2;5Hz\\n'"
	tt_keys Enter
	tt_until 'grep -q "aredxyz" "$f"' 5 'the text in the log' '' ||
	    { od -c "$f" | tail -n 20 >&2; return 1; }
	[ "$(stat -c %a "$f")" = 600 ] || return 1
	! grep -q "$(printf '\033')" "$f" ||
	    { tt_log "escape sequences in the log"; od -c "$f" >&2; return 1; }
}

tt_test_cleanup() {
	sshd_stop
}

# /keyfile= with a Windows path on the command line is mapped as a
# profile's KeyFile: the key by its name in ~/.ssh.
test_keyfile_windows_path() {
	sshd_start pubkey || return 1
	prof_home
	sshd_client_setup known
	mv "$TT_HOME/.ssh/id_ed25519" "$TT_HOME/.ssh/work_key"
	tt_start 100 30 --no-ssh-config "127.0.0.1:$SSHD_PORT" /ssh \
	    "/user=$SSHD_USER" '/keyfile=C:\Users\taro\.ssh\work_key' ||
	    return 1
	remote_prompt
}
# A TERATERM.INI that names no protocol (Port=tcpip, no TCPPort) with
# tterm's own SSH options: -p, -i and user@host make an SSH tab, not a
# raw TCP one showing the server's banner.
test_ini_with_ssh_options() {
	sshd_start pubkey || return 1
	prof_home
	sshd_client_setup known
	mv "$TT_HOME/.ssh/id_ed25519" "$TT_HOME/.ssh/k"
	printf '[Tera Term]\r\nPort=tcpip\r\n' >"$TT_TOP/plain.ini"
	tt_start 100 30 --no-ssh-config "/F=$TT_TOP/plain.ini" \
	    -p "$SSHD_PORT" -i "$TT_HOME/.ssh/k" "$SSHD_USER@127.0.0.1" ||
	    return 1
	remote_prompt || return 1
	tt_screen | grep -q 'SSH-2.0' && return 1
	return 0
}
tt_run test_import_report
tt_run test_dump_round_trip
tt_run test_profile_keys
tt_run test_option_keys
tt_run test_profile_colours
tt_run test_session_log
tt_run test_session_log_no_profile
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null ||
    [ ! -x /usr/sbin/sshd ]; then
	tt_skip "the SSH profile tests need root and openssh-server"
fi
tt_run test_profile_ssh_key
tt_run test_teraterm_command_line_password
tt_run test_profile_known_hosts
tt_run test_legacy_cipher_from_ini
tt_run test_stock_ini_no_legacy_notice
tt_run test_keyfile_windows_path
tt_run test_ini_with_ssh_options
