# answer.sh: answers from commands (AnswerCommand, AnswerPrompt,
# PasswordCommand) against the private sshd with pam_oath: a one-time code
# from oathtool logs in with nothing typed while another tab types; a
# command that fails or answers wrong gives the usual form; a password from
# a command, by the password method and by keyboard-interactive; through
# a ProxyCommand, each child reaped by its owner.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

U=${SSHD_USER:-root}

an_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
}

an_prompt() {
	tt_wait_re "$U"'@[^ ]*[#$] ?$' 20
}

an_typed() {
	tt_type "echo $1-\$((6*7))"
	tt_keys Enter
	tt_wait_re "(^|[#$] )$1-42" 15
}

# The code comes from a slow command: the local tab types meanwhile, no
# form appears, one login is accepted.
test_answer_totp() {
	sshd_start 2fa || return 1
	an_home
	sshd_client_setup known
	printf '#!/bin/sh\nsleep 2\nexec oathtool --totp %s\n' \
	    "$SSHD_OATH_HEX" >"$TT_TOP/otp.sh"
	chmod 755 "$TT_TOP/otp.sh"
	# (-o makes the line Tera Term's: the profile's tab comes first.)
	tt_start 100 30 --no-ssh-config -o "AnswerCommand=$TT_TOP/otp.sh" \
	    -e 'exec sh' "ssh://$U@127.0.0.1:$SSHD_PORT" || return 1
	# The command runs (2 s): the other tab answers at once.
	tt_prefix 2
	an_typed local || return 1
	tt_prefix 1
	tt_wait 'Answered with AnswerCommand.' 20 || return 1
	an_prompt || return 1
	! tt_screen | grep -q 'One-time password (OATH)' ||
	    { tt_log "the form came up"; return 1; }
	an_typed remote || return 1
	[ "$(grep -c 'Accepted keyboard-interactive' "$SSHD_DIR/sshd.log")" = 1 ]
}

# A command that fails: said in the tab, then the form; the code typed
# there logs in.
test_answer_command_fails() {
	sshd_start 2fa || return 1
	an_home
	sshd_client_setup known
	tt_start 100 30 --no-ssh-config -o 'AnswerCommand=exit 3' \
	    "ssh://$U@127.0.0.1:$SSHD_PORT" || return 1
	tt_wait 'One-time password (OATH)' 15 || return 1
	tt_wait 'AnswerCommand gave no answer: it exited with 3.' || return 1
	tt_type "$(sshd_otp)"
	tt_keys Enter
	an_prompt || return 1
	an_typed remote
}

# A wrong answer is refused; the command is not run again: the form asks,
# with the attempt's number.
test_answer_wrong_code() {
	sshd_start 2fa || return 1
	an_home
	sshd_client_setup known
	echo 0 >"$TT_TOP/runs"
	printf '#!/bin/sh\necho run >>%s\necho 000000\n' "$TT_TOP/runs" \
	    >"$TT_TOP/bad.sh"
	chmod 755 "$TT_TOP/bad.sh"
	tt_start 100 30 --no-ssh-config -o "AnswerCommand=$TT_TOP/bad.sh" \
	    "ssh://$U@127.0.0.1:$SSHD_PORT" || return 1
	tt_wait 'Answered with AnswerCommand.' 15 || return 1
	tt_wait 'Attempt 2 of 3' 15 || return 1
	tt_wait 'One-time password (OATH)' || return 1
	tt_type "$(sshd_otp)"
	tt_keys Enter
	an_prompt || return 1
	[ "$(grep -c run "$TT_TOP/runs")" = 1 ] ||
	    { tt_log "the command ran $(grep -c run "$TT_TOP/runs") times"; return 1; }
}

# PasswordCommand for the password method; a bad AnswerPrompt is said.
test_answer_password_command() {
	sshd_start password || return 1
	an_home
	sshd_client_setup known
	printf '%s\n' "$SSHD_PASSWORD" >"$TT_TOP/pw"
	tt_start 100 30 --no-ssh-config -o "PasswordCommand=cat $TT_TOP/pw" \
	    -o 'AnswerCommand=true' -o 'AnswerPrompt=(' \
	    "ssh://$U@127.0.0.1:$SSHD_PORT" || return 1
	tt_wait "[AnswerPrompt '(' is not a regular expression" 15 || return 1
	tt_wait 'Answered with PasswordCommand.' 15 || return 1
	an_prompt || return 1
	! tt_screen | grep -q "Password for $U" ||
	    { tt_log "the form came up"; return 1; }
	an_typed remote
}

