#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The README's example alert rules: promtool check rules accepts them, and
# every zswapctl_* metric they name is one stats --format=prometheus writes
# (for some fixture tree). promtool check metrics on the pages themselves:
# test-cli.sh, for each fixture tree.
. "$top_srcdir/tests/unit/lib.sh"

if ! command -v promtool >/dev/null; then
	skip "alert rules" "promtool not installed (Debian: prometheus; tests/install-deps)"
	done_testing
	exit 0
fi
sed -n '/<!-- alert-rules: begin -->/,/<!-- alert-rules: end -->/p' "$top_srcdir/README.md" |
	sed '1,2d;$d' | sed '$d' >"$tmpdir/rules.yml"
check "README has the alert rules between its markers" grep -q "^groups:" "$tmpdir/rules.yml"
promtool check rules "$tmpdir/rules.yml" >"$tmpdir/out" 2>&1
rc=$? # before the check: the $(...) in its name would set $? again
check "promtool check rules accepts them ($(grep -m1 SUCCESS "$tmpdir/out"))" test $rc -eq 0
sed 's/expr: .*/expr: zswapctl_swap_used_bytes >/' "$tmpdir/rules.yml" >"$tmpdir/broken.yml"
check "promtool check rules does notice a broken expression" \
	bash -c '! promtool check rules "$0" >/dev/null 2>&1' "$tmpdir/broken.yml"

: >"$tmpdir/written"
for dir in "$fixtures_dir"/*/; do
	"$ZSWAPCTL" --sysroot "$dir" stats --format=prometheus 2>/dev/null |
		sed -n 's/^# TYPE \([^ ]*\) .*/\1/p' >>"$tmpdir/written"
done
grep -o 'zswapctl_[a-z0-9_]*' "$tmpdir/rules.yml" | sort -u >"$tmpdir/used"
check "the rules name $(wc -l <"$tmpdir/used") zswapctl metrics" test -s "$tmpdir/used"
missing=$(sort -u "$tmpdir/written" | comm -23 "$tmpdir/used" -)
check "each is one zswapctl writes${missing:+ (not: $missing)}" test -z "$missing"
done_testing
