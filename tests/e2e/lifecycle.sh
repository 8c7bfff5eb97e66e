# lifecycle.sh: every tab's whole life, for each way of logging in and
# each transport: open, use, the peer ending the session, reconnect, the
# connection lost, duplicate, close both, quit with a tab open. A local
# shell in tab 1 is the bystander: after every step it must still run what
# is typed into it. tterm must never die on the way, must end when asked,
# and the sanitizer build must find nothing (tt_finish checks).
# A failed test prints the end of tterm's debug log (tests/lib.sh).
export TT_DEBUG_LOG=1
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"
. "$(dirname "$0")/../socat.sh"

LC_W=160
LC_H=30
LC_BAR=$((LC_H - 1))
U=${SSHD_USER:-root}

lc_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
}

# How often TEXT is on the screen now.
lc_count() {
	tt_screen | grep -cF -- "$1"
}

# lc_wait_more TEXT N [SECS]: wait until TEXT is on the screen more than N
# times (a reconnected tab keeps its screen, and with it the old lines).
lc_wait_more() {
	tt_until '[ "$(lc_count "$1")" -gt '"$2"' ]' "${3:-10}" \
	    "'$1' more than $2 times" "$1"
}

# tterm is still there (a crash would lose every tab).
lc_alive() {
	kill -0 "$TT_PID" 2>/dev/null && ! tt_dead ||
	    { tt_log "tterm is gone"; return 1; }
}

# Tab N is the active one (the status bar starts with [N]).
lc_active() {
	tt_until "tt_row $LC_BAR | grep -q '^ \\[$1\\]'" 10 "tab $1 to be active" ''
}

# The bystander (tab LC_BY, 1 unless said) still types and runs; then back
# to tab $1.
lc_bystander() {
	lc_alive || return 1
	lc_n=$((lc_n + 1))
	tt_prefix "${LC_BY:-1}"
	lc_active "${LC_BY:-1}" || return 1
	tt_type "echo bystander-$lc_n-\$((40+2))"
	tt_keys Enter
	tt_wait_re "(^|[#$] )bystander-$lc_n-42" || return 1
	tt_prefix "$1"
	lc_active "$1"
}

# How many tabs the tab bar shows.
lc_tabs() {
	tt_row 0 | grep -oE ' [0-9]+[*@!+]*:' | wc -l
}

# The active tab is logged in: its status bar names the route alone.
lc_connected() {
	tt_until "tt_row $LC_BAR | grep -qE 'ssh [^ |]+( > [^ |]+)* \\| [0-9]+x[0-9]+'" \
	    20 'the status bar to say connected' ''
}

# Use the active SSH tab: a command runs on the server.
lc_use() {
	lc_n=$((lc_n + 1))
	tt_type "echo used-$lc_n-\$((6*7))"
	tt_keys Enter
	# Typed before the prompt came, the result follows the prompt.
	tt_wait_re "(^|[#$] )used-$lc_n-42" 20
}

# --- ways of logging in: each answers what the server asks in the tab.

login_key() {
	lc_connected
}

login_agent() {
	lc_connected
}

login_password() {
	tt_wait "Password for $U@127.0.0.1" 15 || return 1
	tt_type "$SSHD_PASSWORD"
	tt_keys Enter
	lc_connected
}

# A one-time code in a form (pam_oath refuses a code twice: a fresh
# users file first).
lc_code() {
	sshd_oath_reset
	tt_wait 'One-time password (OATH)' 15 || return 1
	code=$(sshd_otp)
	tt_type "$code"
	tt_keys Enter
}

login_kbd1() {
	lc_code || return 1
	lc_connected
}

login_kbd2() {
	tt_wait 'Password:' 15 || return 1
	tt_type "$SSHD_PASSWORD"
	tt_keys Enter
	lc_code || return 1
	lc_connected
}