# Keyboard-interactive, a password then a code, both from commands.
test_answer_kbdint_both() {
	sshd_start kbdint2 || return 1
	an_home
	sshd_client_setup known
	printf '%s\n' "$SSHD_PASSWORD" >"$TT_TOP/pw"
	tt_start 100 30 --no-ssh-config -o "PasswordCommand=cat $TT_TOP/pw" \
	    -o "AnswerCommand=oathtool --totp $SSHD_OATH_HEX" \
	    "ssh://$U@127.0.0.1:$SSHD_PORT" || return 1
	tt_wait 'Answered with PasswordCommand.' 15 || return 1
	tt_wait 'Answered with AnswerCommand.' 15 || return 1
	an_prompt || return 1
	an_typed remote
}

# Through a ProxyCommand, an AnswerCommand that prints a code and exits 3:
# each child is reaped by its owner, so the command's status is known (no
# answer, the form) while the ProxyCommand carries the session; closing
# the tab stops the ProxyCommand, and no child is left unreaped.
test_answer_through_proxycommand() {
	sshd_start 2fa || return 1
	an_home
	sshd_client_setup known
	cat >"$TT_HOME/.ssh/config" <<-CFG
	Host viaproxy
	    HostName 127.0.0.1
	    ProxyCommand sh -c "socat - TCP:%h:%p; sleep 597; : %p"
	CFG
	printf '#!/bin/sh\necho 000000\nexit 3\n' >"$TT_TOP/exit3.sh"
	chmod 755 "$TT_TOP/exit3.sh"
	tt_start 100 30 -o "AnswerCommand=$TT_TOP/exit3.sh" -e 'exec sh' \
	    "ssh://$U@viaproxy:$SSHD_PORT" || return 1
	tt_prefix 1
	tt_wait "Running ProxyCommand sh -c \"socat - TCP:127.0.0.1:$SSHD_PORT;" \
	    15 || return 1
	tt_wait 'AnswerCommand gave no answer: it exited with 3.' 20 ||
	    return 1
	tt_wait 'One-time password (OATH)' || return 1
	tt_type "$(sshd_otp)"
	tt_keys Enter
	an_prompt || return 1
	an_typed remote || return 1
	[ "$(pgrep -fc "sleep 597; : $SSHD_PORT")" = 1 ] ||
	    { tt_log "the ProxyCommand is not running"; return 1; }
	tt_prefix x
	tt_wait 'Close tab' 5 && tt_keys y
	tt_until '! pgrep -f "sleep 597; : $SSHD_PORT" >/dev/null' 5 \
	    'the ProxyCommand to stop' '' || return 1
	tt_until '[ -z "$(ps -o stat= --ppid "$TT_PID" | grep Z)" ]' 5 \
	    'no child left unreaped' ''
}

# With an AnswerCommand set, a ProxyCommand that exits 4 while a child of
# its keeps the socket open: its status is its own (reaped by the loop
# for it), said when the socket closes.
test_answer_proxycommand_status() {
	sshd_start 2fa || return 1
	an_home
	sshd_client_setup known
	cat >"$TT_HOME/.ssh/config" <<-CFG
	Host deadproxy
	    ProxyCommand sh -c "(sleep 2) & exit 4"
	CFG
	tt_start 100 30 -o "AnswerCommand=true" -e 'exec sh' \
	    "ssh://$U@deadproxy:$SSHD_PORT" || return 1
	tt_prefix 1
	tt_wait 'exited with status 4 before the server spoke' 15 || return 1
	tt_until '[ -z "$(ps -o stat= --ppid "$TT_PID" | grep Z)" ]' 5 \
	    'no child left unreaped' ''
}

if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/sshd ]; then
	tt_skip "the SSH tests need root and openssh-server"
fi
command -v oathtool >/dev/null || tt_skip "no oathtool"
command -v socat >/dev/null || tt_skip "no socat"

tt_run test_answer_totp
tt_run test_answer_command_fails
tt_run test_answer_wrong_code
tt_run test_answer_password_command
tt_run test_answer_kbdint_both
tt_run test_answer_through_proxycommand
tt_run test_answer_proxycommand_status
