#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The ABI of libzswapctl is its version map: the shared library exports
# exactly the functions libzswapctl.sym lists, all in LIBZSWAPCTL_0.1, the
# public header declares exactly those and libzswapctl(3) documents exactly
# those and the header's foreach macros (a harness or helper that leaks
# into any of them, or a function left out, shows up here).
. "$top_srcdir/tests/unit/lib.sh"
: "${top_builddir:?run through make check}"
so=$top_builddir/src/lib/.libs/libzswapctl.so
map=$top_srcdir/src/lib/libzswapctl.sym
header=$top_srcdir/src/lib/libzswapctl.h
page=$top_srcdir/man/libzswapctl.3

# function names: mapped, exported (with their version node), declared
sed -n 's/^[[:space:]]*\(zswapctl_[a-z0-9_]*\);.*/\1/p' "$map" | sort >"$tmpdir/map"
nm -D --defined-only "$so" | awk '$2 == "T" { print $3 }' | sort >"$tmpdir/versioned"
sed 's/@.*//' "$tmpdir/versioned" >"$tmpdir/exported"
grep -o 'zswapctl_[a-z0-9_]*(' "$header" | tr -d '(' | grep -v '_foreach$' |
	sort -u >"$tmpdir/declared"
{ cat "$tmpdir/map"; grep -o 'zswapctl_[a-z_]*_foreach' "$header"; } | sort -u >"$tmpdir/api"
grep -oE 'zswapctl_[a-z0-9_]+ ?\(' "$page" | tr -d ' (' | sort -u >"$tmpdir/documented"

check "the map lists functions ($(wc -l <"$tmpdir/map"))" test -s "$tmpdir/map"
check "the library exports exactly the map" \
	eval 'diff "$tmpdir/map" "$tmpdir/exported" >&2'
check "every export is in LIBZSWAPCTL_0.1" \
	eval '! grep -v "@@LIBZSWAPCTL_0\.1$" "$tmpdir/versioned" >&2'
check "the header declares exactly the map" \
	eval 'diff "$tmpdir/map" "$tmpdir/declared" >&2'
check "libzswapctl(3) documents exactly the functions and foreach macros" \
	eval 'diff "$tmpdir/api" "$tmpdir/documented" >&2'
check "no data symbols are exported" \
	eval '! nm -D --defined-only "$so" | awk "\$2 ~ /^[BDGRSV]$/ { print; bad = 1 } END { exit !bad }" >&2'
done_testing