# A wrong code first (one that is surely not the current one), then the
# right one in the form that comes back ("Attempt 2 of 3").
login_badcode() {
	sshd_oath_reset
	tt_wait 'One-time password (OATH)' 15 || return 1
	denied=$(lc_count 'Permission denied (keyboard-interactive)')
	bad=$(printf '%06d' $(( ($(sshd_otp | sed 's/^0*//') + 1) % 1000000 )))
	tt_type "$bad"
	tt_keys Enter
	lc_wait_more 'Permission denied (keyboard-interactive)' "$denied" ||
	    return 1
	# The form again, saying which attempt it is, as for passwords: first,
	# so that the server's words stay next to the field.
	tt_wait 'Attempt 2 of 3' 15 || return 1
	a=$(tt_screen | grep -n 'Attempt 2 of 3' | cut -d: -f1)
	q=$(tt_screen | grep -n 'The server asks:' | cut -d: -f1)
	[ -n "$q" ] && [ "$a" -lt "$q" ] ||
	    { tt_log "the attempt (row $a) is not above the question (row $q)"; return 1; }
	lc_code || return 1
	lc_connected
}

# Behind a jump host that asks for a code: the code is asked only when
# the jump host has to be logged in to (the first time, after it was lost).
login_jump() {
	lc_end=$(( $(date +%s) + 20 ))
	while [ "$(date +%s)" -lt "$lc_end" ]; do
		if tt_row $LC_BAR | grep -qE 'ssh [^ |]+( > [^ |]+)* \| [0-9]+x[0-9]+'; then
			return 0
		fi
		if tt_screen | grep -qF "Jump host 127.0.0.1: SSH login $U@127.0.0.1"; then
			SSHD_DIR=$J1_DIR lc_code || return 1
			sleep 0.2
		fi
		sleep 0.05
	done
	tt_log "not logged in through the jump host; screen:"
	tt_screen | sed 's/^/    | /' >&2
	return 1
}

# --- one SSH tab's whole life (tab 2, beside the bystander in tab 1).

# lc_kill_sessions DIR PID: drop every session of that sshd at once, as a
# crashed server or a reset connection would: its sshd processes (the
# monitor, and the user's own for a user other than root), not the shells.
lc_kill_sessions() {
	pids=
	for p in $(SSHD_PID=$2 sshd_pids); do
		# sshd, or the link it runs as where there are no namespaces.
		case $(cat "/proc/$p/comm" 2>/dev/null) in
		sshd*) pids="$pids $p" ;;
		esac
	done
	[ -n "$pids" ] || { tt_log "no session of sshd $2"; return 1; }
	kill -9 $pids
}

lc_ssh_life() {
	way=$1
	lc_n=0
	login_$way || return 1
	lc_use || return 1
	lc_bystander 2 || return 1
	# The server ends the session.
	tt_type 'exit 3'
	tt_keys Enter
	tt_wait '[exited, status 3]' 10 || return 1
	lc_bystander 2 || return 1
	# Reconnect.
	tt_prefix r
	login_$way || return 1
	lc_use || return 1
	lc_bystander 2 || return 1
	# The connection is lost (the server's side of it is killed).
	lost=$(lc_count 'was lost]')
	lc_kill_sessions "$SSHD_DIR" "$SSHD_PID" || return 1
	lc_wait_more 'was lost]' "$lost" 15 || return 1
	lc_bystander 2 || return 1
	tt_prefix r
	login_$way || return 1
	lc_use || return 1
	# Duplicate twice (tabs 3 and 4), then close the original and its
	# duplicate: tab 4 is left.
	tt_prefix d
	lc_active 3 || return 1
	login_$way || return 1
	lc_use || return 1
	tt_prefix d
	lc_active 4 || return 1
	login_$way || return 1
	lc_use || return 1
	lc_bystander 2 || return 1
	lc_close || return 1
	tt_prefix 2
	lc_close || return 1
	[ "$(lc_tabs)" = 2 ] || { tt_log "tabs left: $(lc_tabs)"; return 1; }
	lc_bystander 2 || return 1
	lc_use || return 1
	lc_quit
}

# Reconnect the active tab (saying yes when it asks: a live tab does).
lc_reconnect() {
	tt_prefix r
	if tt_until 'tt_screen | grep -q "Reconnect tab"' 2 'a question' '' \
	    2>/dev/null; then
		tt_keys y
	fi
	return 0
}

