# ssh.sh: SSH tabs against a private OpenSSH sshd on loopback: logging in
# with a key, two factors (key, then a one-time code in a form), passwords,
# host keys (unknown, saved, changed), the diagnosis of failures, the
# session (exit status, resize) and keeping other tabs usable meanwhile.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

ssh_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
}

# Start tterm with an SSH tab to the test sshd (and extra arguments).
ssh_tab() {
	tt_start 100 30 --no-ssh-config "$@" ssh://$SSHD_USER@127.0.0.1:$SSHD_PORT
}

remote_prompt() {
	tt_wait_re "$SSHD_USER"'@[^ ]*[#$] ?$' 15
}

test_ssh_pubkey_login() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	ssh_tab || return 1
	remote_prompt || return 1
	tt_row 29 | grep -q "ssh $SSHD_USER@127.0.0.1:$SSHD_PORT | 100x28" || return 1
	# The tab list names the port too: a gateway's ports are machines.
	tt_prefix w
	tt_wait 'Tabs: 1' || return 1
	tt_wait_re "^│>  1 \\* +ssh $SSHD_USER@127\\.0\\.0\\.1:$SSHD_PORT " ||
	    return 1
	tt_keys Escape
	tt_wait_gone 'Tabs: 1' || return 1
	# The banner is shown without its control characters (no title).
	tt_wait 'Test server ]2;evil-titleof tterm' || return 1
	tt_row 0 | grep -q 'evil' && return 1
	tt_type 'echo remote-$((6*7)); stty size'
	tt_keys Enter
	tt_wait_re '^remote-42' || return 1
	tt_wait_re '^28 100' || return 1
	# libssh was opened for the tab; Oniguruma, for answers from a
	# command that this login has none of, was not.
	if [ -r "/proc/$TT_PID/maps" ]; then
		grep -q 'libssh\.so' "/proc/$TT_PID/maps" || return 1
		grep -q 'libonig\.so' "/proc/$TT_PID/maps" &&
		    { tt_log "Oniguruma opened for a plain login"; return 1; }
	fi
	# Resizing reaches the remote pty (window-change).
	tt_resize 90 25
	tt_wait '90x23' || return 1
	tt_type 'stty size'
	tt_keys Enter
	tt_wait_re '^23 90' || return 1
	tt_type 'exit 7'
	tt_keys Enter
	tt_wait '[exited, status 7]' 10
}

# user@host:port on the command line, as the connection dialog takes it
# (it was given whole to libssh as the host name).
test_ssh_host_port() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	tt_start 100 30 "$SSHD_USER@127.0.0.1:$SSHD_PORT" || return 1
	remote_prompt || return 1
	tt_type 'echo port-$((6*7))'
	tt_keys Enter
	tt_wait_re '^port-42'
}

# A typed line's output comes at once, every time: a macro types 12,000
# short commands one after another, each waited for (3 s at most). The
# loop asks libssh whether the shell's channel holds output (stdout, then
# stderr) before it sleeps; asking may read the socket, and output taken
# in by the second question was left in the channel while the loop slept
# until the next key or keepalive (about one command in 5,000).
test_ssh_round_trips() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	mkdir -p "$TT_HOME/m"
	cat >"$TT_HOME/m/rt.ttl" <<-EOF
	connect '127.0.0.1:$SSHD_PORT /ssh /user=$SSHD_USER'
	timeout = 15
	wait '\$ '
	timeout = 3
	i = 0
	while i < 12000
	  sprintf2 s 'echo rt-%d-\$((1+1))' i
	  sendln s
	  sprintf2 w 'rt-%d-2' i
	  waitln w
	  if result = 0 then
	    sprintf2 m 'STALLED-AT-%d' i
	    dispstr m
	    break
	  endif
	  i = i + 1
	endwhile
	sprintf2 m 'ROUND-TRIPS-%d' i
	dispstr m
	EOF
	tt_start 100 30 --no-ssh-config --macro "$TT_HOME/m/rt.ttl" ||
	    return 1
	tt_wait_re 'ROUND-TRIPS-[0-9]+' 120 || return 1
	if tt_screen | grep -q STALLED; then
		tt_log "$(tt_screen | grep -E 'STALLED|ROUND-TRIPS')"
		return 1
	fi
	tt_screen | grep -q 'ROUND-TRIPS-12000'
}

