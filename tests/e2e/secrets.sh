# secrets.sh: no secret is ever written to a file. Each test logs in to
# the private sshd with one kind of secret (a password in the dialog's host
# line, a password typed in a form, keyboard-interactive answers with a
# one-time code, a key's passphrase) while the debug log (--log) and a
# session log run, saves the tab's profile (prefix S) and quits (prefix q,
# y). Then no file under $HOME nor either log holds the secret, and the
# files tterm had to write are there, not empty, and private (0600).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

unset XDG_CONFIG_HOME
SEC_USER=${SSHD_USER:-root}
# Unique strings, found nowhere else by chance.
SEC_PW="pw-$$-Kq7Vt2zX"
SEC_PHRASE="kp-$$-Jr4Wm8yQ"
SSHD_PASSWORD=$SEC_PW

tt_test_cleanup() {
	sshd_stop
}

# A home and a debug log of the test's own.
sec_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
	SEC_LOG=$TT_HOME.debug.log
	HIST=$TT_HOME/.config/tterm/history
}

sec_start() {
	tt_start 100 30 --no-ssh-config --log "$SEC_LOG" "$@"
}

sec_prompt() {
	tt_wait_re "$SEC_USER@[^ ]*[#\$] ?\$" 15
}

# Prefix c and a host line typed into the dialog.
sec_dialog() {
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_type "$1"
	tt_keys Enter
	tt_wait_gone 'New connection'
}

# Logged in: something for the session log, the profile saved, tterm quit.
sec_finish() {
	sec_prompt || return 1
	tt_type 'echo session-$((6*7))'
	tt_keys Enter
	tt_wait_re '^session-42' || return 1
	tt_prefix S
	tt_wait 'saved to' || return 1
	tt_prefix q
	tt_wait 'Quit tterm?' || return 1
	tt_keys y
	tt_wait_exit 10
}

# sec_private FILE...: each exists, is not empty and is mode 0600.
sec_private() {
	for f in "$@"; do
		[ -s "$f" ] || { tt_log "not written: $f"; return 1; }
		[ "$(stat -c %a "$f")" = 600 ] ||
		    { tt_log "$f is mode $(stat -c %a "$f")"; return 1; }
	done
}

# sec_nowhere SECRET...: no file under the home, nor the debug log, holds
# any of them (a code of digits only, not inside a longer number).
sec_nowhere() {
	for s in "$@"; do
		how=-F pat=$s
		case $s in
		*[!0-9]*) ;;
		*) how=-E pat="(^|[^0-9])$s([^0-9]|\$)" ;;
		esac
		if grep -a -r -l "$how" -e "$pat" "$TT_HOME" "$SEC_LOG" \
		    >"$TT_TOP/found" 2>/dev/null; then
			tt_log "secret '$s' written to:"
			sed 's/^/    ! /' "$TT_TOP/found" >&2
			return 1
		fi
	done
}

