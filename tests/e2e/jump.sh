# jump.sh: jump hosts. Four network namespaces in a line, each reaching
# only its neighbours: tterm's (C), the jump host J1, the jump host J2,
# and the target T, each host with a private OpenSSH sshd. tterm reaches
# T only through J1 and J2: chains from -J and from ProxyJump, one login
# per jump host for many tabs, a jump host's connection lost and brought
# back with one login, a session behind it dying alone, and an RFC 2217
# console server behind a jump host. ~/.ssh/config as ssh reads it:
# Include, Match, a jump host's own ProxyJump, a ProxyJump loop, and
# ProxyCommand (to an sshd in tterm's own namespace).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../sshd.sh"

J1_IP=10.91.1.2
J2_IP=10.91.2.2
T_IP=10.91.3.2

# A process holding a new network namespace, in NS_PID.
jump_ns() {
	unshare --net sleep 600 </dev/null >/dev/null 2>&1 &
	NS_PID=$!
	NS_ALL="${NS_ALL:-} $NS_PID"
	tt_until '[ "$(readlink /proc/$NS_PID/ns/net)" != "$(readlink /proc/$$/ns/net)" ]' \
	    5 'a network namespace' '' || return 1
	nsenter -t "$NS_PID" -n ip link set lo up
}

# jump_link A B NET: a veth between namespaces A (NET.1) and B (NET.2).
jump_link() {
	nsenter -t "$1" -n ip link add "ve$2" type veth peer name "vf$1" \
	    netns "$2" || return 1
	nsenter -t "$1" -n ip addr add "$3.1/24" dev "ve$2"
	nsenter -t "$1" -n ip link set "ve$2" up
	nsenter -t "$2" -n ip addr add "$3.2/24" dev "vf$1"
	nsenter -t "$2" -n ip link set "vf$1" up
}

# jump_sshd NS ADDR MODE: an sshd in namespace NS; its folder, port and
# pid in SSHD_DIR, SSHD_PORT, SSHD_PID.
jump_sshd() {
	SSHD_WRAP="nsenter -t $1 -n" SSHD_ADDR=$2 sshd_start "$3"
}

# The line, three sshds (MODE1 MODE2 MODE3 for J1 J2 T), one user key
# for all, their host keys known, and ~/.ssh/config names for them.
jump_setup() {
	jump_ns || return 1
	NS_C=$NS_PID
	jump_ns || return 1
	NS_J1=$NS_PID
	jump_ns || return 1
	NS_J2=$NS_PID
	jump_ns || return 1
	NS_T=$NS_PID
	jump_link "$NS_C" "$NS_J1" 10.91.1 || return 1
	jump_link "$NS_J1" "$NS_J2" 10.91.2 || return 1
	jump_link "$NS_J2" "$NS_T" 10.91.3 || return 1
	jump_sshd "$NS_J1" $J1_IP "$1" || return 1
	J1_DIR=$SSHD_DIR J1_PORT=$SSHD_PORT J1_PID=$SSHD_PID
	jump_sshd "$NS_J2" $J2_IP "$2" || return 1
	J2_DIR=$SSHD_DIR J2_PORT=$SSHD_PORT J2_PID=$SSHD_PID
	jump_sshd "$NS_T" $T_IP "$3" || return 1
	T_DIR=$SSHD_DIR T_PORT=$SSHD_PORT T_PID=$SSHD_PID
	cp "$J1_DIR/userkey.pub" "$J2_DIR/authorized_keys"
	cp "$J1_DIR/userkey.pub" "$T_DIR/authorized_keys"
	TT_HOME=$(mktemp -d "$TT_TOP/home.XXXXXX")
	SSHD_DIR=$J1_DIR
	sshd_client_setup
	for h in "$J1_IP $J1_PORT $J1_DIR" "$J2_IP $J2_PORT $J2_DIR" \
	    "$T_IP $T_PORT $T_DIR"; do
		set -- $h
		printf '[%s]:%s %s\n' "$1" "$2" \
		    "$(cut -d' ' -f1-2 "$3/hostkey.pub")"
	done >"$TT_HOME/.ssh/known_hosts"
	cat >"$TT_HOME/.ssh/config" <<-CFG
	Host bastion
	    HostName $J1_IP
	    Port $J1_PORT
	    User $SSHD_USER
	Host inner
	    HostName $J2_IP
	    Port $J2_PORT
	    User $SSHD_USER
	Host target
	    HostName $T_IP
	    Port $T_PORT
	    User $SSHD_USER
	    ProxyJump bastion,inner
	CFG
	JUMPS=$SSHD_USER@$J1_IP:$J1_PORT,$SSHD_USER@$J2_IP:$J2_PORT
	DEST=ssh://$SSHD_USER@$T_IP:$T_PORT
}