# A hidden SSH tab's output is read while it stays hidden, a hidden tab's
# share each pass: the remote program writes 6 MB (more than libssh's
# window and the socket buffers hold), then sets its title. The tab bar
# shows that title only once tterm has parsed all 6 MB, which needs it to
# read what libssh holds without new bytes on the socket (the end of the
# output comes in one burst, then nothing). The visible tab echoes
# meanwhile.
test_ssh_hidden_flood() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	tt_start 100 30 --no-ssh-config -e 'exec sh' \
	    "ssh://$SSHD_USER@127.0.0.1:$SSHD_PORT" || return 1
	tt_prefix 2
	remote_prompt || return 1
	tt_type "sleep 1; seq -f 'bg %g' 1 600000 &&"
	tt_type " printf '\\033]0;bg-%s\\007' finished && echo BG-DONE"
	tt_keys Enter
	tt_prefix 1
	tt_wait_re '^ 1\*:' || return 1
	tt_type 'echo fg-works'
	tt_keys Enter
	tt_wait_re '^fg-works' || return 1
	# '+': it has new output, not shown yet.
	tt_until 'tt_row 0 | grep -qF "2+:bg-finished"' 60 \
	    'the hidden SSH tab to take its 6 MB' '' || return 1
	tt_row 0 | grep -q '^ 1\*:' || { tt_log "tab 2 was shown"; return 1; }
	tt_prefix 2
	tt_wait_re '^BG-DONE' || return 1
	tt_screen | grep -q '^bg 600000$'
}

test_ssh_unknown_host_key() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup
	fp=$(ssh-keygen -lf "$SSHD_DIR/hostkey.pub" | cut -d' ' -f2)
	ssh_tab || return 1
	tt_wait 'Unknown host key' 10 || return 1
	tt_wait "ED25519 $fp" || return 1
	tt_wait 'accept it and save it' || return 1
	tt_keys s
	remote_prompt || return 1
	grep -q "^\[127.0.0.1\]:$SSHD_PORT ssh-ed25519 " "$TT_HOME/.ssh/known_hosts" ||
	    { tt_log "not saved"; return 1; }
	[ "$(stat -c %a "$TT_HOME/.ssh/known_hosts")" = 600 ] || return 1
	tt_stop
	# Next time it is known: no question.
	ssh_tab || return 1
	remote_prompt || return 1
	! tt_screen | grep -q 'Unknown host key'
}

test_ssh_refuse_host_key() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup
	ssh_tab || return 1
	tt_wait 'Unknown host key' 10 || return 1
	tt_keys r
	tt_wait 'Host key of 127.0.0.1 refused' || return 1
	tt_wait '[closed: host key refused]' || return 1
	[ ! -s "$TT_HOME/.ssh/known_hosts" ]
}

test_ssh_changed_host_key() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup
	# known_hosts has another key for this host, on line 2.
	ssh-keygen -q -t ed25519 -N '' -f "$TT_TOP/otherkey"
	{
		echo "otherhost $(cut -d' ' -f1-2 "$TT_TOP/otherkey.pub")"
		echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1-2 "$TT_TOP/otherkey.pub")"
	} >"$TT_HOME/.ssh/known_hosts"
	old=$(ssh-keygen -lf "$TT_TOP/otherkey.pub" | cut -d' ' -f2)
	new=$(ssh-keygen -lf "$SSHD_DIR/hostkey.pub" | cut -d' ' -f2)
	ssh_tab || return 1
	# Named as known_hosts names it, with the port (off port 22).
	tt_wait "THE HOST KEY OF [127.0.0.1]:$SSHD_PORT HAS CHANGED" 10 ||
	    return 1
	tt_wait "known:   ED25519 $old" || return 1
	tt_wait "offered: ED25519 $new" || return 1
	tt_wait "line 2 of $TT_HOME/.ssh/known_hosts" || return 1
	# Never connected: sshd saw no authentication.
	grep -q 'Accepted publickey' "$SSHD_DIR/sshd.log" && return 1
	# The guided fix: remove that line, then the new key is asked about.
	tt_keys y
	tt_wait 'Unknown host key' || return 1
	[ "$(wc -l <"$TT_HOME/.ssh/known_hosts")" = 1 ] || return 1
	grep -q '^otherhost ' "$TT_HOME/.ssh/known_hosts" || return 1
	tt_keys a
	remote_prompt
}

