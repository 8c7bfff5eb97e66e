# forward.sh: what SSH tabs forward, against the private sshd: the agent
# (a real ssh-agent; ssh-add -l in the remote shell), local ports (-L, a
# profile's DefaultForwarding, /ssh-L) and remote ports (-R), each to a
# small socat server, with a port in use and a tab closed; SOCKS proxies
# (-D, a profile's D entry, DynamicForward in ~/.ssh/config) that curl
# fetches a file through, from a socat HTTP server.
# A failed test prints the end of tterm's debug log (tests/lib.sh).
export TT_DEBUG_LOG=1
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

fwd_home() {
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
}

# fwd_port VAR: a TCP port nobody listens on (not the last one) in VAR.
fwd_port() {
	p=${FWD_LAST:-$(( 30000 + $$ % 20000 ))}
	p=$((p + 1))
	while grep -qi ":$(printf '%04X' $p) " /proc/net/tcp /proc/net/tcp6 2>/dev/null; do
		p=$((p + 1))
	done
	FWD_LAST=$p
	eval "$1=$p"
}

# Whether something listens on port $1 (state 0A in /proc/net/tcp*).
fwd_listening() {
	grep -qi ":$(printf '%04X' "$1") [0-9A-F:]* 0A " /proc/net/tcp \
	    /proc/net/tcp6 2>/dev/null
}

# A server on 127.0.0.1:$1 that answers each line with "got LINE here".
fwd_server() {
	socat TCP-LISTEN:"$1",bind=127.0.0.1,reuseaddr,fork \
	    SYSTEM:'read l; echo "got $l here"' 2>/dev/null &
	FWD_PIDS="${FWD_PIDS:-} $!"
	tt_until "fwd_listening $1" 5 "socat on port $1" ''
}

# Send a line to 127.0.0.1:$1; print the answer.
fwd_ask() {
	printf '%s\n' "$2" | timeout 10 socat -t 5 - TCP:127.0.0.1:"$1" 2>&1
}

# An HTTP server on 127.0.0.1:$1 (on [::1]:$1 with $3 = 6) that sends the
# file $2 for every request.
fwd_http() {
	cat >"$TT_TOP/http.$1" <<-'EOF'
	cr=$(printf '\r')
	while read -r l && [ -n "${l%"$cr"}" ]; do :; done
	printf 'HTTP/1.0 200 OK\r\nContent-Length: %s\r\n\r\n' \
	    "$(wc -c <"$1" | tr -d ' ')"
	cat "$1"
	EOF
	if [ "${3:-}" = 6 ]; then
		socat TCP6-LISTEN:"$1",bind='[::1]',ipv6only=1,reuseaddr,fork \
		    EXEC:"sh $TT_TOP/http.$1 $2" 2>/dev/null &
	else
		socat TCP-LISTEN:"$1",bind=127.0.0.1,reuseaddr,fork \
		    EXEC:"sh $TT_TOP/http.$1 $2" 2>/dev/null &
	fi
	FWD_PIDS="${FWD_PIDS:-} $!"
	tt_until "fwd_listening $1" 5 "the HTTP server on port $1" ''
}

# A file to fetch, different for each test.
fwd_payload() {
	FWD_FILE=$(mktemp "$TT_TOP/payload.XXXXXX")
	for i in 1 2 3 4 5 6 7 8; do
		echo "socks payload $$ $i $(date +%N)"
	done >"$FWD_FILE"
}

# curl through the proxy on port $1 with the options after $2 (--socks5
# ...) for URL $2; the body goes to $TT_TOP/got, curl's words to
# $TT_TOP/curl.err; curl's status.
fwd_curl() {
	port=$1 url=$2
	shift 2
	rm -f "$TT_TOP/got"
	curl -sS --max-time 15 -o "$TT_TOP/got" "$@" "127.0.0.1:$port" "$url" \
	    2>"$TT_TOP/curl.err"
}