# Close the active tab (saying yes when it asks).
lc_close() {
	tabs=$(lc_tabs)
	tt_prefix x
	tt_until 'tt_screen | grep -q "Close tab" || [ "$(lc_tabs)" -lt '"$tabs"' ]' \
	    5 'the close question' '' || return 1
	tt_screen | grep -q 'Close tab' && tt_keys y
	tt_until '[ "$(lc_tabs)" -lt '"$tabs"' ]' 5 'the tab to close' ''
}

# Quit with tabs open: tterm asks, ends with status 0, and the terminal is
# given back (not left in curses' alternate screen).
lc_quit() {
	tt_prefix q
	tt_wait 'Quit tterm?' || return 1
	tt_keys y
	tt_wait_exit 15 || { tt_log "tterm did not end after quit"; return 1; }
	[ "$(tt_exit_status)" = 0 ] || { tt_log "exit status $(tt_exit_status)"; return 1; }
	[ "$(tt_pane '#{alternate_on}')" = 0 ]
}

# Start tterm: the bystander, then an SSH tab to the test sshd.
lc_ssh_start() {
	tt_start $LC_W $LC_H --no-ssh-config -e 'exec sh' "$@" \
	    "ssh://$U@127.0.0.1:$SSHD_PORT" || return 1
	tt_prefix 2
	lc_active 2
}

test_life_key() {
	sshd_start pubkey || return 1
	lc_home
	sshd_client_setup known
	lc_ssh_start || return 1
	lc_ssh_life key
}

test_life_agent() {
	sshd_start pubkey || return 1
	lc_home
	sshd_client_setup known
	eval "$(ssh-agent -s -a "$TT_TOP/agent.$$")" >/dev/null
	LC_AGENT_PID=$SSH_AGENT_PID
	ssh-add -q "$TT_HOME/.ssh/id_ed25519" 2>/dev/null
	rm -f "$TT_HOME/.ssh/id_ed25519"	# only the agent has the key
	TT_AGENT=$SSH_AUTH_SOCK lc_ssh_start || return 1
	lc_ssh_life agent || return 1
	grep -q "Accepted publickey for $U" "$SSHD_DIR/sshd.log"
}

test_life_password() {
	sshd_start password || return 1
	lc_home
	sshd_client_setup known
	lc_ssh_start || return 1
	lc_ssh_life password
}

test_life_kbd_one_round() {
	sshd_start 2fa || return 1
	lc_home
	sshd_client_setup known
	lc_ssh_start || return 1
	lc_ssh_life kbd1 || return 1
	[ "$(grep -c 'Accepted keyboard-interactive/pam' "$SSHD_DIR/sshd.log")" = 5 ]
}

test_life_kbd_two_rounds() {
	sshd_start kbdint2 || return 1
	lc_home
	sshd_client_setup known
	lc_ssh_start || return 1
	lc_ssh_life kbd2
}

test_life_kbd_bad_code() {
	sshd_start 2fa || return 1
	lc_home
	sshd_client_setup known
	lc_ssh_start || return 1
	lc_ssh_life badcode || return 1
	grep -q 'Failed keyboard-interactive/pam' "$SSHD_DIR/sshd.log"
}

# Esc on the code form, each time: the tab says so and stays; reconnect,
# duplicate, close and quit go through the same cancelled login.
test_life_kbd_cancelled() {
	sshd_start 2fa || return 1
	lc_home
	sshd_client_setup known
	lc_ssh_start || return 1
	lc_n=0
	for step in open reconnect; do
		n=$(lc_count '[closed: authentication cancelled]')
		tt_wait 'One-time password (OATH)' 15 || return 1
		tt_keys Escape
		lc_wait_more '[closed: authentication cancelled]' "$n" ||
		    return 1
		lc_bystander 2 || return 1
		[ $step = open ] && tt_prefix r
	done
	tt_prefix d
	lc_active 3 || return 1
	tt_wait 'One-time password (OATH)' 15 || return 1
	tt_keys Escape
	tt_wait '[closed: authentication cancelled]' || return 1
	lc_bystander 3 || return 1
	lc_close || return 1
	tt_prefix 2
	tt_prefix d
	lc_active 3 || return 1
	# Quit while the code form is still up.
	tt_wait 'One-time password (OATH)' 15 || return 1
	lc_quit
}