test_ssh_changed_key_kept() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup
	ssh-keygen -q -t ed25519 -N '' -f "$TT_TOP/otherkey2"
	echo "[127.0.0.1]:$SSHD_PORT $(cut -d' ' -f1-2 "$TT_TOP/otherkey2.pub")" \
	    >"$TT_HOME/.ssh/known_hosts"
	ssh_tab || return 1
	tt_wait 'HAS CHANGED' 10 || return 1
	tt_keys Escape
	tt_wait '[closed: host key changed]' || return 1
	[ "$(wc -l <"$TT_HOME/.ssh/known_hosts")" = 1 ]
}

test_ssh_two_factors() {
	sshd_start 2fa || return 1
	ssh_home
	sshd_client_setup known
	ssh_tab -e 'exec sh' || return 1
	tt_prefix 2
	tt_wait 'One-time password (OATH)' 15 || return 1
	tt_row 29 | grep -q 'authenticating (waiting for you)' || return 1
	# Meanwhile the other tab works.
	tt_prefix 1
	tt_wait_re '^ 1\*:exec sh' || return 1
	tt_type 'echo other-tab-ok'
	tt_keys Enter
	tt_wait_re '^other-tab-ok' || return 1
	tt_prefix 2
	tt_wait 'One-time password (OATH)' || return 1
	# The code is not echoed.
	code=$(sshd_otp)
	tt_type "$code"
	tt_screen | grep -q "$code" && { tt_log "code echoed"; return 1; }
	tt_keys Enter
	remote_prompt || return 1
	grep -q "Partial publickey for $SSHD_USER" "$SSHD_DIR/sshd.log" || return 1
	grep -q 'Accepted keyboard-interactive/pam' "$SSHD_DIR/sshd.log"
}

test_ssh_two_rounds() {
	# Password, then a code: two keyboard-interactive rounds.
	sshd_start kbdint2 || return 1
	ssh_home
	sshd_client_setup known
	ssh_tab || return 1
	tt_wait 'Password:' 15 || return 1
	tt_type "$SSHD_PASSWORD"
	tt_keys Enter
	tt_wait 'One-time password (OATH)' 10 || return 1
	tt_type "$(sshd_otp)"
	tt_keys Enter
	remote_prompt
}

test_ssh_password() {
	sshd_start password || return 1
	ssh_home
	sshd_client_setup known
	ssh_tab || return 1
	tt_wait "Password for $SSHD_USER@127.0.0.1" 15 || return 1
	tt_wait 'Attempt 1 of 3' || return 1
	tt_type 'wrong-password'
	tt_keys Enter
	tt_wait 'Permission denied (password)' 10 || return 1
	tt_wait 'Attempt 2 of 3' || return 1
	tt_type "$SSHD_PASSWORD"
	tt_keys Enter
	remote_prompt
}

test_ssh_cancel() {
	sshd_start password || return 1
	ssh_home
	sshd_client_setup known
	ssh_tab || return 1
	tt_wait "Password for $SSHD_USER@127.0.0.1" 15 || return 1
	tt_keys Escape
	tt_wait 'Login cancelled' || return 1
	tt_wait '[closed: authentication cancelled]'
}