# Fetch URL $3 through port $1 with $2 (--socks5 ...): the file must come.
fwd_fetch() {
	fwd_curl "$1" "$3" "$2" ||
	    { tt_log "curl $2 $3: $(cat "$TT_TOP/curl.err")"; return 1; }
	cmp -s "$TT_TOP/got" "$FWD_FILE" ||
	    { tt_log "curl $2 $3: got other bytes"; return 1; }
}

# Whether port $1 listens on 127.0.0.1 and not on every address.
fwd_loopback_only() {
	hex=$(printf '%04X' "$1")
	grep -qi "0100007F:$hex 00000000:0000 0A" /proc/net/tcp &&
	    ! grep -qi "00000000:$hex 00000000:0000 0A" /proc/net/tcp
}

# A SOCKS5 request for $FWD_NAME:$2 written to port $1 a byte at a time
# (the greeting not waited for), then an HTTP request; what comes back.
fwd_socks_slow() {
	{
		for b in 005 001 000 005 001 000 003 011; do
			printf "\\$b"
			sleep 0.05
		done
		for c in $(printf '%s' "$FWD_NAME" | sed 's/./& /g'); do
			printf '%s' "$c"
			sleep 0.05
		done
		printf "\\$(printf %03o $(($2 / 256)))"
		sleep 0.05
		printf "\\$(printf %03o $(($2 % 256)))"
		printf 'GET / HTTP/1.0\r\n\r\n'
	} | timeout 15 socat -t 10 - TCP:127.0.0.1:"$1" 2>&1
}

# The name the SOCKS tests give the server to resolve: localhost, or
# where this machine has no such name (a bare root without /etc/hosts)
# the address written as a name, 9 characters either way.
if getent hosts localhost >/dev/null 2>&1; then
	FWD_NAME=localhost
else
	FWD_NAME=127.0.0.1
fi

fwd_tab() {
	tt_start 100 30 --no-ssh-config "$@" ssh://$SSHD_USER@127.0.0.1:$SSHD_PORT
}

remote_prompt() {
	tt_wait_re "$SSHD_USER"'@[^ ]*[#$] ?$' 15
}

test_fwd_agent() {
	sshd_start pubkey || return 1
	fwd_home
	sshd_client_setup known
	eval "$(ssh-agent -s -a "$TT_TOP/agent.$$")" >/dev/null
	FWD_AGENT_PID=$SSH_AGENT_PID
	ssh-keygen -q -t ed25519 -N '' -C fwdkey -f "$TT_TOP/fwdkey"
	ssh-add -q "$TT_TOP/fwdkey" 2>/dev/null
	fp=$(ssh-keygen -lf "$TT_TOP/fwdkey.pub" | cut -d' ' -f2)
	TT_AGENT=$SSH_AUTH_SOCK fwd_tab -A || return 1
	remote_prompt || return 1
	tt_row 29 | grep -q 'forwarding A' || return 1
	tt_type 'ssh-add -l; echo agent-rc=$?'
	tt_keys Enter
	tt_wait "$fp" 10 || return 1
	tt_wait_re '^agent-rc=0' || return 1
	# Twice: each use is a channel of its own.
	tt_type 'clear; ssh-add -l | cut -c1-20; echo again-rc=$?'
	tt_keys Enter
	tt_wait_re '^again-rc=0' 10 || return 1
	tt_stop
	# Without -A the remote side has no agent.
	TT_AGENT=$SSH_AUTH_SOCK fwd_tab || return 1
	remote_prompt || return 1
	tt_type 'ssh-add -l; echo agent-rc=$?'
	tt_keys Enter
	tt_wait_re '^agent-rc=2' 10 || return 1
	tt_wait 'Could not open a connection to your authentication agent'
}

test_fwd_agent_missing() {
	sshd_start pubkey || return 1
	fwd_home
	sshd_client_setup known
	fwd_tab -A || return 1
	remote_prompt || return 1
	tt_wait 'agent forwarding: no SSH_AUTH_SOCK' || return 1
	tt_type 'echo still-$((2+3))'
	tt_keys Enter
	tt_wait_re '^still-5'
}