# A jump host J1 asking for a code (its sshd in J1_DIR, J1_PORT, J1_PID)
# and a destination behind it taking the same key (or J1's mode and the
# destination's as given); tterm started with the route, the SSH tab
# selected.
lc_jump_start() {
	sshd_start "${1:-2fa}" || return 1
	J1_DIR=$SSHD_DIR J1_PORT=$SSHD_PORT J1_PID=$SSHD_PID
	LC_J1_PID=$SSHD_PID
	sshd_start "${2:-pubkey}" || return 1
	cp "$SSHD_DIR/userkey.pub" "$J1_DIR/authorized_keys"
	lc_home
	sshd_client_setup known
	printf '[127.0.0.1]:%s %s\n' "$J1_PORT" \
	    "$(cut -d' ' -f1-2 "$J1_DIR/hostkey.pub")" >>"$TT_HOME/.ssh/known_hosts"
	lc_ssh_start -J "$U@127.0.0.1:$J1_PORT" || return 1
}

# A jump host that asks for a one-time code, a destination behind it
# (both on loopback here: the route is what matters). Losing the
# destination's session keeps the jump host; losing the jump host asks
# for its code again.
test_life_jump_code() {
	lc_jump_start || return 1
	lc_ssh_life jump || return 1
	n=$(grep -c 'Accepted keyboard-interactive/pam' "$J1_DIR/sshd.log")
	tt_log "logins to the jump host: $n"
	[ "$n" -ge 1 ]
}

# The jump host's connection lost while the destination's code form is
# up: the tab says the jump host went (not the destination's login time,
# which had not passed), and the other tab types on.
test_life_jump_lost_at_form() {
	lc_jump_start pubkey 2fa || return 1
	tt_wait 'One-time password (OATH)' 15 || return 1
	lc_kill_sessions "$J1_DIR" "$J1_PID" || return 1
	tt_wait 'The connection to jump host 127.0.0.1 was lost while' 15 ||
	    return 1
	tt_wait '[closed: connection to jump host 127.0.0.1 lost]' || return 1
	tt_screen | grep -q LoginGraceTime &&
	    { tt_log "blamed the destination's login time"; return 1; }
	lc_n=0
	lc_bystander 2 || return 1
	lc_quit
}

# The jump host's connection lost, then a reconnect: its code again.
test_life_jump_lost() {
	lc_jump_start || return 1
	lc_n=0
	login_jump || return 1
	lc_use || return 1
	tt_prefix d
	lc_active 3 || return 1
	login_jump || return 1
	lc_use || return 1
	lc_kill_sessions "$J1_DIR" "$J1_PID" || return 1
	tt_wait 'connection to jump host 127.0.0.1 lost' 15 || return 1
	lc_bystander 2 || return 1
	tt_wait 'connection to jump host 127.0.0.1 lost' 15 || return 1
	tt_prefix r
	login_jump || return 1
	lc_use || return 1
	# The other tab behind it comes back with the same login.
	tt_prefix 3
	lc_connected || return 1
	lc_use || return 1
	[ "$(grep -c 'Accepted keyboard-interactive/pam' "$J1_DIR/sshd.log")" = 2 ] ||
	    return 1
	lc_quit
}

# --- the other transports.

# A local program: it ends, is run again, duplicated, closed, quit.
test_life_local() {
	lc_home
	tt_start $LC_W $LC_H -e 'exec sh' -e 'exec sh' || return 1
	lc_n=0
	tt_prefix 2
	lc_use || return 1
	tt_type 'exit 3'
	tt_keys Enter
	tt_wait '[exited, status 3]' 10 || return 1
	lc_bystander 2 || return 1
	tt_prefix r
	lc_use || return 1
	tt_prefix d
	lc_active 3 || return 1
	lc_use || return 1
	lc_close || return 1
	tt_prefix 2
	lc_close || return 1
	lc_bystander 1 || return 1
	tt_prefix d
	lc_active 2 || return 1
	lc_use || return 1
	lc_quit
}