test_ssh_auth_failed_diagnosis() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	: >"$SSHD_DIR/authorized_keys"	# our key is no longer welcome
	ssh_tab || return 1
	tt_wait "Authentication to $SSHD_USER@127.0.0.1 failed" 15 || return 1
	tt_wait 'The server accepts: publickey' || return 1
	tt_wait 'tterm tried:        publickey' || return 1
	tt_wait "is your public key in the server's ~/.ssh/authorized_keys" ||
	    return 1
	tt_wait '[closed: authentication failed]' || return 1
	# The checklist is about what was tried: no password here.
	! tt_screen | grep -q 'Is the password right'
}

# Three wrong passwords: the checklist asks about the password first.
test_ssh_password_failed_diagnosis() {
	sshd_start password || return 1
	ssh_home
	sshd_client_setup known
	ssh_tab || return 1
	for n in 1 2 3; do
		tt_wait "Attempt $n of 3" 15 || return 1
		tt_type "wrong-password-$n"
		tt_keys Enter
	done
	tt_wait "Authentication to $SSHD_USER@127.0.0.1 failed" 15 || return 1
	tt_wait 'Is the password right? (Caps Lock' || return 1
	tt_wait '[closed: authentication failed]' || return 1
	! tt_screen | grep -q 'authorized_keys'
}

test_ssh_connection_refused() {
	port=$(sshd_free_port)
	ssh_home
	tt_start 100 30 --no-ssh-config ssh://$SSHD_USER@127.0.0.1:$port || return 1
	tt_wait "Connection refused by 127.0.0.1 (127.0.0.1) on port $port" 10 ||
	    return 1
	tt_wait 'Is sshd running there?' || return 1
	tt_wait "[closed: connection refused (port $port)]"
}

test_ssh_name_not_found() {
	ssh_home
	tt_start 100 30 --no-ssh-config $SSHD_USER@no-such-host.invalid || return 1
	tt_wait 'Name not found: no-such-host.invalid' 20 || return 1
	tt_wait '[closed: name not found: no-such-host.invalid]'
}

test_ssh_not_ssh() {
	# A port that answers with something else than SSH.
	port=$(sshd_free_port)
	printf 'HTTP/1.0 400 Bad Request\r\n\r\n' >"$TT_TOP/http"
	( while :; do socat -T2 TCP-LISTEN:$port,bind=127.0.0.1,reuseaddr \
	    OPEN:"$TT_TOP/http" 2>/dev/null || break; done ) &
	srv=$!
	tt_listening "$port" 'the fake server' || return 1
	ssh_home
	tt_start 100 30 --no-ssh-config $SSHD_USER@127.0.0.1 -p $port || return 1
	tt_wait "Port $port of 127.0.0.1 answers, but not with SSH" 15 || {
		kill $srv; return 1; }
	tt_wait 'It sent: "HTTP/1.0 400 Bad Request' || { kill $srv; return 1; }
	kill $srv 2>/dev/null
	pkill -f "TCP-LISTEN:$port" 2>/dev/null
	return 0
}

test_ssh_pubkey_then_password() {
	sshd_start pubpw || return 1
	ssh_home
	sshd_client_setup known
	ssh_tab || return 1
	tt_wait 'Partial success' 15 || return 1
	tt_wait "Password for $SSHD_USER@127.0.0.1" || return 1
	tt_type "$SSHD_PASSWORD"
	tt_keys Enter
	remote_prompt || return 1
	grep -q "Partial publickey for $SSHD_USER" "$SSHD_DIR/sshd.log"
}

test_ssh_rsa_ext_info() {
	# OpenSSH sends EXT_INFO (message 7) with server-sig-algs; an RSA key
	# then signs with rsa-sha2, and nothing "unexpected" happens.
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	ssh-keygen -q -t rsa -b 2048 -N '' -f "$TT_HOME/.ssh/id_rsa_test"
	cat "$TT_HOME/.ssh/id_rsa_test.pub" >"$SSHD_DIR/authorized_keys"
	rm -f "$TT_HOME/.ssh/id_ed25519"
	ssh_tab -i "$TT_HOME/.ssh/id_rsa_test" || return 1
	remote_prompt || return 1
	grep -q 'Sending SSH2_MSG_EXT_INFO' "$SSHD_DIR/sshd.log" || return 1
	grep -q "Accepted publickey for $SSHD_USER .* RSA SHA256" "$SSHD_DIR/sshd.log" ||
	    return 1
	grep -qE 'rsa-sha2-(256|512)' "$SSHD_DIR/sshd.log"
}