# Start tterm in the client's namespace.
jump_tterm() {
	TT_DEBUG_LOG=1 TT_WRAP="nsenter -t $NS_C -n" tt_start 120 30 "$@"
}

# A fresh one-time code for J2 (pam_oath refuses a code twice).
jump_otp() {
	SSHD_DIR=$J2_DIR sshd_oath_reset
	tt_type "$(sshd_otp)"
	tt_keys Enter
}

remote_prompt() {
	tt_wait_re "$SSHD_USER"'@[^ ]*[#$] ?$' 15
}

# Tab N runs a shell on T: it answers there.
on_target() {
	tt_prefix "$1"
	tt_wait_re "(^| )$1\\*:" || return 1
	tt_type "echo on-\$((40+$1)) \$SSH_CONNECTION"
	tt_keys Enter
	tt_wait_re "^on-$((40 + $1)) 10\\.91\\.3\\.1 [0-9]+ $T_IP $T_PORT" 15
}

# How many lines of an sshd log match.
log_count() {
	grep -c "$2" "$1/sshd.log"
}

# jump_logins N1 N2 NT: so many logins so far to J1 (its key), J2 (its
# one-time code, in 2fa mode) and T.
jump_logins() {
	[ "$(log_count "$J1_DIR" 'Accepted publickey')" = "$1" ] &&
	    [ "$(log_count "$J2_DIR" 'Accepted keyboard-interactive/pam')" = \
	    "$2" ] && [ "$(log_count "$T_DIR" 'Accepted publickey')" = "$3" ]
}

test_jump_chain() {
	jump_setup pubkey 2fa pubkey || return 1
	jump_tterm --no-ssh-config -J "$JUMPS" "$DEST" || return 1
	# J2's one-time code, asked in the tab and labelled with the hop.
	tt_wait "Jump host $J2_IP: SSH login $SSHD_USER@$J2_IP" 15 || return 1
	tt_wait 'One-time password (OATH)' || return 1
	tt_row 29 | grep -q "$J2_IP: authenticating (waiting for you)" ||
	    return 1
	jump_otp
	remote_prompt || return 1
	on_target 1 || return 1
	tt_row 29 | grep -q "ssh $J1_IP > $J2_IP > $SSHD_USER@$T_IP:$T_PORT |" || return 1
	[ "$(log_count "$J2_DIR" 'Partial publickey')" = 1 ] || return 1
	jump_logins 1 1 1 || return 1
	# The hops forwarded to the next one, nothing else did.
	grep -q "direct-tcpip" "$J1_DIR/sshd.log" || return 1
	grep -q "direct-tcpip" "$J2_DIR/sshd.log"
}

test_jump_unreachable_directly() {
	jump_setup pubkey pubkey pubkey || return 1
	jump_tterm --no-ssh-config --connect-timeout 2 "$DEST" || return 1
	tt_wait_re 'unreachable|No answer from' 15
}

