# ssh-wait.sh: an SSH server that gives up while tterm waits: sshd's
# LoginGraceTime passing while a one-time code form is open, and a port
# that accepts connections but never speaks (--server-timeout and the
# profile's ServerTimeout bound the greeting and the key exchange).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

U=${SSHD_USER:-root}

sw_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
}

# Milliseconds since the epoch.
sw_ms() {
	echo $(( $(date +%s%N) / 1000000 ))
}

# The code form is up when sshd's grace time ends: the tab says at once
# that the server hung up and why; the form is gone, the other tab types,
# and a reconnect logs in.
test_grace_time_while_code_form() {
	SSHD_GRACE=4 sshd_start 2fa || return 1
	sw_home
	sshd_client_setup known
	tt_start 100 30 --no-ssh-config -e 'exec sh' \
	    "ssh://$U@127.0.0.1:$SSHD_PORT" || return 1
	tt_prefix 2
	tt_wait 'One-time password (OATH)' 15 || return 1
	# sshd counts its 4 s from the connection, which came first.
	up=$(sw_ms)
	tt_wait 'closed the connection while tterm waited for your answer' 7 ||
	    return 1
	tt_log "told $(( $(sw_ms) - up )) ms after the form came up"
	tt_wait "LoginGraceTime" || return 1
	tt_wait '[closed: the server closed the connection while waiting' ||
	    return 1
	tt_wait_gone 'One-time password (OATH)' || return 1
	# Keys typed now go to nothing that is gone; the other tab works.
	tt_prefix 1
	tt_type 'echo other-$((2+3))'
	tt_keys Enter
	tt_wait_re '^other-5' || return 1
	tt_prefix 2
	sshd_oath_reset
	tt_prefix r
	tt_wait 'One-time password (OATH)' 15 || return 1
	tt_type "$(sshd_otp)"
	tt_keys Enter
	tt_type 'echo back-$((3*3))'
	tt_keys Enter
	tt_wait_re '(^|[#$] )back-9' 20
}

# The same while a password form is up (no one-time code involved).
test_grace_time_while_password_form() {
	SSHD_GRACE=3 sshd_start password || return 1
	sw_home
	sshd_client_setup known
	tt_start 100 30 --no-ssh-config "ssh://$U@127.0.0.1:$SSHD_PORT" ||
	    return 1
	tt_wait "Password for $U@127.0.0.1" 15 || return 1
	tt_wait 'closed the connection while tterm waited for your answer' 10 ||
	    return 1
	tt_wait_gone "Password for $U@127.0.0.1"
}

# A port that accepts and never says a word.
sw_mute_server() {
	SW_PORT=$(tt_free_port 4)
	socat TCP-LISTEN:"$SW_PORT",bind=127.0.0.1,reuseaddr,fork \
	    EXEC:'sleep 120' 2>/dev/null &
	SW_PID=$!
	tt_listening "$SW_PORT"
}

# sw_gives_up SECS: the tab gives up on the silent port within SECS (and
# not long before), saying what it waited for.
sw_gives_up() {
	start=$(sw_ms)
	tt_wait 'stopped answering during the SSH greeting' $(( $1 + 4 )) ||
	    return 1
	ms=$(( $(sw_ms) - start ))
	tt_log "gave up after $ms ms (limit $1 s)"
	tt_wait "[closed: no answer during the SSH greeting]" || return 1
	[ "$ms" -ge $(( $1 * 1000 - 1500 )) ] && [ "$ms" -le $(( $1 * 1000 + 2500 )) ]
}

test_server_timeout_covers_greeting() {
	sw_mute_server || return 1
	sw_home
	tt_start 100 30 --no-ssh-config --server-timeout 6 -e 'exec sh' \
	    "ssh://$U@127.0.0.1:$SW_PORT" || return 1
	tt_prefix 2
	sw_gives_up 6 || return 1
	tt_wait 'greeting (6 s, --server-timeo' || return 1
	# Meanwhile and after, the other tab works.
	tt_prefix 1
	tt_type 'echo still-$((4+4))'
	tt_keys Enter
	tt_wait_re '^still-8'
}

test_profile_server_timeout() {
	sw_mute_server || return 1
	sw_home
	mkdir -p "$TT_HOME/.config/tterm/profiles"
	printf '%s\n' '[tterm]' "Host=ssh://$U@127.0.0.1:$SW_PORT" \
	    'ServerTimeout=5' >"$TT_HOME/.config/tterm/profiles/mute.ini"
	tt_start 100 30 --no-ssh-config -P mute || return 1
	sw_gives_up 5
}

tt_test_cleanup() {
	sshd_stop
	[ -n "${SW_PID:-}" ] && { pkill -P "$SW_PID"; kill "$SW_PID"; } 2>/dev/null
	return 0
}

tt_run test_server_timeout_covers_greeting
tt_run test_profile_server_timeout
if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null ||
    [ ! -x /usr/sbin/sshd ]; then
	tt_skip "the sshd grace time tests need root and openssh-server"
fi
tt_run test_grace_time_while_code_form
tt_run test_grace_time_while_password_form