test_ssh_agent() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	eval "$(ssh-agent -s -a "$TT_TOP/agent.$$")" >/dev/null
	ssh-add -q "$TT_HOME/.ssh/id_ed25519" 2>/dev/null
	rm -f "$TT_HOME/.ssh/id_ed25519"	# only the agent has the key
	TT_AGENT=$SSH_AUTH_SOCK ssh_tab
	rc=$?
	[ $rc = 0 ] && remote_prompt
	rc=$?
	kill "$SSH_AGENT_PID" 2>/dev/null
	[ $rc = 0 ] && grep -q "Accepted publickey for $SSHD_USER" "$SSHD_DIR/sshd.log"
}

test_ssh_passphrase_key() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	rm -f "$TT_HOME/.ssh/id_ed25519"
	ssh-keygen -q -t ed25519 -a 4 -N 'pass phrase' -f "$TT_TOP/enckey"
	cat "$TT_TOP/enckey.pub" >"$SSHD_DIR/authorized_keys"
	ssh_tab -i "$TT_TOP/enckey" || return 1
	tt_wait "Passphrase for $TT_TOP/enckey" 15 || return 1
	tt_type 'wrong'
	tt_keys Enter
	tt_wait 'Wrong passphrase' 10 || return 1
	tt_wait '[closed: authentication failed]' 10 || return 1
	tt_stop
	ssh_tab -i "$TT_TOP/enckey" || return 1
	tt_wait "Passphrase for $TT_TOP/enckey" 15 || return 1
	tt_type 'pass phrase'
	tt_screen | grep -q 'pass phrase' && return 1
	tt_keys Enter
	remote_prompt
}

test_ssh_config_file() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	mv "$TT_HOME/.ssh/id_ed25519" "$TT_TOP/cfgkey"
	cat >"$TT_TOP/ssh_config" <<-CFG
	Host testbox
	    HostName 127.0.0.1
	    Port $SSHD_PORT
	    User $SSHD_USER
	    IdentityFile $TT_TOP/cfgkey
	CFG
	tt_start 100 30 -F "$TT_TOP/ssh_config" testbox || return 1
	remote_prompt || return 1
	tt_row 29 | grep -q "ssh $SSHD_USER@127.0.0.1"
}

# Port 22 of an ssh:// URL or a TERATERM.INI is Tera Term's default: the
# ssh_config's Port comes first; a port given (-p, /P=, host:port) wins.
test_ssh_config_port() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	cat >"$TT_TOP/ssh_config" <<-CFG
	Host cfgport
	    HostName 127.0.0.1
	    Port $SSHD_PORT
	    User $SSHD_USER
	CFG
	printf '[Tera Term]\r\nTCPPort=22\r\n' >"$TT_TOP/TERATERM.INI"
	tt_start 100 30 -F "$TT_TOP/ssh_config" ssh://cfgport \
	    "/F=$TT_TOP/TERATERM.INI" || return 1
	remote_prompt || return 1
	tt_row 29 | grep -q "ssh $SSHD_USER@127.0.0.1" || return 1
	tt_stop
	tt_start 100 30 -F "$TT_TOP/ssh_config" ssh://cfgport /P=1 || return 1
	tt_wait 'refused' 10
}