test_jump_proxyjump_config() {
	jump_setup pubkey pubkey pubkey || return 1
	jump_tterm target || return 1
	remote_prompt || return 1
	on_target 1 || return 1
	tt_row 29 | grep -q "ssh bastion > inner > $SSHD_USER@$T_IP:$T_PORT |"
}

test_jump_bad_hop() {
	jump_setup pubkey pubkey pubkey || return 1
	# J1 cannot reach this port on J2: the tab says which hop failed.
	jump_tterm --no-ssh-config \
	    -J "$SSHD_USER@$J1_IP:$J1_PORT,$SSHD_USER@$J2_IP:1" "$DEST" || return 1
	tt_wait "Jump host $J1_IP cannot reach $J2_IP port 1" 15 || return 1
	tt_wait "[closed: jump host" 10
}

test_jump_shared() {
	jump_setup pubkey 2fa pubkey || return 1
	jump_tterm --no-ssh-config -J "$JUMPS" "$DEST" "$DEST" "$DEST" \
	    "$DEST" "$DEST" || return 1
	tt_wait 'One-time password (OATH)' 15 || return 1
	jump_otp
	remote_prompt || return 1
	for n in 1 2 3 4 5; do
		on_target $n || return 1
	done
	# One login to each jump host for five tabs; five to the target.
	jump_logins 1 1 5 || return 1
	# A duplicate: a sixth session, no login to the jump hosts.
	tt_prefix d
	tt_wait_re ' 6\*:' || return 1
	remote_prompt || return 1
	on_target 6 || return 1
	jump_logins 1 1 6 || return 1

	# A session behind the jump hosts dies alone.
	tt_prefix 2
	tt_wait_re ' 2\*:' || return 1
	tt_type 'kill -9 $PPID'
	tt_keys Enter
	tt_wait "[the connection to $T_IP was lost]" 10 || return 1
	tt_wait '[closed: connection lost' || return 1
	on_target 3 || return 1
	on_target 1 || return 1

	# J1's connection is cut: every tab behind it says so.
	# shellcheck disable=SC2046
	kill -KILL $(SSHD_PID=$J1_PID sshd_pids) || return 1
	tt_wait "[closed: connection to jump host $J1_IP lost]" 10 || return 1
	for n in 3 4 5 6; do
		tt_prefix $n
		tt_wait "[closed: connection to jump host $J1_IP lost]" 10 ||
		    return 1
	done
	# One reconnect, one login to each jump host, and all are back.
	tt_prefix 1
	tt_wait_re '^ 1\*:' || return 1
	tt_prefix r
	tt_wait 'One-time password (OATH)' 15 || return 1
	jump_otp
	tt_until '[ "$(log_count "$T_DIR" "Accepted publickey")" = 11 ]' 20 \
	    'five logins to the target' '' || return 1
	for n in 1 3 4 5 6; do
		on_target $n || return 1
	done
	jump_logins 2 2 11 || return 1
	# The tab whose own session died stays as it was.
	tt_prefix 2
	tt_wait '[closed: connection lost'
}

test_jump_keepalive_blackhole() {
	command -v tc >/dev/null || { tt_skip "no tc (iproute2)"; return 1; }
	jump_setup pubkey pubkey pubkey || return 1
	jump_tterm --no-ssh-config --keepalive 1 -J "$JUMPS" "$DEST" "$DEST" ||
	    return 1
	remote_prompt || return 1
	on_target 1 || return 1
	on_target 2 || return 1
	# Everything from tterm to J1 is dropped: J1's keepalive notices.
	nsenter -t "$NS_C" -n tc qdisc add dev "ve$NS_J1" root blackhole ||
	    return 1
	tt_wait "$J1_IP: NO ANSWER for" 10 || return 1
	tt_wait "[closed: connection to jump host $J1_IP lost]" 15 || return 1
	tt_prefix 1
	tt_wait "[closed: connection to jump host $J1_IP lost]" || return 1
	nsenter -t "$NS_C" -n tc qdisc del dev "ve$NS_J1" root
	tt_prefix r
	tt_until '[ "$(log_count "$T_DIR" "Accepted publickey")" = 4 ]' 20 \
	    'two more logins to the target' '' || return 1
	on_target 1 || return 1
	on_target 2
}

