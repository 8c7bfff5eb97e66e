#!/bin/sh
# tests/layers.sh OBJDIR: checks the calls between tterm's source files
# against tests/layers.txt. Each object's defined and undefined symbols
# (nm) give the edges "file A uses something defined in file B". Reports
# PASS or FAIL lines as the other tests do.
objdir=${1:?usage: layers.sh OBJDIR}
here=$(cd "$(dirname "$0")" && pwd)
srcdir=$here/../src
table=$here/layers.txt
work=$(mktemp -d "${TMPDIR:-/tmp}/tterm-layers.XXXXXX")
trap 'rm -rf "$work"' EXIT

ok=1
for c in "$srcdir"/*.c; do
	f=$(basename "$c" .c)
	o=$objdir/$f.o
	if [ ! -f "$o" ]; then
		echo "layers: no object $o" >&2
		ok=0
		continue
	fi
	# "D file symbol" for what it defines, "U file symbol" for what it
	# uses; nm -P prints "name type value size".
	nm -P "$o" | awk -v f="$f" '
	    $2 == "U" { print "U", f, $1; next }
	    $2 ~ /^[TDBRCGSV]$/ { print "D", f, $1 }'
done >"$work/syms"
if [ $ok -ne 1 ]; then
	echo "FAIL: test_layers (objects missing: build first)"
	exit 1
fi

awk -v table="$table" '
function fail(msg) { print "layers: " msg; bad = 1 }
BEGIN {
	while ((getline line < table) > 0) {
		n = split(line, w, /[ \t]+/)
		if (w[1] == "layer") {
			# A layer may take several lines: its rank is
			# the place its name first appears.
			if (!(w[2] in rankof))
				rankof[w[2]] = ++rank
			for (i = 3; i <= n; i++) {
				layer[w[i]] = rankof[w[2]]
				lname[w[i]] = w[2]
			}
		}
	}
}
$1 == "D" { def[$3] = $2; files[$2] = 1; next }
$1 == "U" { nu++; uf[nu] = $2; us[nu] = $3; files[$2] = 1 }
END {
	for (f in files)
		if (!(f in layer))
			fail(f ".c is in no layer of tests/layers.txt")
	for (i = 1; i <= nu; i++) {
		if (!(us[i] in def) || def[us[i]] == uf[i])
			continue
		e = uf[i] " " def[us[i]]
		if (!(e in why))
			why[e] = us[i]
		else if (index(" " why[e] " ", " " us[i] " ") == 0)
			why[e] = why[e] " " us[i]
	}
	for (e in why) {
		split(e, p, " ")
		out[p[1]] = out[p[1]] " " p[2]
		if (layer[p[2]] > layer[p[1]])
			fail(p[1] " (" lname[p[1]] ") calls " p[2] " (" \
			    lname[p[2]] "), a higher layer: " why[e])
	}
	# Circles: an edge a -> b is on one when b reaches a again.
	for (f in files) {
		delete seen
		seen[f] = 1
		queue[1] = f
		head = 1
		tail = 1
		while (head <= tail) {
			m = split(out[queue[head++]], to, " ")
			for (j = 1; j <= m; j++)
				if (!(to[j] in seen)) {
					seen[to[j]] = 1
					queue[++tail] = to[j]
					reach[f " " to[j]] = 1
				}
		}
	}
	for (e in why) {
		split(e, p, " ")
		if ((p[2] " " p[1]) in reach)
			fail("a circle: " p[1] " calls " p[2] " (" why[e] \
			    ") and is reached from it")
	}
	exit bad
}' "$work/syms" >"$work/out"
# A transport's kind is its business: no file compares a table of
# operations but its own (what a caller needs is an operation).
for c in "$srcdir"/*.c; do
	grep -n -E '[!=]= *&[a-z0-9_]+_ops\b' "$c" | while IFS= read -r hit; do
		ops=$(printf '%s\n' "$hit" | sed -E 's/.*[!=]= *&([a-z0-9_]+_ops).*/\1/')
		grep -q -E "^(static )?const struct transport_ops $ops\b" "$c" ||
		    echo "layers: $(basename "$c"):${hit%%:*} asks whether a" \
			"transport is $ops"
	done
done >>"$work/out"
sort "$work/out"
if [ -s "$work/out" ]; then
	echo "FAIL: test_layers"
	exit 1
fi
echo "PASS: test_layers"
