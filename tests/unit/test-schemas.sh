#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every JSON output has a JSON Schema in src/cli (JSON-SCHEMAS.md): each is
# a valid draft-07 schema, installed, and real output from the fixture trees
# (copies of real kernels' files) validates against it. stats --json is
# validated in test-cli.sh, setup's plans in test-setup-plan.sh; bench and
# stats --pid need a real kernel: tests/host, tests/vm/bench-results, and
# the committed runs of tests/bench/results below.
. "$top_srcdir/tests/unit/lib.sh"

# ---- the schemas themselves ---------------------------------------------
n=0
for s in "$top_srcdir"/src/cli/*-schema.json; do
	name=$(basename "$s")
	n=$((n + 1))
	check "$name is a valid draft-07 schema" "$PYTHON" -c '
import json, sys, jsonschema
s = json.load(open(sys.argv[1]))
assert s["$schema"] == "http://json-schema.org/draft-07/schema#"
jsonschema.Draft7Validator.check_schema(s)' "$s"
	check "$name is installed (pkgdata_DATA)" grep -q "src/cli/$name" "$top_srcdir/Makefile.am"
	check "$name is named in JSON-SCHEMAS.md" grep -q "$name" "$top_srcdir/src/cli/JSON-SCHEMAS.md"
done
check "at least 9 schemas ($n)" test "$n" -ge 9

# ---- status, swap-ops: every fixture tree ---------------------------------
for dir in "$fixtures_dir"/*/; do
	fx=$(basename "$dir")
	[ -f "$dir/SOURCE" ] || continue
	"$ZSWAPCTL" --sysroot "$dir" status --json >"$tmpdir/s1" 2>/dev/null
	"$ZSWAPCTL" --sysroot "$dir" status --output-all --json --bytes >"$tmpdir/s2" 2>/dev/null
	"$ZSWAPCTL" --sysroot "$dir" status -o NAME,RATIO,SWAP-OPS --json >"$tmpdir/s3" 2>/dev/null
	check "$fx: status --json (default, all, chosen columns) valid against status-schema.json" \
		validate_json_all status "$tmpdir/s1" "$tmpdir/s2" "$tmpdir/s3"
	"$ZSWAPCTL" --sysroot "$dir" swap-ops status --json >"$tmpdir/so" 2>/dev/null
	rc=$?
	# The tree decides which answer is right, not the program's exit code.
	if [ ! -e "$dir/sys/block/zram0/swap_ops" ]; then
		check "$fx: swap-ops status --json without the series: exit 3 ($rc), no document" \
			eval 'test $rc = 3 && test ! -s "$tmpdir/so"'
	else
		check "$fx: swap-ops status --json valid against swap-ops-schema.json" validate_json_all swap-ops "$tmpdir/so"
	fi
done

# The schema is not a rubber stamp: what the tool never prints is refused.
printf '{"zramdevices": [{"name": "zram0", "disksize": "64M"}]}\n' >"$tmpdir/bad"
check "status-schema.json refuses a device name without /dev and a scaled size" \
	bash -c '! "$0" "$1" status "$2" 2>/dev/null' "$PYTHON" "$top_srcdir/tests/json-schema-check" "$tmpdir/bad"
printf '{"dry_run": true, "changed": false, "steps": [{"action": "format-disk"}]}\n' >"$tmpdir/bad"
check "setup-schema.json refuses an action the engine does not have" \
	bash -c '! "$0" "$1" setup "$2" 2>/dev/null' "$PYTHON" "$top_srcdir/tests/json-schema-check" "$tmpdir/bad"

# ---- config check --json: every good configuration --------------------------
for f in "$top_srcdir"/tests/unit/configs/good/*.conf; do
	"$ZSWAPCTL" --sysroot "$fixtures_dir/patched-6.12.117" config check --json "$f" >"$tmpdir/c" 2>/dev/null
	check "config check --json $(basename "$f") valid against config-schema.json" validate_json_all config "$tmpdir/c"
done
mkdir -p "$tmpdir/noconf/proc"
cp "$fixtures_dir/patched-6.12.117/proc/meminfo" "$tmpdir/noconf/proc/"
"$ZSWAPCTL" --sysroot "$tmpdir/noconf" config check --json >"$tmpdir/c" 2>/dev/null
check "config check --json of the embedded default valid against config-schema.json" validate_json_all config "$tmpdir/c"

# ---- writeback, recompress: on a copy of the stock kernel's tree -----------
stock=$tmpdir/stock
cp -r "$fixtures_dir/debian-6.12.117-cloud" "$stock"
"$ZSWAPCTL" --sysroot "$stock" writeback --idle --json zram0 >"$tmpdir/wb" 2>"$tmpdir/err"
rc=$? # before the check: the $(...) in its name would set $? again
check "writeback --idle --json: exit 0 ($(head -c 200 "$tmpdir/err"))" test $rc = 0
check "writeback --json valid against writeback-schema.json" validate_json_all writeback "$tmpdir/wb"
"$ZSWAPCTL" --sysroot "$stock" writeback --huge --json zram0 >"$tmpdir/wb" 2>/dev/null
check "writeback --huge --json valid, mode huge" eval \
	'validate_json_all writeback "$tmpdir/wb" && grep -q "\"mode\": \"huge\"" "$tmpdir/wb"'
z=$stock/sys/block/zram0
: >"$z/recompress" # as a kernel with CONFIG_ZRAM_MULTI_COMP has it
"$ZSWAPCTL" --sysroot "$stock" recompress --json zram0 >"$tmpdir/rc" 2>"$tmpdir/err"
rc=$?
check "recompress --json: exit 0 ($(head -c 200 "$tmpdir/err"))" test $rc = 0
check "recompress --json valid against recompress-schema.json" validate_json_all recompress "$tmpdir/rc"

# ---- bench --json: the committed runs from the patched VM -------------------
found=0
for f in "$top_srcdir"/tests/bench/results/*.json; do
	[ -f "$f" ] || continue
	found=1
	check "bench --json of $(basename "$f") valid against bench-schema.json" validate_json_all bench "$f"
done
[ $found = 1 ] || skip "bench --json" "no committed run in tests/bench/results"
# A kernel without some swap_ops_stat or bd_stat fields: they are null
# (interface.md), which the schema takes (from a review: bench wrote 0).
f=$top_srcdir/tests/bench/results/vm-patched-bd.json
if [ -f "$f" ]; then
	"$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1]))
for side in d["sides"]:
    c = side["counter_deltas"]
    c.setdefault("swap_ops", {}).update({"ops_bd_reads": None, "bio_failed_reads": None, "ops_reads": None})
    c.setdefault("bd", {}).update({"bd_writes": None})
json.dump(d, open(sys.argv[2], "w"))' "$f" "$tmpdir/bench-null.json"
	check "bench --json with null counter deltas valid against bench-schema.json" \
		validate_json_all bench "$tmpdir/bench-null.json"
fi
done_testing