test_jump_rfc2217() {
	command -v ser2net >/dev/null || { tt_skip "no ser2net"; return 1; }
	command -v socat >/dev/null || { tt_skip "no socat"; return 1; }
	jump_setup pubkey pubkey pubkey || return 1
	SER=$(mktemp -d "$TT_TOP/ser.XXXXXX")
	socat -d -d pty,raw,echo=0,link="$SER/dev" \
	    pty,raw,echo=0,link="$SER/tty" 2>"$SER/socat.log" &
	SOCAT_PID=$!
	tt_until 'grep -q "starting data transfer loop" "$SER/socat.log"' 5 \
	    'socat' '' || return 1
	cat "$SER/dev" >"$SER/got" 2>/dev/null &
	DEV_PID=$!
	# The console server sits on J2, which only J1 reaches.
	cat >"$SER/s2n.yaml" <<-YAML
	connection: &con1
	    accepter: telnet(rfc2217),tcp,$J2_IP,7001
	    connector: serialdev,$SER/tty,9600n81,local
	    options:
	      kickolduser: true
	YAML
	nsenter -t "$NS_J2" -n ser2net -n -u -d -c "$SER/s2n.yaml" \
	    -P "$SER/s2n.pid" >"$SER/s2n.log" 2>&1 &
	S2N_PID=$!
	tt_until "nsenter -t $NS_J2 -n grep -qi ':1B59 ' /proc/net/tcp" 5 \
	    'ser2net' '' || return 1
	jump_tterm --no-ssh-config --speed 19200 -J "$SSHD_USER@$J1_IP:$J1_PORT" \
	    "rfc2217://$J2_IP:7001" || return 1
	tt_wait_re "rfc2217 $J2_IP:7001 19200 8N1 \\(confirmed\\) via $J1_IP" \
	    15 || return 1
	printf 'console via jump\r\n' >"$SER/dev"
	tt_wait 'console via jump' 10 || return 1
	tt_type 'typed-through-jump'
	tt_until 'grep -q "typed-through-jump" "$SER/got"' 5 'the typed text' \
	    '' || return 1
	# The tab's profile is where it connects and how, options included:
	# saved, it opens the same line through the same jump host.
	tt_prefix S
	name=rfc2217-$J2_IP
	tt_wait "saved to ~/.config/tterm/profiles/$name.ini" || return 1
	f=$TT_HOME/.config/tterm/profiles/$name.ini
	out=$(HOME=$TT_HOME "$TTERM" --dump-profile "$f") || return 1
	for want in 'Port=serial' "Device=rfc2217://$J2_IP:7001" \
	    'BaudRate=19200' "ProxyJump=$SSHD_USER@$J1_IP:$J1_PORT" \
	    'SSHConfig=none'; do
		printf '%s\n' "$out" | grep -qxF "$want" ||
		    { tt_log "no $want in: $out"; return 1; }
	done
	tt_stop
	jump_tterm -P "$f" || return 1
	tt_wait_re "rfc2217 $J2_IP:7001 19200 8N1 \\(confirmed\\) via $J1_IP" \
	    15 || return 1
	printf 'again via jump\r\n' >"$SER/dev"
	tt_wait 'again via jump' 10
}