# A Match exec that takes its time: the other tab types meanwhile; the
# block it matches is the one the tab connects with.
test_ssh_match_exec_waits_not() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	cat >"$TT_TOP/ssh_config" <<-CFG
	Match originalhost testbox exec "sleep 3; test %n = testbox"
	    HostName 127.0.0.1
	    Port $SSHD_PORT
	    User $SSHD_USER
	Host testbox
	    HostName 127.0.0.1
	    Port 1
	CFG
	t0=$(( $(date +%s%N) / 1000000 ))
	tt_start 100 30 -F "$TT_TOP/ssh_config" -e 'exec sh' testbox ||
	    return 1
	tt_prefix 2
	tt_wait 'ssh testbox: Match exec sleep 3' || return 1
	tt_prefix 1
	tt_wait_re '^ 1\*:exec sh' || return 1
	tt_type 'echo typed-$((6*7))'
	tt_keys Enter
	tt_wait_re '^typed-42' || return 1
	took=$(( $(date +%s%N) / 1000000 - t0 ))
	[ "$took" -lt 2800 ] ||
	    { tt_log "typing waited for Match exec: $took ms"; return 1; }
	tt_prefix 2
	remote_prompt || return 1
	tt_row 29 | grep -q "ssh $SSHD_USER@127.0.0.1"
}

# Closing a tab while its Match exec runs stops the command.
test_ssh_match_exec_close() {
	ssh_home
	cat >"$TT_TOP/ssh_config" <<-CFG
	Match exec "sleep 29.5"
	    Port 1
	CFG
	tt_start 100 30 -F "$TT_TOP/ssh_config" -e 'exec sh' testbox ||
	    return 1
	tt_prefix 2
	tt_wait 'Match exec sleep 29.5' || return 1
	pgrep -f 'sleep 29.5' >/dev/null ||
	    { tt_log "no command running"; return 1; }
	tt_prefix x
	tt_wait 'Close' || return 1
	tt_keys y
	tt_wait_re '^ 1\*:exec sh' || return 1
	tt_until '! pgrep -f "sleep 29.5" >/dev/null' 5 "the command to end" ""
	tt_type 'echo alive-$((6*7))'
	tt_keys Enter
	tt_wait_re '^alive-42'
}

test_ssh_no_common_cipher() {
	sshd_start cbc || return 1
	ssh_home
	sshd_client_setup known
	ssh_tab || return 1
	tt_wait 'No algorithm in common with 127.0.0.1' 15 || return 1
	tt_wait 'aes128-cbc' || return 1
	tt_wait '[closed: no common algorithm]'
}

test_ssh_timeout() {
	# A path that drops every packet, as a firewall that DROPs does: tterm
	# runs in its own network namespace whose loopback is blackholed.
	command -v tc >/dev/null || { tt_skip "no tc (iproute2)"; return 1; }
	ssh_home
	TT_WRAP="unshare -n sh -c 'ip link set lo up && tc qdisc add dev lo root blackhole && exec \"\$0\" \"\$@\"'" \
	    tt_start 100 30 --no-ssh-config --connect-timeout 2 -e 'exec sh' \
	    $SSHD_USER@127.0.0.1 -p 2222 || return 1
	# While it waits, the other tab works.
	tt_prefix 1
	tt_type 'echo typing-works'
	tt_keys Enter
	tt_wait_re '^typing-works' || return 1
	tt_prefix 2
	tt_wait "No answer from 127.0.0.1 (127.0.0.1) port 2222 after 2" 15 ||
	    return 1
	tt_wait 'security group' || return 1
	tt_wait "[closed: connection timed out (port 2222)]"
}

test_ssh_dead_peer() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	ssh_tab --keepalive 1 || return 1
	remote_prompt || return 1
	# Freeze the session's sshd: TCP stays up, nothing answers.
	pids=$(sshd_pids)
	[ -n "$pids" ] || return 1
	kill -STOP $pids
	tt_wait 'NO ANSWER for' 10 || { kill -CONT $pids; return 1; }
	tt_wait 'connection lost: no answer to keepalive for' 15 ||
	    { kill -CONT $pids; return 1; }
	kill -CONT $pids
	tt_wait '[closed: connection lost: no answer to keepalive'
}