test_fwd_local() {
	sshd_start pubkey || return 1
	fwd_home
	sshd_client_setup known
	fwd_port web
	fwd_port here
	fwd_server "$web" || return 1
	fwd_tab -e 'exec sh' -L "$here:127.0.0.1:$web" || return 1
	tt_prefix 2
	remote_prompt || return 1
	tt_wait "Forwarding localhost:$here -> 127.0.0.1:$web." || return 1
	tt_row 29 | grep -q "forwarding L$here" || return 1
	[ "$(fwd_ask "$here" one)" = 'got one here' ] || return 1
	[ "$(fwd_ask "$here" two)" = 'got two here' ] || return 1
	# Through the server, not around it.
	grep -q "direct_tcpip.*target 127.0.0.1 port $web" "$SSHD_DIR/sshd.log" ||
	    grep -q "connect_to 127.0.0.1 port $web" "$SSHD_DIR/sshd.log" ||
	    { tt_log "sshd saw no direct-tcpip"; grep -i "tcpip\|connect_to" "$SSHD_DIR/sshd.log" | head -5 >&2; return 1; }
	# A port the server cannot reach: said in the tab, the tab goes on.
	tt_stop
	fwd_port dead
	fwd_tab -e 'exec sh' -L "$here:127.0.0.1:$dead" || return 1
	tt_prefix 2
	remote_prompt || return 1
	fwd_ask "$here" x >/dev/null
	tt_wait "[forwarding localhost:$here -> 127.0.0.1:$dead: " 10 ||
	    return 1
	# Closing the tab closes its port; tterm goes on.
	tt_prefix x
	tt_wait 'Close tab' 5 && tt_keys y
	tt_wait_re '^ 1\*:exec sh' || return 1
	tt_until "! fwd_listening $here" 5 "port $here to close" ''
}

test_fwd_port_in_use() {
	sshd_start pubkey || return 1
	fwd_home
	sshd_client_setup known
	fwd_port web
	fwd_port busy
	fwd_server "$web" || return 1
	fwd_server "$busy" || return 1
	fwd_tab -L "$busy:127.0.0.1:$web" || return 1
	remote_prompt || return 1
	tt_wait "cannot listen on port $busy: Address already in use" ||
	    return 1
	tt_type 'echo goes-on'
	tt_keys Enter
	tt_wait_re '^goes-on'
}

test_fwd_remote() {
	sshd_start pubkey || return 1
	fwd_home
	sshd_client_setup known
	fwd_port svc
	fwd_port there
	fwd_server "$svc" || return 1
	fwd_tab -R "$there:127.0.0.1:$svc" || return 1
	remote_prompt || return 1
	tt_wait "Forwarding remote localhost:$there -> 127.0.0.1:$svc" 10 ||
	    return 1
	tt_until "fwd_listening $there" 5 "sshd on port $there" '' || return 1
	x=$(fwd_ask "$there" three)
	[ "$x" = 'got three here' ] || { tt_log "three: $x"; return 1; }
	x=$(fwd_ask "$there" four)
	[ "$x" = 'got four here' ] || { tt_log "four: $x"; return 1; }
	tt_row 29 | grep -q "forwarding R$there" || { tt_log "status"; return 1; }
	# The shell ends: what the server still takes there is closed.
	tt_type 'exit'
	tt_keys Enter
	tt_wait '[exited, status 0]' 10 || return 1
	x=$(fwd_ask "$there" five)
	[ -z "$x" ] || { tt_log "after exit: $x"; return 1; }
}