# jump_config TEXT: ~/.ssh/config is TEXT; bastion (J1), inner (J2) and
# target (T) are named in hosts.d/names.conf, which it may Include.
jump_config() {
	mkdir -p "$TT_HOME/.ssh/hosts.d"
	cat >"$TT_HOME/.ssh/hosts.d/names.conf" <<-CFG
	Host bastion
	    HostName $J1_IP
	    Port $J1_PORT
	    User $SSHD_USER
	Host inner
	    HostName $J2_IP
	    Port $J2_PORT
	    User $SSHD_USER
	Host target
	    HostName $T_IP
	    Port $T_PORT
	CFG
	printf '%s\n' "$1" >"$TT_HOME/.ssh/config"
}

# ProxyJump (and the rest) from files that ~/.ssh/config includes: a
# glob relative to ~/.ssh, and a second level of Include.
test_jump_include() {
	jump_setup pubkey pubkey pubkey || return 1
	jump_config 'Include hosts.d/*.conf'
	printf 'Include ~/.ssh/more/route.conf\n' \
	    >"$TT_HOME/.ssh/hosts.d/route.conf"
	mkdir -p "$TT_HOME/.ssh/more"
	printf 'Host target\n    User %s\n    ProxyJump bastion,inner\n' \
	    "$SSHD_USER" >"$TT_HOME/.ssh/more/route.conf"
	jump_tterm target || return 1
	remote_prompt || return 1
	on_target 1 || return 1
	tt_row 29 | grep -q "ssh bastion > inner > $SSHD_USER@$T_IP:$T_PORT |"
}

# Match blocks: host (the HostName found), originalhost (the name typed,
# which libssh 0.10 would not know: tterm hands it the options in force),
# and exec with ssh's tokens.
test_jump_match() {
	jump_setup pubkey pubkey pubkey || return 1
	jump_config "Include hosts.d/names.conf
Match originalhost target
    User $SSHD_USER
Match host 10.91.3.* !originalhost direct exec \"test %n = target -a %p = $T_PORT -a %h = $T_IP\"
    ProxyJump bastion,inner"
	jump_tterm target || return 1
	remote_prompt || return 1
	on_target 1 || return 1
	tt_row 29 | grep -q "ssh bastion > inner > $SSHD_USER@$T_IP:$T_PORT |"
}

# A jump host's own ProxyJump is followed: target goes through inner,
# whose own entry goes through bastion.
test_jump_follow() {
	jump_setup pubkey 2fa pubkey || return 1
	jump_config "Include hosts.d/names.conf
Host inner
    ProxyJump bastion
Host target
    User $SSHD_USER
    ProxyJump inner"
	jump_tterm target || return 1
	tt_wait 'One-time password (OATH)' 15 || return 1
	jump_otp
	remote_prompt || return 1
	on_target 1 || return 1
	tt_row 29 | grep -q "ssh bastion > inner > $SSHD_USER@$T_IP:$T_PORT |" ||
	    return 1
	jump_logins 1 1 1
}

# A ProxyJump loop is told in its tab, which closes; another tab is fine.
test_jump_loop() {
	jump_setup pubkey pubkey pubkey || return 1
	jump_config "Include hosts.d/names.conf
Host bastion
    ProxyJump inner
Host inner
    ProxyJump bastion
Host target
    ProxyJump bastion"
	jump_tterm target "ssh://$SSHD_USER@$J1_IP:$J1_PORT" || return 1
	tt_prefix 1
	tt_wait 'ProxyJump loop: target > bastion > inner > bastion' 10 ||
	    return 1
	tt_wait '[closed: ProxyJump loop: target > bastion > inner > bastion]' ||
	    return 1
	tt_prefix 2
	tt_wait_re ' 2\*:' || return 1
	remote_prompt || return 1
	tt_type 'echo second-$((6*7))'
	tt_keys Enter
	tt_wait 'second-42'
}