# Every file tterm wrote: the debug log, the session log, the profile.
sec_written() {
	sec_private "$SEC_LOG" "$@" || return 1
	grep -q 'session-42' "$1" || { tt_log "session log: no session"; return 1; }
	set -- "$TT_HOME"/.config/tterm/profiles/*.ini
	[ -e "$1" ] || { tt_log "no profile saved"; return 1; }
	sec_private "$@"
}

# The password in the dialog's host line, as its help invites: the history
# keeps the line without it, and picking it again asks for the password.
test_secret_dialog_passwd() {
	sshd_start password || return 1
	sec_home
	line="127.0.0.1:$SSHD_PORT /L=$TT_HOME/session.log /ssh /auth=password"
	line="$line /user=$SEC_USER"
	sec_start || return 1
	sec_dialog "$line /passwd=$SEC_PW" || return 1
	# The host key is saved by tterm: known_hosts is its file too.
	tt_wait 'Unknown host key' 15 || return 1
	tt_keys s
	sec_finish || return 1
	sec_nowhere "$SEC_PW" || return 1
	sec_private "$HIST" "$TT_HOME/.ssh/known_hosts" || return 1
	sec_written "$TT_HOME/session.log" || return 1
	# The line is kept as typed but for its password.
	[ "$(head -n 1 "$HIST")" = "$line" ] ||
	    { tt_log "history: $(head -n 1 "$HIST")"; return 1; }
	tt_stop
	# Up picks the line again; without its password, tterm asks.
	sec_start || return 1
	tt_prefix c
	tt_wait 'New connection' || return 1
	tt_keys Up
	tt_wait_re "/auth=password /user=$SEC_USER +│" || return 1
	tt_keys Enter
	tt_wait "Password for $SEC_USER@127.0.0.1" 15 || return 1
	tt_stop
	sec_nowhere "$SEC_PW"
}

# A password typed in tterm's form while the session log runs.
test_secret_password_form() {
	sshd_start password || return 1
	sec_home
	sshd_client_setup known
	sec_start || return 1
	sec_dialog "$SEC_USER@127.0.0.1:$SSHD_PORT" || return 1
	tt_wait "Password for $SEC_USER@127.0.0.1" 15 || return 1
	tt_prefix L
	tt_wait "logging to $TT_HOME/teraterm.log" || return 1
	tt_type "$SEC_PW"
	tt_keys Enter
	sec_finish || return 1
	grep -qF "$SEC_USER@127.0.0.1:$SSHD_PORT" "$HIST" ||
	    { tt_log "no host line in the history"; return 1; }
	sec_private "$HIST" || return 1
	sec_written "$TT_HOME/teraterm.log" || return 1
	sec_nowhere "$SEC_PW"
}

# Keyboard-interactive: a password, then a one-time code.
test_secret_kbdint() {
	sshd_start kbdint2 || return 1
	sec_home
	sshd_client_setup known
	sec_start "ssh://$SEC_USER@127.0.0.1:$SSHD_PORT" || return 1
	tt_wait 'Password:' 15 || return 1
	tt_prefix L
	tt_wait "logging to $TT_HOME/teraterm.log" || return 1
	tt_type "$SEC_PW"
	tt_keys Enter
	tt_wait 'One-time password (OATH)' 10 || return 1
	code=$(sshd_otp)
	tt_type "$code"
	tt_keys Enter
	sec_finish || return 1
	sec_written "$TT_HOME/teraterm.log" || return 1
	sec_nowhere "$SEC_PW" "$code"
}

# Answers from commands (PasswordCommand, AnswerCommand): what they print
# is not written anywhere, the saved profile keeps only the commands.
test_secret_answer_commands() {
	sshd_start kbdint2 || return 1
	sec_home
	sshd_client_setup known
	printf '%s\n' "$SEC_PW" >"$TT_TOP/pw"
	# The codes of the minute around the login, whichever was used.
	now=$(date +%s)
	codes=
	for t in -60 -30 0 30; do
		codes="$codes $(oathtool --totp --now="@$((now + t))" \
		    "$SSHD_OATH_HEX")"
	done
	sec_start -o "PasswordCommand=cat $TT_TOP/pw" \
	    -o "AnswerCommand=oathtool --totp $SSHD_OATH_HEX" \
	    "ssh://$SEC_USER@127.0.0.1:$SSHD_PORT" || return 1
	tt_wait 'Answered with AnswerCommand.' 15 || return 1
	tt_prefix L
	tt_wait "logging to $TT_HOME/teraterm.log" || return 1
	sec_finish || return 1
	sec_written "$TT_HOME/teraterm.log" || return 1
	grep -q "^PasswordCommand=cat $TT_TOP/pw" \
	    "$TT_HOME"/.config/tterm/profiles/*.ini ||
	    { tt_log "the profile lost PasswordCommand"; return 1; }
	# shellcheck disable=SC2086
	sec_nowhere "$SEC_PW" $codes
}

# A key file's passphrase, the key named in the dialog's host line.
test_secret_passphrase() {
	sshd_start pubkey || return 1
	sec_home
	sshd_client_setup known
	rm -f "$TT_HOME/.ssh/id_ed25519"
	ssh-keygen -q -t ed25519 -a 4 -N "$SEC_PHRASE" -f "$TT_TOP/enckey"
	cat "$TT_TOP/enckey.pub" >"$SSHD_DIR/authorized_keys"
	sec_start || return 1
	sec_dialog "127.0.0.1:$SSHD_PORT /ssh /auth=publickey /user=$SEC_USER /keyfile=$TT_TOP/enckey" ||
	    return 1
	tt_wait "Passphrase for $TT_TOP/enckey" 15 || return 1
	tt_prefix L
	tt_wait "logging to $TT_HOME/teraterm.log" || return 1
	tt_type "$SEC_PHRASE"
	tt_keys Enter
	sec_finish || return 1
	grep -qF "/keyfile=$TT_TOP/enckey" "$HIST" ||
	    { tt_log "no host line in the history"; return 1; }
	sec_private "$HIST" || return 1
	sec_written "$TT_HOME/teraterm.log" || return 1
	sec_nowhere "$SEC_PHRASE"
}

if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null ||
    [ ! -x /usr/sbin/sshd ]; then
	tt_skip "the SSH tests need root and openssh-server"
fi
tt_run test_secret_dialog_passwd
tt_run test_secret_password_form
tt_run test_secret_kbdint
tt_run test_secret_passphrase
tt_run test_secret_answer_commands