test_fwd_profile() {
	sshd_start pubkey || return 1
	fwd_home
	sshd_client_setup known
	fwd_port web
	fwd_port one
	fwd_port two
	fwd_port dyn
	fwd_port page
	fwd_server "$web" || return 1
	fwd_payload
	fwd_http "$page" "$FWD_FILE" || return 1
	cat >"$TT_TOP/fwd.ini" <<-INI
	[Tera Term]
	TCPPort=$SSHD_PORT
	[TTSSH]
	Enabled=1
	DefaultUserName=$SSHD_USER
	DefaultUserType=1
	DefaultForwarding=L$one:127.0.0.1:$web;D$dyn;X
	INI
	"$TTERM" --import "$TT_TOP/fwd.ini" >"$TT_TOP/report" 2>&1
	grep -q 'DefaultForwarding=.*X (X11) is kept, not done yet' \
	    "$TT_TOP/report" || { tt_log "no note"; return 1; }
	# The profile's forward, and one more from Tera Term's command line.
	tt_start 100 30 --no-ssh-config 127.0.0.1 "/F=$TT_TOP/fwd.ini" \
	    "/ssh-L$two:127.0.0.1:$web" || return 1
	remote_prompt || return 1
	tt_wait 'forwarding X: X11 forwarding is not done yet' || return 1
	tt_wait "Forwarding localhost:$two -> 127.0.0.1:$web." || return 1
	tt_wait "Forwarding SOCKS localhost:$dyn." || return 1
	[ "$(fwd_ask "$one" five)" = 'got five here' ] || return 1
	[ "$(fwd_ask "$two" six)" = 'got six here' ] || return 1
	fwd_fetch "$dyn" --socks5-hostname "http://$FWD_NAME:$page/" ||
	    return 1
	# The shell ends: so do the ports.
	tt_type 'exit'
	tt_keys Enter
	tt_wait '[exited, status 0]' 10 || return 1
	tt_until "! fwd_listening $one && ! fwd_listening $two &&
	    ! fwd_listening $dyn" 5 "the ports to close" ''
}

test_fwd_socks() {
	sshd_start pubkey || return 1
	fwd_home
	sshd_client_setup known
	fwd_payload
	fwd_port web
	fwd_port socks
	fwd_http "$web" "$FWD_FILE" || return 1
	fwd_tab -D "$socks" || return 1
	remote_prompt || return 1
	tt_wait "Forwarding SOCKS localhost:$socks." || return 1
	tt_row 29 | grep -q "forwarding D$socks" ||
	    { tt_log "no D$socks in the status bar"; return 1; }
	fwd_loopback_only "$socks" ||
	    { tt_log "port $socks is not on 127.0.0.1 only"; return 1; }
	# The name goes to the server as it is, which resolves it.
	fwd_fetch "$socks" --socks5-hostname "http://$FWD_NAME:$web/" ||
	    return 1
	grep -q "direct_tcpip.*target $FWD_NAME port $web" \
	    "$SSHD_DIR/sshd.log" ||
	    { tt_log "sshd was not asked for $FWD_NAME"; return 1; }
	fwd_fetch "$socks" --socks5 "http://127.0.0.1:$web/" || return 1
	fwd_fetch "$socks" --socks4 "http://127.0.0.1:$web/" || return 1
	fwd_fetch "$socks" --socks4a "http://$FWD_NAME:$web/" || return 1
	if grep -q '^0*1 ' /proc/net/if_inet6 2>/dev/null; then
		fwd_port web6
		fwd_http "$web6" "$FWD_FILE" 6 || return 1
		fwd_fetch "$socks" --socks5 "http://[::1]:$web6/" || return 1
	fi
	# A client that sends a byte at a time.
	fwd_socks_slow "$socks" "$web" >"$TT_TOP/slow"
	grep -q "socks payload $$ 8" "$TT_TOP/slow" ||
	    { tt_log "slow client: $(head -c 300 "$TT_TOP/slow")"; return 1; }
	# Not SOCKS: closed at once, without an answer.
	x=$(printf 'GET / HTTP/1.0\r\n\r\n' |
	    timeout 10 socat -t 5 - TCP:127.0.0.1:"$socks" 2>&1)
	[ $? -eq 0 ] && [ -z "$x" ] || { tt_log "not SOCKS: $x"; return 1; }
	# Clients that never say a word take no room from the others.
	for i in $(seq 40); do
		socat -u TCP:127.0.0.1:"$socks" /dev/null 2>/dev/null &
		FWD_PIDS="$FWD_PIDS $!"
	done
	fwd_fetch "$socks" --socks5-hostname "http://$FWD_NAME:$web/" ||
	    return 1
	tt_type 'echo still-$((2+3))'
	tt_keys Enter
	tt_wait_re '^still-5'
}

