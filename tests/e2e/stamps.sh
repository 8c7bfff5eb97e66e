# stamps.sh: time stamps on screen (prefix T): each line's arrival time at
# the left of the tab and of the scrollback view; the tab's program sees a
# terminal narrower by their width until they are turned off.
. "$(dirname "$0")/../lib.sh"

STAMP_RE='\[[0-9]{2}:[0-9]{2}:[0-9]{2}\] '

# stamp_between STAMP T0 T1: STAMP ("HH:MM:SS") is the local time of a
# second from T0 to T1 (seconds since the epoch).
stamp_between() {
	s=$2
	while [ "$s" -le "$3" ]; do
		[ "$(date -d "@$s" +%H:%M:%S)" = "$1" ] && return 0
		s=$((s + 1))
	done
	tt_log "stamp $1 is not between $(date -d "@$2" +%T) and" \
	    "$(date -d "@$3" +%T)"
	return 1
}

# The stamp on the screen row that ends with TEXT.
stamp_of() {
	tt_screen | sed -n "s/^\[\([0-9:]*\)\] $1\$/\1/p" | head -n 1
}

test_stamps_on_screen() {
	tt_start 80 24 -e 'exec sh' || return 1
	tt_wait_re '^\$' || return 1
	t0=$(date +%s)
	tt_type 'echo one; sleep 1; echo two'
	tt_keys Enter
	tt_wait_re '^two$' || return 1
	t1=$(date +%s)
	# Lines that came before the stamps were shown have theirs.
	tt_prefix T
	tt_wait 'time stamps on' || return 1
	tt_wait_re "^${STAMP_RE}one\$" || return 1
	tt_wait_re "^${STAMP_RE}two\$" || return 1
	s1=$(stamp_of one) s2=$(stamp_of two)
	stamp_between "$s1" "$t0" "$t1" || return 1
	stamp_between "$s2" "$t0" "$t1" || return 1
	[ "$s1" != "$s2" ] ||
	    { tt_log "one and two a second apart, both at $s1"; return 1; }
	# The program sees 80 less the stamps' 11 columns.
	tt_type 'stty size'
	tt_keys Enter
	tt_wait_re "^${STAMP_RE}22 69\$" || return 1
	# Off: the whole width again, no stamps.
	tt_prefix T
	tt_wait 'time stamps off' || return 1
	tt_wait_re '^two$' || return 1
	tt_type 'stty size'
	tt_keys Enter
	tt_wait_re '^22 80$' || return 1
	! tt_screen | grep -qE "^${STAMP_RE}"
}

test_stamps_scrollback() {
	t0=$(date +%s)
	tt_start 80 24 -e 'seq -f "line %g" 1 100; exec sh' || return 1
	tt_wait_re '^line 100$' || return 1
	t1=$(date +%s)
	tt_prefix T
	tt_wait 'time stamps on' || return 1
	tt_prefix '['
	tt_wait 'SCROLLBACK 0/' || return 1
	tt_keys Home
	tt_wait_re "^${STAMP_RE}line 1\$" || return 1
	stamp_between "$(stamp_of 'line 1')" "$t0" "$t1" || return 1
	tt_row 1 | grep -qE "^${STAMP_RE}line 1\$" || return 1
	tt_row 6 | grep -qE "^${STAMP_RE}line 6\$" || return 1
	tt_keys q
	tt_wait_gone 'SCROLLBACK'
}

test_stamps_too_narrow() {
	# 30 columns leave fewer than 20 beside the stamps: they stay off
	# (the status bar is too narrow to say so; the keys after T are
	# read after it).
	tt_start 30 10 -e 'exec sh' || return 1
	tt_wait_re '^\$' || return 1
	tt_prefix T
	tt_type 'stty size'
	tt_keys Enter
	tt_wait_re '^8 30$' || return 1
	! tt_screen | grep -qE "^${STAMP_RE}"
}

tt_run test_stamps_on_screen
tt_run test_stamps_scrollback
tt_run test_stamps_too_narrow
