# install.sh: make install puts every file under DESTDIR, and make
# uninstall removes every file it installed, tterm's own folders and the
# Japanese manual's.
. "$(dirname "$0")/../lib.sh"

test_install_uninstall() {
	build=$(dirname "$TTERM")
	[ -f "$build/Makefile" ] || { tt_log "no Makefile in $build"; return 1; }
	dest=$TT_TOP/dest
	make -s -C "$build" install DESTDIR="$dest" >"$TT_TOP/install.log" 2>&1 ||
	    { cat "$TT_TOP/install.log" >&2; return 1; }
	prefix=$(sed -n 's/^prefix = //p' "$build/Makefile")
	for f in bin/tterm share/man/man1/tterm.1 share/tterm/themes/default.ini \
	    share/tterm/themes/classic.ini share/tterm/themes/teraterm.ini \
	    share/tterm/themes/dark.ini share/tterm/profiles/local-shell.ini \
	    share/man/man5/tterm.ini.5 share/man/ja/man1/tterm.1 \
	    share/man/ja/man5/tterm.ini.5; do
		[ -f "$dest$prefix/$f" ] || { tt_log "not installed: $f"; return 1; }
	done
	"$dest$prefix/bin/tterm" --version | grep -q '^tterm ' || return 1
	make -s -C "$build" uninstall DESTDIR="$dest" >"$TT_TOP/install.log" 2>&1 ||
	    { cat "$TT_TOP/install.log" >&2; return 1; }
	left=$(find "$dest" -type f)
	[ -z "$left" ] || { tt_log "left behind: $left"; return 1; }
	# Nor tterm's own folders, empty.
	for d in share/tterm share/man/ja share/locale/ja; do
		[ ! -e "$dest$prefix/$d" ] ||
		    { tt_log "left behind: $d"; return 1; }
	done
}


tt_run test_install_uninstall