# ProxyCommand: a private sshd on 127.0.0.1 in tterm's own namespace,
# under a name no resolver knows, reached only by socat as the command;
# one that fails at once (false), one that writes its error (socat to a
# closed port); the good tab keeps working, and a reconnect replaces its
# command.
test_jump_proxycommand() {
	jump_setup pubkey pubkey pubkey || return 1
	jump_sshd "$NS_C" 127.0.0.1 pubkey || return 1
	P_DIR=$SSHD_DIR P_PORT=$SSHD_PORT P_PID=$SSHD_PID
	cp "$J1_DIR/userkey.pub" "$P_DIR/authorized_keys"
	printf '[proxied.invalid]:%s %s\n' "$P_PORT" \
	    "$(cut -d' ' -f1-2 "$P_DIR/hostkey.pub")" >>"$TT_HOME/.ssh/known_hosts"
	cat >"$TT_HOME/.ssh/config" <<-CFG
	Host proxied
	    HostName proxied.invalid
	    Port $P_PORT
	    User $SSHD_USER
	    ProxyCommand sh -c "socat - TCP:127.0.0.1:%p; sleep 599; : %p"
	Host failing
	    ProxyCommand false
	Host refused
	    ProxyCommand socat - TCP:127.0.0.1:1
	CFG
	jump_tterm proxied failing refused || return 1
	tt_prefix 1
	tt_wait_re '^ 1\*:' || return 1
	tt_wait "Running ProxyCommand sh -c \"socat - TCP:127.0.0.1:$P_PORT;" \
	    10 || return 1
	remote_prompt || return 1
	tt_prefix 2
	tt_wait_re ' 2\*:' || return 1
	tt_wait 'ProxyCommand false exited with status 1 before the server' \
	    10 || return 1
	tt_wait '[closed: ProxyCommand exited with status 1]' || return 1
	tt_prefix 3
	tt_wait_re ' 3\*:' || return 1
	tt_wait_re 'ProxyCommand: .*E connect.*[Cc]onnection refused' 10 ||
	    return 1
	tt_wait '[closed: ProxyCommand exited with status 1]' || return 1
	tt_prefix 1
	tt_wait_re '^ 1\*:' || return 1
	tt_type 'echo via-proxy-$((6*7)) $SSH_CONNECTION'
	tt_keys Enter
	tt_wait_re "^via-proxy-42 127\\.0\\.0\\.1 [0-9]+ 127\\.0\\.0\\.1 $P_PORT" ||
	    return 1
	[ "$(log_count "$P_DIR" 'Accepted publickey')" = 1 ] || return 1
	# Connected again: the old command is stopped (its shell would sleep
	# on after socat), a new one runs.
	tt_prefix r
	tt_wait 'Reconnect tab 1?' 5 && tt_keys y
	tt_until '[ "$(log_count "$P_DIR" "Accepted publickey")" = 2 ]' 15 \
	    'a second login' '' || return 1
	tt_until '[ "$(pgrep -fc "sleep 599; : $P_PORT")" = 1 ]' 5 \
	    'one ProxyCommand' '' || return 1
	# The tab closed: so is its command, and what it started.
	tt_prefix x
	tt_wait 'Close tab' 5 && tt_keys y
	tt_until '! pgrep -f "sleep 599" >/dev/null' 5 'no ProxyCommand left' ''
}

tt_test_cleanup() {
	[ -n "${S2N_PID:-}" ] && kill "$S2N_PID" 2>/dev/null
	[ -n "${DEV_PID:-}" ] && kill "$DEV_PID" 2>/dev/null
	[ -n "${SOCAT_PID:-}" ] && kill "$SOCAT_PID" 2>/dev/null
	for p in "${J1_PID:-}" "${J2_PID:-}" "${T_PID:-}" "${P_PID:-}"; do
		[ -n "$p" ] && SSHD_PID=$p sshd_stop
	done
	for p in ${NS_ALL:-}; do
		kill "$p" 2>/dev/null
	done
	return 0
}

if [ "$(id -u)" != 0 ] || [ ! -x /usr/sbin/sshd ] ||
    ! unshare --net true 2>/dev/null || ! command -v nsenter >/dev/null ||
    ! command -v ip >/dev/null; then
	tt_skip "the jump host tests need root, network namespaces, iproute2 and openssh-server"