test_ssh_reconnect_duplicate() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	ssh_tab || return 1
	remote_prompt || return 1
	tt_type 'echo before-reconnect; exit 0'
	tt_keys Enter
	tt_wait '[exited, status 0]' 10 || return 1
	tt_prefix r
	tt_until '[ "$(grep -c "Accepted publickey" "$SSHD_DIR/sshd.log")" = 2 ]' \
	    15 'a second login' '' || return 1
	remote_prompt || return 1
	tt_wait_re '^before-reconnect' || return 1
	tt_prefix d
	# The label keeps the title's end, the port (a long title gives up
	# its middle: "ssh tterm-t..0.0.1:PORT").
	tt_wait_re "2\\*:ssh [^ ]*:$SSHD_PORT( |\$)" || return 1
	tt_until '[ "$(grep -c "Accepted publickey" "$SSHD_DIR/sshd.log")" = 3 ]' \
	    15 'a third login' ''
}

# Our own libssh server, for what OpenSSH will not do on demand.
testd_start() {
	[ -x "${HELPERS:-}/sshtestd" ] ||
	    { tt_log "no test server: set HELPERS to the folder of sshtestd"; return 1; }
	SSHD_DIR=$(mktemp -d "$TT_TOP/testd.XXXXXX")
	ssh-keygen -q -t ed25519 -N '' -f "$SSHD_DIR/hostkey" || return 1
	SSHD_PORT=$(sshd_free_port)
	"$HELPERS/sshtestd" "$SSHD_PORT" "$SSHD_DIR/hostkey" "$1" \
	    >"$SSHD_DIR/out" 2>&1 &
	TESTD_PID=$!
	tt_until 'grep -q listening "$SSHD_DIR/out"' 5 'sshtestd' ''
}

testd_stop() {
	[ -n "${TESTD_PID:-}" ] || return 0
	kill "$TESTD_PID" 2>/dev/null
	wait "$TESTD_PID" 2>/dev/null
	TESTD_PID=
}

test_kbd_two_prompts() {
	testd_start two || return 1
	ssh_home
	ssh_tab || { testd_stop; return 1; }
	tt_wait 'Unknown host key' 10 && tt_keys a
	tt_wait 'Two [31mquestions[m at once.' 10 || { testd_stop; return 1; }
	tt_wait 'Password:' || { testd_stop; return 1; }
	tt_wait 'Name:' || { testd_stop; return 1; }
	tt_type 'pw'
	tt_keys Tab
	tt_type 'visible-name'
	# The first answer is hidden, the second shown, as the server asked.
	tt_wait 'visible-name' || { testd_stop; return 1; }
	tt_screen | grep -q 'Password: *pw' && { testd_stop; return 1; }
	tt_keys Enter
	tt_wait 'shell of sshtestd' 10 || { testd_stop; return 1; }
	tt_wait '[exited, status 0]' 10
	rc=$?
	testd_stop
	return $rc
}

# The shell of tab 1 runs a whole line typed there (while tab 2 is busy
# with its server), then tab 2 is shown again.
other_tab_works() {
	tt_prefix 1
	tt_wait_re '^ 1\*:' || return 1
	tt_type "echo $1-\$((6*7))-abcdefghijklmnopqrstuvwxyz"
	tt_keys Enter
	tt_wait_re "^$1-42-abcdefghijklmnopqrstuvwxyz\$" || return 1
	tt_prefix 2
}

test_kbd_endless_rounds() {
	testd_start loop || return 1
	ssh_home
	ssh_tab -e 'exec sh' || { testd_stop; return 1; }
	tt_prefix 2
	tt_wait 'Unknown host key' 10 && tt_keys a
	tt_wait 'Round 1.' 10 || { testd_stop; return 1; }
	tt_keys Enter
	i=2
	while [ $i -le 21 ]; do
		tt_wait "Round $i." 5 2>/dev/null || break
		# Halfway, the other tab works and the form waits for us.
		if [ $i = 10 ]; then
			other_tab_works mid-rounds || { testd_stop; return 1; }
			tt_wait "Round $i." || { testd_stop; return 1; }
		fi
		tt_keys Enter
		i=$((i + 1))
	done
	tt_wait 'keeps asking (more than 20 rounds)' 10 &&
	    other_tab_works after-rounds
	rc=$?
	testd_stop
	return $rc
}

