#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every man page passes `mandoc -Tlint` without a word, style included.
. "$top_srcdir/tests/unit/lib.sh"

if ! command -v mandoc >/dev/null; then
	skip "mandoc not installed (tests/install-deps installs it)"
	done_testing
	exit 0
fi
: >"$tmpdir/linted"
for page in "$top_srcdir"/man/*.[0-9]; do
	echo "man/${page##*/}" >>"$tmpdir/linted"
	mandoc -Tlint "$page" >"$tmpdir/lint" 2>&1
	check "mandoc -Tlint ${page##*/}: nothing to say" test ! -s "$tmpdir/lint"
	sed 's/^/# /' "$tmpdir/lint"
done
# the pages linted are the pages installed (dist_man_MANS)
sed -n '/^dist_man_MANS/,/[^\\]$/p' "$top_srcdir/Makefile.am" | tr ' \t\\' '\n\n\n' |
	grep '^man/' | sort >"$tmpdir/installed"
sort -o "$tmpdir/linted" "$tmpdir/linted"
check "every installed man page is linted: $(tr '\n' ' ' <"$tmpdir/installed")" \
	cmp -s "$tmpdir/installed" "$tmpdir/linted"
# The check notices a style problem: one line over 80 bytes.
{ cat "$top_srcdir/man/zswapctl.8"; printf 'word %.0s' $(seq 20); echo; } >"$tmpdir/long.8"
mandoc -Tlint "$tmpdir/long.8" >"$tmpdir/lint" 2>&1
check "mandoc -Tlint does notice a line too long" grep -q 'longer than 80 bytes' "$tmpdir/lint"
done_testing