# A serial console on a pty pair: typed text reaches the device, the
# device's text shows; unplugged and back; reconnect; a duplicate finds
# the port locked by this very tterm and says so; close; quit.
test_life_serial() {
	serial_start || return 1
	cat "$SER/dev" >"$SER/got" &
	LC_CAT_PID=$!
	lc_home
	tt_start $LC_W $LC_H -e 'exec sh' "serial:$TTY" --speed 9600 || return 1
	tt_prefix 2
	lc_active 2 || return 1
	lc_n=0
	printf 'console says hello\r\n' >"$SER/dev"
	tt_wait 'console says hello' 10 || return 1
	tt_type 'typed-to-device'
	tt_keys Enter
	tt_until 'grep -q typed-to-device "$SER/got"' 5 'the device to get it' '' ||
	    return 1
	lc_bystander 2 || return 1
	# Unplugged: the tab keeps its screen and says so; plugged back in.
	kill "$LC_CAT_PID" 2>/dev/null
	serial_stop
	tt_wait 'device disconnected' 10 || return 1
	lc_bystander 2 || return 1
	serial_start again || return 1
	cat "$SER/dev" >"$SER/got" &
	LC_CAT_PID=$!
	tt_wait 'device back, reopened' 10 || return 1
	printf 'back again\r\n' >"$SER/dev"
	tt_wait 'back again' 15 || return 1
	n=$(lc_count 'Opened')
	lc_reconnect || return 1
	lc_wait_more 'Opened' "$n" || return 1
	printf 'after reconnect\r\n' >"$SER/dev"
	tt_wait 'after reconnect' 10 || return 1
	# A duplicate cannot have the port this tab holds: it says so.
	tt_prefix d
	tt_wait 'is in use by this tab' 10 || return 1
	[ "$(lc_tabs)" = 2 ] || return 1
	lc_bystander 2 || return 1
	tt_type 'still-typing'
	tt_keys Enter
	tt_until 'grep -q still-typing "$SER/got"' 5 'the device to get it' '' ||
	    return 1
	lc_quit
}

# A telnet server that takes any number of connections; each gets a
# greeting and an echo of what it is sent.
lc_telnet_server() {
	LC_TN_PORT=$(tt_free_port 3)
	printf '%s\n' '#!/bin/sh' "printf 'switch console\\r\\n'" 'exec cat' \
	    >"$TT_TOP/console.sh"
	chmod 755 "$TT_TOP/console.sh"
	lc_telnet_server_again
}

# The telnet tab opens first (tab 1), the bystander is tab 2.
test_life_telnet() {
	lc_telnet_server || return 1
	lc_home
	LC_BY=2
	tt_start $LC_W $LC_H -e 'exec sh' "telnet://127.0.0.1:$LC_TN_PORT" ||
	    return 1
	tt_prefix 1
	lc_active 1 || return 1
	tt_wait "telnet 127.0.0.1:$LC_TN_PORT: connected" 10 || return 1
	tt_wait 'switch console' || return 1
	tt_type 'echoed-back'
	tt_keys Enter
	tt_wait 'echoed-back' || return 1
	lc_bystander 1 || return 1
	# The server goes away (the connection is lost with it).
	pkill -9 -P "$LC_TN_PID" 2>/dev/null
	kill -9 "$LC_TN_PID" 2>/dev/null
	tt_wait 'closed: connection closed' 10 || return 1
	lc_bystander 1 || return 1
	n=$(lc_count 'switch console')
	lc_telnet_server_again || return 1
	tt_prefix r
	lc_wait_more 'switch console' "$n" || return 1
	tt_prefix d
	lc_active 3 || return 1
	tt_wait "telnet 127.0.0.1:$LC_TN_PORT: connected" 10 || return 1
	tt_type 'from-duplicate'
	tt_keys Enter
	tt_wait 'from-duplicate' || return 1
	lc_bystander 3 || return 1
	lc_close || return 1
	tt_prefix 1
	lc_active 1 || return 1
	lc_close || return 1
	LC_BY=1
	lc_bystander 1 || return 1
	lc_quit
}

