#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The ABI of libzswapctl is its version map: the shared library exports
# exactly the functions libzswapctl.sym lists, all in LIBZSWAPCTL_0.1, and
# the public header declares exactly those (a harness or helper that leaks
# into either shows up here).
. "$top_srcdir/tests/unit/lib.sh"
: "${top_builddir:?run through make check}"
so=$top_builddir/src/lib/.libs/libzswapctl.so
map=$top_srcdir/src/lib/libzswapctl.sym
header=$top_srcdir/src/lib/libzswapctl.h

# function names: mapped, exported (with their version node), declared
sed -n 's/^[[:space:]]*\(zswapctl_[a-z0-9_]*\);.*/\1/p' "$map" | sort >"$tmpdir/map"
nm -D --defined-only "$so" | awk '$2 == "T" { print $3 }' | sort >"$tmpdir/versioned"
sed 's/@.*//' "$tmpdir/versioned" >"$tmpdir/exported"
grep -o 'zswapctl_[a-z0-9_]*(' "$header" | tr -d '(' | grep -v '_foreach$' |
	sort -u >"$tmpdir/declared"

check "the map lists functions ($(wc -l <"$tmpdir/map"))" test -s "$tmpdir/map"
check "the library exports exactly the map" \
	eval 'diff "$tmpdir/map" "$tmpdir/exported" >&2'
check "every export is in LIBZSWAPCTL_0.1" \
	eval '! grep -v "@@LIBZSWAPCTL_0\.1$" "$tmpdir/versioned" >&2'
check "the header declares exactly the map" \
	eval 'diff "$tmpdir/map" "$tmpdir/declared" >&2'
check "no data symbols are exported" \
	eval '! nm -D --defined-only "$so" | awk "\$2 ~ /^[BDGRSV]$/ { print; bad = 1 } END { exit !bad }" >&2'
done_testing