test_fwd_socks_refused() {
	sshd_start pubkey || return 1
	fwd_home
	sshd_client_setup known
	fwd_port socks
	fwd_port dead
	fwd_tab -D "127.0.0.1:$socks" || return 1
	remote_prompt || return 1
	tt_wait "Forwarding SOCKS 127.0.0.1:$socks." || return 1
	# SOCKS5: "connection refused" (5); curl's proxy error (97).
	fwd_curl "$socks" "http://$FWD_NAME:$dead/" --socks5-hostname
	rc=$?
	[ $rc -eq 97 ] && grep -qi 'refused\|(5)' "$TT_TOP/curl.err" ||
	    { tt_log "socks5: $rc $(cat "$TT_TOP/curl.err")"; return 1; }
	# SOCKS4 has one word for every failure.
	fwd_curl "$socks" "http://127.0.0.1:$dead/" --socks4
	rc=$?
	[ $rc -eq 97 ] && grep -qi 'rejected\|failed' "$TT_TOP/curl.err" ||
	    { tt_log "socks4: $rc $(cat "$TT_TOP/curl.err")"; return 1; }
	tt_type 'echo still-$((2+3))'
	tt_keys Enter
	tt_wait_re '^still-5'
}

test_fwd_socks_port_in_use() {
	sshd_start pubkey || return 1
	fwd_home
	sshd_client_setup known
	fwd_port web
	fwd_port busy
	fwd_server "$busy" || return 1
	fwd_tab -D "$busy" || return 1
	remote_prompt || return 1
	tt_wait "[forwarding SOCKS localhost:$busy: cannot listen on port $busy: Address already in use]" ||
	    return 1
	tt_type 'echo goes-on'
	tt_keys Enter
	tt_wait_re '^goes-on'
}

# DynamicForward lines of ~/.ssh/config for the host: all of them apply,
# and one that -D gave already is not opened twice.
test_fwd_socks_config() {
	sshd_start pubkey || return 1
	fwd_home
	sshd_client_setup known
	fwd_payload
	fwd_port web
	fwd_port one
	fwd_port two
	fwd_port other
	fwd_http "$web" "$FWD_FILE" || return 1
	cat >"$TT_HOME/.ssh/config" <<-CONF
	Host elsewhere
	    DynamicForward $other
	Host 127.0.0.1
	    DynamicForward $one
	    DynamicForward 127.0.0.1:$two
	CONF
	tt_start 100 30 -D "$one" ssh://$SSHD_USER@127.0.0.1:$SSHD_PORT ||
	    return 1
	remote_prompt || return 1
	tt_wait "Forwarding SOCKS 127.0.0.1:$two." || return 1
	tt_wait "Forwarding SOCKS localhost:$one." || return 1
	fwd_fetch "$one" --socks5-hostname "http://$FWD_NAME:$web/" ||
	    return 1
	fwd_fetch "$two" --socks5-hostname "http://$FWD_NAME:$web/" ||
	    return 1
	! tt_screen | grep -q "cannot listen on port $one" ||
	    { tt_log "-D and DynamicForward opened $one twice"; return 1; }
	! fwd_listening "$other" ||
	    { tt_log "another host's DynamicForward"; return 1; }
}

tt_test_cleanup() {
	sshd_stop
	for p in ${FWD_PIDS:-}; do
		kill "$p" 2>/dev/null
	done
	[ -n "${FWD_AGENT_PID:-}" ] && kill "$FWD_AGENT_PID" 2>/dev/null
	FWD_PIDS=
}

if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null ||
    [ ! -x /usr/sbin/sshd ] || ! command -v socat >/dev/null ||
    ! command -v curl >/dev/null; then
	tt_skip "the forwarding tests need root, openssh-server, socat and curl"
fi
tt_run test_fwd_agent
tt_run test_fwd_agent_missing
tt_run test_fwd_local
tt_run test_fwd_port_in_use
tt_run test_fwd_remote
tt_run test_fwd_profile
tt_run test_fwd_socks
tt_run test_fwd_socks_refused
tt_run test_fwd_socks_port_in_use
tt_run test_fwd_socks_config