lc_telnet_server_again() {
	socat TCP-LISTEN:"$LC_TN_PORT",bind=127.0.0.1,reuseaddr,fork \
	    EXEC:"$TT_TOP/console.sh" 2>/dev/null &
	LC_TN_PID=$!
	tt_listening "$LC_TN_PORT"
}

# A console port of ser2net (RFC 2217): data both ways, the server
# restarted, reconnect, a duplicate that the server turns away, quit.
test_life_rfc2217() {
	command -v ser2net >/dev/null || { tt_skip "no ser2net"; return 1; }
	serial_start || return 1
	cat "$SER/dev" >"$SER/got" &
	LC_CAT_PID=$!
	LC_S2N_PORT=$(tt_free_port 5)
	cat >"$SER/s2n.yaml" <<-YAML
	connection: &con1
	    accepter: telnet(rfc2217),tcp,127.0.0.1,$LC_S2N_PORT
	    connector: serialdev,$TTY,9600n81,local
	YAML
	lc_s2n_start || return 1
	lc_home
	tt_start $LC_W $LC_H -e 'exec sh' "rfc2217://127.0.0.1:$LC_S2N_PORT" \
	    --speed 19200 || return 1
	tt_prefix 2
	lc_active 2 || return 1
	tt_wait_re "rfc2217 127.0.0.1:$LC_S2N_PORT 19200 8N1 \\(confirmed\\)" 10 ||
	    return 1
	printf 'board login: ' >"$SER/dev"
	tt_wait 'board login:' 10 || return 1
	tt_type 'operator'
	tt_keys Enter
	tt_until 'grep -q operator "$SER/got"' 5 'the typed login' '' || return 1
	lc_bystander 2 || return 1
	kill "$LC_S2N_PID" 2>/dev/null
	wait "$LC_S2N_PID" 2>/dev/null
	tt_wait_re 'closed|lost' 10 || return 1
	lc_bystander 2 || return 1
	lc_s2n_start || return 1
	tt_prefix r
	tt_wait_re "rfc2217 127.0.0.1:$LC_S2N_PORT 19200 8N1 \\(confirmed\\)" 10 ||
	    return 1
	printf 'board again: ' >"$SER/dev"
	tt_wait 'board again:' 10 || return 1
	tt_prefix d
	lc_active 3 || return 1
	lc_bystander 3 || return 1
	lc_close || return 1
	tt_prefix 2
	tt_type 'second-login'
	tt_keys Enter
	tt_until 'grep -q second-login "$SER/got"' 5 'the typed text' '' ||
	    return 1
	lc_quit
}

lc_s2n_start() {
	# -u: no lock files (a fresh system may have no /run/lock).
	ser2net -n -d -u -c "$SER/s2n.yaml" -P "$SER/s2n.pid" >"$SER/s2n.log" 2>&1 &
	LC_S2N_PID=$!
	tt_listening "$LC_S2N_PORT"
}

tt_test_cleanup() {
	sshd_stop
	[ -n "${LC_J1_PID:-}" ] && SSHD_PID=$LC_J1_PID sshd_stop
	[ -n "${LC_AGENT_PID:-}" ] && kill "$LC_AGENT_PID" 2>/dev/null
	[ -n "${LC_CAT_PID:-}" ] && kill "$LC_CAT_PID" 2>/dev/null
	[ -n "${LC_TN_PID:-}" ] && { pkill -P "$LC_TN_PID"; kill "$LC_TN_PID"; } 2>/dev/null
	[ -n "${LC_S2N_PID:-}" ] && kill "$LC_S2N_PID" 2>/dev/null
	serial_stop
	return 0
}

tt_run test_life_local
tt_run test_life_serial
tt_run test_life_telnet
tt_run test_life_rfc2217
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null ||
    [ ! -x /usr/sbin/sshd ]; then
	tt_skip "the SSH life cycle tests need root and openssh-server"
fi
tt_run test_life_key
tt_run test_life_agent
tt_run test_life_password
tt_run test_life_kbd_one_round
tt_run test_life_kbd_two_rounds
tt_run test_life_kbd_bad_code
tt_run test_life_kbd_cancelled
tt_run test_life_jump_code
tt_run test_life_jump_lost
tt_run test_life_jump_lost_at_form