fi
# Files both ways over the tab's own connection behind two jump hosts
# (SFTP on the target's session): no login anywhere beyond the tab's.
test_jump_sftp() {
	jump_setup pubkey 2fa pubkey || return 1
	dl=$(mktemp -d "$TT_TOP/dl.XXXXXX")
	mkdir -p "$T_DIR/home"	# (sshd's own home only with namespaces)
	mkdir -p "$dl"
	head -c 2000000 /dev/urandom >"$T_DIR/home/j.bin"
	chmod 644 "$T_DIR/home/j.bin"
	head -c 500000 /dev/urandom >"$TT_TOP/u.bin"
	jump_tterm --no-ssh-config -o "FileDir=$dl" -J "$JUMPS" "$DEST" ||
	    return 1
	tt_wait 'One-time password (OATH)' 15 || return 1
	jump_otp
	remote_prompt || return 1
	tt_prefix f
	tt_wait 'File transfer (SFTP)' || return 1
	tt_keys Down
	tt_type "$T_DIR/home/j.bin"
	tt_keys Enter
	tt_wait 'SFTP receive j.bin: 1 file' 20 || return 1
	cmp "$T_DIR/home/j.bin" "$dl/j.bin" || return 1
	tt_prefix f
	tt_wait 'File transfer (SFTP)' || return 1
	tt_keys Right Down
	tt_type "$T_DIR/home"
	tt_keys Down C-u
	tt_type "$TT_TOP/u.bin"
	tt_keys Enter
	tt_wait 'SFTP send u.bin: 1 file' 20 || return 1
	cmp "$TT_TOP/u.bin" "$T_DIR/home/u.bin" || return 1
	jump_logins 1 1 1
}
# The same through a target without SFTP: its scp, on a channel of the
# tab's connection behind the jump hosts.
test_jump_scp() {
	SSHD_SFTP= jump_setup pubkey pubkey pubkey || return 1
	dl=$(mktemp -d "$TT_TOP/dl.XXXXXX")
	mkdir -p "$T_DIR/home"	# (sshd's own home only with namespaces)
	head -c 1500000 /dev/urandom >"$T_DIR/home/s.bin"
	chmod 644 "$T_DIR/home/s.bin"
	head -c 400000 /dev/urandom >"$TT_TOP/su.bin"
	jump_tterm --no-ssh-config -o "FileDir=$dl" -J "$JUMPS" "$DEST" ||
	    return 1
	remote_prompt || return 1
	tt_prefix f
	tt_wait 'File transfer (SFTP)' || return 1
	tt_keys Down
	tt_type "$T_DIR/home/s.bin"
	tt_keys Enter
	tt_wait 'SCP receive s.bin: 1 file' 20 || return 1
	cmp "$T_DIR/home/s.bin" "$dl/s.bin" || return 1
	tt_prefix f
	tt_wait 'File transfer (SFTP)' || return 1
	tt_keys Right Down
	tt_type "$T_DIR/home"
	tt_keys Down C-u
	tt_type "$TT_TOP/su.bin"
	tt_keys Enter
	tt_wait 'SCP send su.bin: 1 file' 20 || return 1
	cmp "$TT_TOP/su.bin" "$T_DIR/home/su.bin" || return 1
	jump_logins 1 0 1
}

tt_run test_jump_chain
tt_run test_jump_unreachable_directly
tt_run test_jump_proxyjump_config
tt_run test_jump_bad_hop
tt_run test_jump_shared
tt_run test_jump_keepalive_blackhole
tt_run test_jump_rfc2217
tt_run test_jump_sftp
tt_run test_jump_scp
tt_run test_jump_include
tt_run test_jump_match
tt_run test_jump_follow
tt_run test_jump_loop
tt_run test_jump_proxycommand