test_kbd_server_hangs() {
	testd_start hang || return 1
	ssh_home
	ssh_tab --server-timeout 2 || { testd_stop; return 1; }
	tt_wait 'Unknown host key' 10 && tt_keys a
	tt_wait 'Code:' 10 || { testd_stop; return 1; }
	tt_keys Enter
	tt_wait 'stopped answering during authentication' 10
	rc=$?
	testd_stop
	return $rc
}

test_kbd_disconnect() {
	testd_start bye || return 1
	ssh_home
	ssh_tab -e 'exec sh' || { testd_stop; return 1; }
	tt_prefix 2
	tt_wait 'Unknown host key' 10 && tt_keys a
	tt_wait 'Code:' 10 || { testd_stop; return 1; }
	other_tab_works during-auth || { testd_stop; return 1; }
	tt_wait 'Code:' || { testd_stop; return 1; }
	tt_keys Enter
	tt_wait_re 'closed the connection during authentication|connection lost' 10 &&
	    other_tab_works after-disconnect
	rc=$?
	testd_stop
	return $rc
}

# Each test runs in a subshell: its servers are stopped there.
tt_test_cleanup() {
	sshd_stop
	testd_stop
}

if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null ||
    [ ! -x /usr/sbin/sshd ]; then
	tt_skip "the SSH tests need root and openssh-server"
fi
# -i names the key: the default key files that do not exist are not
# mentioned; with no key at all the checklist says nothing was tried and
# why, and nothing of passwords or codes.
test_ssh_key_option_quiet() {
	sshd_start pubkey || return 1
	ssh_home
	sshd_client_setup known
	mv "$TT_HOME/.ssh/id_ed25519" "$TT_HOME/.ssh/work_key"
	tt_start 100 30 -i "$TT_HOME/.ssh/work_key" \
	    ssh://$SSHD_USER@127.0.0.1:$SSHD_PORT || return 1
	remote_prompt || return 1
	tt_screen | grep -q 'Cannot read key' && return 1
	tt_stop
	rm "$TT_HOME/.ssh/work_key"
	tt_start 100 30 ssh://$SSHD_USER@127.0.0.1:$SSHD_PORT || return 1
	tt_wait 'Authentication to' 15 || return 1
	tt_wait 'tterm tried:        nothing: no key file could be read' ||
	    return 1
	tt_screen | grep -q 'one-time code\|Is the password right' && return 1
	tt_screen | grep -q 'Cannot read key' && return 1
	return 0
}
tt_run test_ssh_pubkey_login
tt_run test_ssh_hidden_flood
tt_run test_ssh_round_trips
tt_run test_ssh_host_port
tt_run test_ssh_unknown_host_key
tt_run test_ssh_refuse_host_key
tt_run test_ssh_changed_host_key
tt_run test_ssh_changed_key_kept
tt_run test_ssh_two_factors
tt_run test_ssh_two_rounds
tt_run test_ssh_password
tt_run test_ssh_cancel
tt_run test_ssh_auth_failed_diagnosis
tt_run test_ssh_password_failed_diagnosis
tt_run test_ssh_connection_refused
tt_run test_ssh_name_not_found
tt_run test_ssh_not_ssh
tt_run test_ssh_pubkey_then_password
tt_run test_ssh_rsa_ext_info
tt_run test_ssh_agent
tt_run test_ssh_passphrase_key
tt_run test_ssh_config_file
tt_run test_ssh_config_port
tt_run test_ssh_match_exec_waits_not
tt_run test_ssh_match_exec_close
tt_run test_ssh_no_common_cipher
tt_run test_ssh_timeout
tt_run test_ssh_dead_peer
tt_run test_ssh_reconnect_duplicate
tt_run test_kbd_two_prompts
tt_run test_kbd_endless_rounds
tt_run test_kbd_server_hangs
tt_run test_kbd_disconnect
tt_run test_ssh_key_option_quiet
