#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# setup's plan on copies of the fixture trees (--dry-run --json: computing
# the plan reads the tree and changes nothing): which steps, in which order,
# and which refusals, for configurations against real kernels' state.
. "$top_srcdir/tests/unit/lib.sh"

host=$tmpdir/host     # 6.18: zram0 64M lzo-rle, active swap (priority -2), no writeback
stock=$tmpdir/stock   # 6.12: zram0 64M zstd on /dev/vda, active swap
patched=$tmpdir/patched
cp -r "$fixtures_dir/host-6.18" "$host"
cp -r "$fixtures_dir/debian-6.12.117-cloud" "$stock"
cp -r "$fixtures_dir/patched-6.12.117" "$patched"

mkdir -p "$tmpdir/plans"
conf() { printf '%b' "$2" >"$tmpdir/$1.conf"; echo "$tmpdir/$1.conf"; }
# plan ROOT CONF [ARGS...]: the steps as "action device attribute=value" lines
plan() {
	local root=$1 c=$2
	shift 2
	"$ZSWAPCTL" --sysroot "$root" setup --dry-run --json -c "$c" "$@" >"$tmpdir/plan.json" 2>"$tmpdir/plan.err"
	echo $? >"$tmpdir/plan.rc"
	# every plan printed is checked against the schema at the end
	[ -s "$tmpdir/plan.json" ] && cp "$tmpdir/plan.json" "$(mktemp "$tmpdir/plans/XXXXXX")"
	"$PYTHON" - "$tmpdir/plan.json" <<'PY' 2>/dev/null
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    # no JSON at all is a line too, so that "no step" cannot pass on it
    print("(no plan: the output is not JSON)")
    sys.exit(0)
for s in d["steps"]:
    line = s["action"] + " " + s.get("device", "-")
    if "attribute" in s:
        line += " %s=%s" % (s["attribute"], s["value"])
    if "priority" in s:
        line += " priority=%d" % s["priority"]
    for k in ("fs_type", "mount_point", "options"):
        if k in s and s["action"] in ("mkfs", "mount", "umount"):
            line += " %s=%s" % (k, s[k])
    if s["action"] == "tunable":
        line += " %s=%s(was %s)" % (s["name"], s["value"], s["old_value"])
    print(line)
PY
}
rc() { cat "$tmpdir/plan.rc"; }

c=$(conf same '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n')
check "as live: no step" test -z "$(plan "$host" "$c")"
check "as live: exit 0" test "$(rc)" = 0

# -q: errors only; the plan is then the exit status, JSON is printed all the same.
"$ZSWAPCTL" -q --sysroot "$host" setup --dry-run -c "$c" >"$tmpdir/q.out" 2>&1
rc=$?
check "-q setup --dry-run, nothing to do: prints nothing, exit 0" eval 'test $rc = 0 && test ! -s "$tmpdir/q.out"'
"$ZSWAPCTL" -q --sysroot "$host" setup --dry-run --json -c "$c" >"$tmpdir/q.out" 2>&1
check "-q setup --dry-run --json: the JSON all the same" test "$(json_get "$tmpdir/q.out" 'd["steps"] == []')" = True

c=$(conf limit '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\nmem-limit = 32M\n')
check "mem-limit: one write, no reset" test "$(plan "$host" "$c")" = "write zram0 mem_limit=33554432"

c=$(conf prio '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = 10\n')
plan "$host" "$c" >/dev/null
check "new priority while in use: refused (exit 1)" test "$(rc)" = 1
check "new priority while in use: says why and --force" grep -q "zram0: swap priority -2 -> 10, which needs swapoff.*--force" "$tmpdir/plan.err"
check "new priority --force: swapoff, swapon" \
	test "$(plan "$host" "$c" --force | tr '\n' ';')" = "swapoff zram0;swapon zram0 priority=10;"

c=$(conf size '[zram0]\nsize = 128M\nalgorithm = lz4\nswap-priority = 100\n')
plan "$host" "$c" >/dev/null
check "resize while in use: refused (exit 1)" test "$(rc)" = 1
check "resize --force: the kernel's order" \
	test "$(plan "$host" "$c" --force | tr '\n' ';')" = "swapoff zram0;reset zram0;write zram0 comp_algorithm=lz4;remember zram0;write zram0 disksize=134217728;swap-header zram0;swapon zram0 priority=100;"

c=$(conf new '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n[zram1]\nsize = 32M\nalgorithm = zstd lz4\nmem-limit = 8M\n')
check "a new device: hot_add, configure, swapon; the known one untouched" \
	test "$(plan "$host" "$c" | tr '\n' ';')" = "hot-add zram1;write zram1 comp_algorithm=lz4;remember zram1;write zram1 disksize=33554432;write zram1 mem_limit=8388608;swap-header zram1;swapon zram1 priority=100;"
check "only the device named on the command line" \
	test "$(plan "$host" "$c" zram0)" = ""
plan "$host" "$c" zram7 >/dev/null
check "a device not in the configuration: exit 2" test "$(rc)" = 2

# Degrade, don't fail: what the kernel lacks is left out with a warning
# that names the key, the device and the fix; never written.
c=$(conf wb '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\nbacking-device = /dev/vda\nwriteback-limit = 1G\n')
check "backing device without kernel writeback: no step at all" test -z "$(plan "$host" "$c" --force)"
check "backing device without kernel writeback: exit 0" test "$(rc)" = 0
"$ZSWAPCTL" --sysroot "$host" setup --dry-run --force -c "$c" 2>"$tmpdir/plan.err" >/dev/null
check "backing device without kernel writeback: warns with device, key, line, fix" \
	grep -q "zram0: backing-device = /dev/vda (.*wb.conf:5): .*CONFIG_ZRAM_WRITEBACK.*without writeback.*backing-device-required = yes" "$tmpdir/plan.err"
check "backing device without kernel writeback: the warning in the JSON" \
	test "$(json_get "$tmpdir/plan.json" 'd["warnings"][0]["device"] == "zram0" and "backing-device" in d["warnings"][0]["message"] and d["failed"] == []')" = True
c=$(conf wbreq '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\nbacking-device = /dev/vda\nbacking-device-required = yes\n')
plan "$host" "$c" --force >/dev/null
check "backing-device-required = yes without kernel writeback: exit 3" test "$(rc)" = 3
check "backing-device-required = yes: names both lines" grep -q "wbreq.conf:5).*CONFIG_ZRAM_WRITEBACK.*backing-device-required = yes (.*wbreq.conf:6)" "$tmpdir/plan.err"
check "backing-device-required = yes: the failure in the JSON" \
	test "$(json_get "$tmpdir/plan.json" 'd["failed"][0]["device"] == "zram0" and d["failed"][0]["exit"] == 3')" = True

c=$(conf rc '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n[zram1]\nsize = 32M\nalgorithm = lz4\nrecompress = lzo\nalgorithm-params = level=3\n')
check "recompress without CONFIG_ZRAM_MULTI_COMP: left out, algorithm_params kept" \
	test "$(plan "$host" "$c" | grep -c 'recomp_algorithm\|algorithm_params=algo=lz4 level=3')" = 1
check "recompress left out: exit 0, a warning that names key and line" \
	eval 'test "$(rc)" = 0 && "$PYTHON" -c "import json,sys; w=json.load(open(sys.argv[1]))[\"warnings\"]; sys.exit(not any(\"zram1: recompress (\" in x[\"message\"] and \"rc.conf:8) left out\" in x[\"message\"] and \"CONFIG_ZRAM_MULTI_COMP\" in x[\"message\"] for x in w))" "$tmpdir/plan.json"'
noparams=$tmpdir/noparams
cp -r "$host" "$noparams"
rm "$noparams/sys/block/zram0/algorithm_params"
check "algorithm-params on a kernel without algorithm_params: not written" \
	test -z "$(plan "$noparams" "$c" | grep algorithm_params)"
"$ZSWAPCTL" --sysroot "$noparams" setup --dry-run -c "$c" 2>"$tmpdir/plan.err" >/dev/null
check "algorithm-params left out: the warning names key and line" \
	grep -q "zram1: algorithm-params = level=3 (.*rc.conf:9) left out" "$tmpdir/plan.err"

# Each device on its own: one that cannot be set up is left out, the
# others are planned, the run exits 1 and says which and why.
c=$(conf broken '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n[zram1]\nsize = 32M\nalgorithm = lz4\n[zram2]\nsize = 32M\nalgorithm = zstd\n')
check "two new devices, one with an algorithm the kernel lacks: the other planned" \
	test "$(plan "$host" "$c" | cut -d' ' -f2 | sort -u | tr '\n' ' ')" = "zram1 "
check "one device of two broken: exit 1" test "$(rc)" = 1
check "one device of two broken: JSON names it, its status and why" \
	test "$(json_get "$tmpdir/plan.json" 'len(d["failed"]) == 1 and d["failed"][0]["device"] == "zram2" and d["failed"][0]["exit"] == 3 and "algorithms" in d["failed"][0]["message"]')" = True
check "one device of two broken: the text names it last" \
	eval 'tail -n 1 "$tmpdir/plan.err" | grep -q "would not be set up: zram2; the other devices would be"'

# Gaps in the device numbers: hot_add takes the lowest free number, so a
# number past a gap is refused when planning, with the section's line,
# and `config check` says the same.
for id in 5 1048575; do
	c=$(conf gap$id "\n[zram$id]\nsize = 16M\n")
	check "[zram$id] when only zram0 exists: no step" test -z "$(plan "$host" "$c")"
	check "[zram$id] when only zram0 exists: exit 2" test "$(rc)" = 2
	check "[zram$id]: the error names the line and the number hot_add gives" \
		grep -q "gap$id.conf:2: \[zram$id\]: .*lowest free number, zram1" "$tmpdir/plan.err"
	"$ZSWAPCTL" --sysroot "$host" config check "$c" >/dev/null 2>"$tmpdir/check.err"
	check "[zram$id]: config check exits 2 too" test $? = 2
	check "[zram$id]: config check says the same" test "$(head -n 1 "$tmpdir/plan.err")" = "$(cat "$tmpdir/check.err")"
done
c=$(conf gap '[zram1]\nsize = 16M\n[zram5]\nsize = 16M\n')
check "[zram1] and a gapped [zram5]: zram1 planned" \
	test "$(plan "$host" "$c" | cut -d' ' -f2 | sort -u | tr '\n' ' ')" = "zram1 "
check "[zram1] and a gapped [zram5]: exit 1, zram5 failed with exit 2" \
	test "$(rc),$(json_get "$tmpdir/plan.json" 'd["failed"][0]["device"] + str(d["failed"][0]["exit"])')" = "1,zram52"
c=$(conf nogap '[zram1]\nsize = 16M\n[zram2]\nsize = 16M\n')
check "[zram1] and [zram2]: both planned, hot-add in order" \
	test "$(plan "$host" "$c" | grep hot-add | tr '\n' ';')" = "hot-add zram1;hot-add zram2;"

# A new device that fails must not cost the new devices after it their
# numbers (one bad [zram1] took [zram2] down with it: "a gap"): its number
# is taken empty, said in a warning, and the devices after it are planned.
c=$(conf badfirst '[zram1]\nsize = 16M\nalgorithm = nosuch\n[zram2]\nsize = 16M\n[zram3]\nsize = 16M\n')
steps=$(plan "$host" "$c" | tr '\n' ';')
check "a failed new [zram1] before [zram2] and [zram3]: zram1 only hot-added, zram2 and zram3 planned whole" \
	eval 'case $steps in "hot-add zram1;hot-add zram2;"*"swapon zram2 priority=100;hot-add zram3;"*"swapon zram3 priority=100;") true ;; *) false ;; esac'
check "a failed new [zram1]: zram1 has no other step" test "$(printf '%s' "$steps" | tr ';' '\n' | grep -c ' zram1')" = 1
check "a failed new [zram1]: exit 1, only zram1 failed" \
	test "$(rc),$(json_get "$tmpdir/plan.json" '",".join(f["device"] for f in d["failed"])')" = "1,zram1"
check "a failed new [zram1]: the warning says it is made empty and why" \
	eval 'json_get "$tmpdir/plan.json" "\" \".join(w[\"device\"] + \": \" + w[\"message\"] for w in d[\"warnings\"])" | grep -q "zram1: zram1 is made all the same, empty and not swap, so that the devices configured after it get their numbers"'
c=$(conf badlast '[zram1]\nsize = 16M\n[zram2]\nsize = 16M\nalgorithm = nosuch\n')
check "a failed new device with none after it: not made" \
	test "$(plan "$host" "$c" | grep -c ' zram2')" = 0
check "a failed new device with none after it: no warning about it" eval '! grep -q "made all the same" "$tmpdir/plan.json"'
c=$(conf on '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\nswap-ops = on\n')
plan "$host" "$c" >/dev/null
check "swap-ops = on without the series: exit 3" test "$(rc)" = 3
check "swap-ops = on without the series: names the key's line, not the section's" \
	grep -q "zram0: swap-ops = on (.*/on.conf:5)" "$tmpdir/plan.err"

c=$(conf nozstd '[zram0]\nsize = 64M\nalgorithm = zstd\n')
plan "$host" "$c" --force >/dev/null
check "an algorithm the kernel lacks: exit 3" test "$(rc)" = 3
check "an algorithm the kernel lacks: names the key's line" \
	grep -q "set 'algorithm' (.*/nozstd.conf:3) to one of the kernel's" "$tmpdir/plan.err"
# The key in a drop-in, the section in the main file: the drop-in's line.
mkdir -p "$tmpdir/dropin/etc/zswapctl.conf.d"
cp -r "$host/sys" "$host/proc" "$tmpdir/dropin/"
printf '[zram0]\nsize = 64M\n' >"$tmpdir/dropin/etc/zswapctl.conf"
printf '# a drop-in\n\n[zram0]\nalgorithm = zstd\n' >"$tmpdir/dropin/etc/zswapctl.conf.d/50-alg.conf"
"$ZSWAPCTL" --sysroot "$tmpdir/dropin" setup --dry-run --force >/dev/null 2>"$tmpdir/err"
check "an algorithm the kernel lacks, set in a drop-in: names the drop-in's line" \
	grep -q "set 'algorithm' (.*/etc/zswapctl.conf.d/50-alg.conf:4)" "$tmpdir/err"

# zram-generator's rules: size 0 and host-memory-limit make no device
# (the host fixture's MemTotal is 23.6G).
c=$(conf skip '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n[zram1]\nsize = 0\n[zram2]\nsize = 32M\nhost-memory-limit = 512M\n')
check "size 0 and a host memory limit below MemTotal: no step for them" test -z "$(plan "$host" "$c")"
check "size 0 and a host memory limit below MemTotal: exit 0" test "$(rc)" = 0
check "the skipped devices and why, in the JSON plan" \
	test "$(json_get "$tmpdir/plan.json" '" ".join(s["device"] + ":" + s["reason"] for s in d["skipped"])')" = "zram1:size-0 zram2:host-memory-limit"
c=$(conf skip2 '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n[zram1]\nsize = 32M\nalgorithm = lz4\nhost-memory-limit = 32G\n')
check "a host memory limit above MemTotal: the device is made" \
	test "$(plan "$host" "$c" | head -n 1)" = "hot-add zram1"

# Per-algorithm and recompression parameters, discard policy, streams.
c=$(conf params '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n[zram1]\nsize = 32M\nalgorithm = zstd(level=3) lz4(acceleration=2,x=1)\nrecompress = lz4hc(level=9):2\ndiscard = pages\nstreams = 2\n')
check "the chosen algorithm's own parameters; the recompression algorithm and its parameters; remembered" \
	test "$(plan "$patched" "$c" | head -n 6 | tr '\n' ';')" = "hot-add zram1;write zram1 comp_algorithm=zstd;write zram1 algorithm_params=algo=zstd level=3;write zram1 recomp_algorithm=algo=lz4hc priority=2;write zram1 algorithm_params=algo=lz4hc level=9;remember zram1;"
check "what is remembered: the write-only settings as written" \
	test "$(json_get "$tmpdir/plan.json" '[s for s in d["steps"] if s["action"] == "remember"][0]["settings"]')" = "algorithm_params=algo=zstd level=3; recomp_algorithm=algo=lz4hc priority=2; algorithm_params=algo=lz4hc level=9"
check "the discard policy in the JSON plan" \
	test "$(json_get "$tmpdir/plan.json" '[s for s in d["steps"] if s["action"] == "swapon"][0]["discard_policy"]')" = pages
"$ZSWAPCTL" --sysroot "$host" setup --dry-run -c "$c" >/dev/null 2>"$tmpdir/err"
check "streams on a kernel without max_comp_streams (6.18): a warning that says why" \
	grep -q "zram1: streams = 2 (.*params.conf:10) ignored: since Linux 4.7 zram uses one compression stream per CPU" "$tmpdir/err"
# 6.12 has max_comp_streams, but it accepts and ignores writes: no pretending.
c=$(conf streams '[zram0]\nsize = 32M\nalgorithm = zstd\nstreams = 2\n')
mkdir -p "$stock/dev"
echo 0 >"$stock/sys/block/zram0/disksize"
check "streams on 6.12 (max_comp_streams ignores writes): not written" \
	eval '! plan "$stock" "$c" | grep -q max_comp_streams'
"$ZSWAPCTL" --sysroot "$stock" setup --dry-run -c "$c" >/dev/null 2>"$tmpdir/err"
check "streams on 6.12: the same warning" grep -q "zram0: streams = 2 (.*streams.conf:4) ignored" "$tmpdir/err" || sed 's/^/# /' "$tmpdir/err"
echo 67108864 >"$stock/sys/block/zram0/disksize"

# algorithm = kernel: the kernel's default, nothing written, any live one kept.
c=$(conf kdef '[zram0]\nsize = 64M\nalgorithm = kernel\nswap-priority = -1\n[zram1]\nsize = 32M\nalgorithm = kernel(level=3)\n')
check "algorithm = kernel: the live device's algorithm kept; the new one gets none written, its parameters without algo=" \
	test "$(plan "$host" "$c" | head -n 3 | tr '\n' ';')" = "hot-add zram1;write zram1 algorithm_params=level=3;remember zram1;"
printf '[zram0]\nalgorithm = kernel lz4\n' >"$tmpdir/kbad.conf"
"$ZSWAPCTL" --sysroot "$host" config check "$tmpdir/kbad.conf" >/dev/null 2>"$tmpdir/err"
check "algorithm = kernel before another: refused" grep -q "'kernel' (the kernel's default) comes last" "$tmpdir/err"
c=$(conf kfall '[zram0]\nsize = 64M\nalgorithm = zstd kernel\nswap-priority = -1\n')
check "algorithm = zstd kernel, on a kernel without zstd: the live algorithm kept, exit 0" \
	test -z "$(plan "$host" "$c")" -a "$(rc)" = 0
check "algorithm = zstd kernel, on a kernel without zstd: says it falls back" \
	grep -q "zram0: algorithm zstd (.*/kfall.conf:3) is not available in this kernel; using the kernel's default" "$tmpdir/plan.err" "$tmpdir/plan.json"

# Write-only settings: a change of them alone is seen through the journal.
c=$(conf wo '[zram0]\nsize = 64M\nalgorithm = lzo-rle(level=1)\nswap-priority = -1\n')
"$ZSWAPCTL" --sysroot "$host" setup --dry-run -c "$c" >/dev/null 2>"$tmpdir/err"
check "write-only settings without a record: a warning, no reset" \
	test -z "$(plan "$host" "$c")" -a "$(rc)" = 0
check "write-only settings without a record: says why" grep -q "cannot be read back" "$tmpdir/err"
mkdir -p "$host/run/zswapctl"
echo "algorithm_params=algo=lzo-rle level=1" >"$host/run/zswapctl/zram0.written"
check "write-only settings as recorded: no step, exit 0" test -z "$(plan "$host" "$c")" -a "$(rc)" = 0
echo "algorithm_params=algo=lzo-rle level=2" >"$host/run/zswapctl/zram0.written"
plan "$host" "$c" >/dev/null
check "write-only settings changed while in use: refused without --force (exit 1)" test "$(rc)" = 1
check "write-only settings changed: says which" grep -q "zram0: algorithm parameters or recompression algorithms changed" "$tmpdir/plan.err"
check "write-only settings changed, --force: reset and write them again" \
	test "$(plan "$host" "$c" --force | tr '\n' ';')" = "swapoff zram0;reset zram0;write zram0 comp_algorithm=lzo-rle;write zram0 algorithm_params=algo=lzo-rle level=1;remember zram0;write zram0 disksize=67108864;swap-header zram0;swapon zram0 priority=-1;"
: >"$host/run/zswapctl/zram0.written"
plan "$host" "$c" >/dev/null
check "write-only settings added to a device recorded with none: a change" test "$(rc)" = 1
rm -r "$host/run/zswapctl"

# zswap in front of zram: a warning, or a step with zswap = disable.
mkdir -p "$host/sys/module/zswap/parameters"
echo Y >"$host/sys/module/zswap/parameters/enabled"
c=$(conf same2 '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n')
"$ZSWAPCTL" --sysroot "$host" setup --dry-run -c "$c" >/dev/null 2>"$tmpdir/err"
check "zswap enabled: setup warns and says how to turn it off" grep -q "zswap is enabled in front of zram.*zswap = disable" "$tmpdir/err"
c=$(conf zsoff '[zswapctl]\nzswap = disable\n[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n')
check "zswap = disable: a zswap-off step" test "$(plan "$host" "$c")" = "zswap-off -"

# The stock kernel: the backing device compared by device, writeback limit.
c=$(conf stock '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\nbacking-encryption = no\n')
mkdir -p "$stock/dev"
if mknod "$stock/dev/vda" b 254 0 2>/dev/null; then
	check "stock, as live with its backing device: no step, exit 0" \
		test -z "$(plan "$stock" "$c")" -a "$(rc)" = 0
	# A new device's backing device goes through dm-crypt by default.
	mkdir -p "$stock/srv/crypt"
	c=$(conf stockcrypt '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\nbacking-encryption = no\n[zram1]\nsize = 32M\nbacking-device = file:/srv/crypt/zram1.img:16M\n')
	plan "$stock" "$c" >"$tmpdir/crypt.steps"
	check "stock, a backing device encrypted by default: crypt-open, then backing_dev from it" \
		eval 'tr "\n" ";" <"$tmpdir/crypt.steps" | grep -q "loop-attach zram1;crypt-open zram1;write zram1 backing_dev=None;"'
	check "stock, encrypted: the plan's text names dm-crypt and the mapping" \
		eval '"$ZSWAPCTL" --sysroot "$stock" setup --dry-run -c "$c" 2>&1 | grep -q "would: zram1: encrypt the loop device with dm-crypt (aes-xts-plain64, a random key kept only by the kernel) as /dev/mapper/zswapctl-zram1"'
	c=$(conf stock2 '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\nbacking-encryption = no\nwriteback-limit = 1M\n')
	check "stock, a writeback limit: enable, then the limit in pages" \
		test "$(plan "$stock" "$c" | tr '\n' ';')" = "write zram0 writeback_limit_enable=1;write zram0 writeback_limit=256;"
	# A backing device that is not there (a disk not attached yet): a
	# device without writeback and a warning; strict on request.
	c=$(conf late '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\nbacking-encryption = no\n[zram1]\nsize = 32M\nbacking-device = /dev/disk/by-partlabel/late\nwriteback-limit = 1M\n')
	check "stock, a missing backing device: zram1 without backing_dev or limit" \
		test "$(plan "$stock" "$c" | tr '\n' ';')" = "hot-add zram1;write zram1 comp_algorithm=zstd;remember zram1;write zram1 disksize=33554432;swap-header zram1;swapon zram1 priority=100;"
	"$ZSWAPCTL" --sysroot "$stock" setup --dry-run -c "$c" >/dev/null 2>"$tmpdir/plan.err"
	rc=$? # (inside check's eval, $? would be check's own)
	check "stock, a missing backing device: exit 0, the warning names device, key, line and fix" \
		eval '[ $rc = 0 ] && grep -q "zram1: backing-device = /dev/disk/by-partlabel/late (.*late.conf:9): the device does not exist.*without writeback.*zswapctl setup --force" "$tmpdir/plan.err"'
	c=$(conf latereq '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\nbacking-encryption = no\n[zram1]\nsize = 32M\nbacking-device = /dev/disk/by-partlabel/late\nbacking-device-required = yes\n')
	check "stock, backing-device-required = yes and missing: zram1 not planned" test -z "$(plan "$stock" "$c")"
	check "stock, backing-device-required = yes and missing: exit 1" test "$(rc)" = 1
	c=$(conf nodir '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\nbacking-encryption = no\n[zram1]\nsize = 32M\nbacking-device = file:/srv/unmounted/zram1.img:16M\n')
	check "stock, file: backing in a directory that is not there: without it" \
		test -z "$(plan "$stock" "$c" | grep -e backing -e loop)"
	check "stock, file: backing in a directory that is not there: says the filesystem may not be mounted" \
		grep -q "zram1: backing-device = file:/srv/unmounted/zram1.img:16M (.*): the directory of the file does not exist (is its filesystem mounted?)" <("$ZSWAPCTL" --sysroot "$stock" setup --dry-run -c "$c" 2>&1)
	mkdir -p "$stock/srv/unmounted"
	check "stock, file: backing in a directory that is there: file, loop, backing_dev" \
		test "$(plan "$stock" "$c" | grep -c -e backing -e loop)" = 3
	# Two devices writing back to one file: the second is refused at plan
	# time (the dry run said nothing, and both loop devices would share it).
	c=$(conf twofile '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\nbacking-encryption = no\n[zram1]\nsize = 32M\nbacking-device = file:/srv/unmounted/z.img:16M\n[zram2]\nsize = 32M\nbacking-device = file:/srv/unmounted/z.img:16M\n')
	check "stock, two devices backed by one file: zram1 planned with it, zram2 not at all" \
		eval 'plan "$stock" "$c" >"$tmpdir/two.steps"; [ "$(grep -c "loop-attach zram1" "$tmpdir/two.steps")" = 1 ] && ! grep -q " zram2" "$tmpdir/two.steps"'
	check "stock, two devices backed by one file: zram2 failed, named with both lines" \
		eval '[ "$(rc)" != 0 ] && grep -q "zram2: backing-device = file:/srv/unmounted/z.img:16M (.*twofile.conf:12) is zram1.s backing device too (file:/srv/unmounted/z.img:16M, .*twofile.conf:9); give each device its own" "$tmpdir/plan.err"'
	# A file sized to its filesystem (the arithmetic with a filesystem of
	# known size: test-setup-engine). A share of what this machine has
	# free there, within 1 MiB (other writers move it between the two
	# looks); a floor no filesystem has: no file, a warning, exit 0.
	c=$(conf share '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\nbacking-encryption = no\n[zram1]\nsize = 32M\nbacking-device = file:/srv/unmounted/zram1.img:1000000T\nbacking-file-share = 1%\n')
	plan "$stock" "$c" >/dev/null
	check "stock, backing-file-share = 1%: the file is 1% of the free space" \
		"$PYTHON" -c '
import json, os, sys
d = json.load(open(sys.argv[1]))
size = [s["size"] for s in d["steps"] if s["action"] == "backing-file"][0]
v = os.statvfs(sys.argv[2])
sys.exit(not (size % 4096 == 0 and abs(size - v.f_bavail * v.f_frsize // 100) < 1 << 20))' \
		"$tmpdir/plan.json" "$stock/srv/unmounted"
	c=$(conf full '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\nbacking-encryption = no\n[zram1]\nsize = 32M\nbacking-device = file:/srv/unmounted/zram1.img:16M\nbacking-file-keep-free = 1000000T\n')
	check "stock, a filesystem too full for backing-file-keep-free: zram1 without a file" \
		test "$(plan "$stock" "$c" | tr '\n' ';')" = "hot-add zram1;write zram1 comp_algorithm=zstd;remember zram1;write zram1 disksize=33554432;swap-header zram1;swapon zram1 priority=100;"
	"$ZSWAPCTL" --sysroot "$stock" setup --dry-run -c "$c" >/dev/null 2>"$tmpdir/plan.err"
	rc=$?
	check "stock, too full: exit 0 and a warning that says why" eval '[ $rc = 0 ] &&
		grep -q "zram1: backing-device = file:/srv/unmounted/zram1.img:16M (.*full.conf:9): its filesystem is too full: .* free; keeping .* free (backing-file-keep-free) leaves less than the 1 MiB a file needs; zram1 is set up without writeback" "$tmpdir/plan.err"'
	c=$(conf fullreq '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\nbacking-encryption = no\n[zram1]\nsize = 32M\nbacking-device = file:/srv/unmounted/zram1.img:16M\nbacking-file-keep-free = 1000000T\nbacking-device-required = yes\n')
	plan "$stock" "$c" >/dev/null
	check "stock, too full and backing-device-required = yes: exit 1" test "$(rc)" = 1
else
	skip "stock backing device (mknod not permitted here)"
	skip "stock writeback limit (mknod not permitted here)"
fi

# The patched kernel: swap-ops auto turns a switch that is off back on.
echo off >"$patched/sys/block/zram0/swap_ops"
c=$(conf patched '[zram0]\nsize = 64M\nalgorithm = zstd\nswap-priority = -1\nbacking-device = /dev/vda\nbacking-encryption = no\n')
mkdir -p "$patched/dev"
mknod "$patched/dev/vda" b 254 0 2>/dev/null
check "patched, swap_ops off and swap-ops = auto: switch it on" \
	test "$(plan "$patched" "$c")" = "write zram0 swap_ops=on"

# Without zram: load the module with one device per configured number.
mkdir -p "$tmpdir/nozram/proc" "$tmpdir/nozram/sys/block"
cp "$host/proc/meminfo" "$tmpdir/nozram/proc/"
c=$(conf two '[zram0]\nsize = 16M\n[zram1]\nsize = 16M\n')
check "no zram loaded: load-module first" test "$(plan "$tmpdir/nozram" "$c" | head -n 1)" = "load-module -"
check "no zram loaded: num_devices covers zram1" grep -q '"options": "num_devices=2"' "$tmpdir/plan.json"

# The kernel command line's switch, as systemd reads a boolean: the word
# alone or =1|yes|true|on disables, =0|no|false|off does not, the last wins.
for cmdline in "zswapctl.disable" "zswapctl.disable=1" "zswapctl.disable=yes" \
	"zswapctl.disable=true" "zswapctl.disable=0 zswapctl.disable"; do
	echo "root=/dev/vda $cmdline quiet" >"$host/proc/cmdline"
	"$ZSWAPCTL" --sysroot "$host" setup --dry-run -c "$tmpdir/size.conf" >"$tmpdir/out" 2>&1
	check "'$cmdline': disabled" grep -q "zswapctl.disable is on the kernel command line" "$tmpdir/out"
done
for cmdline in "zswapctl.disable=0" "zswapctl.disable=no" "zswapctl.disable=false" \
	"zswapctl.disable zswapctl.disable=off" "zswapctl.disabled" "xzswapctl.disable"; do
	echo "root=/dev/vda $cmdline quiet" >"$host/proc/cmdline"
	"$ZSWAPCTL" --sysroot "$host" setup --dry-run -c "$tmpdir/new.conf" >"$tmpdir/out" 2>&1
	check "'$cmdline': not disabled" eval '! grep -q "zswapctl.disable is on" "$tmpdir/out" && grep -q "would: " "$tmpdir/out"'
done

# ---- [system] tunables ---------------------------------------------------
# The fixture trees have no /proc/sys; the copies get the knobs with the
# values these kernels boot with (measured: this machine's 6.18 and the
# stock 6.12 in tests/vm: page-cluster 3, swappiness 60,
# watermark_scale_factor 10; only 6.12 has MGLRU, built in but off).
for r in "$host" "$stock"; do
	mkdir -p "$r/proc/sys/vm"
	echo 3 >"$r/proc/sys/vm/page-cluster"
	echo 60 >"$r/proc/sys/vm/swappiness"
	echo 10 >"$r/proc/sys/vm/watermark_scale_factor"
done
mkdir -p "$stock/sys/kernel/mm/lru_gen"
echo 0x0000 >"$stock/sys/kernel/mm/lru_gen/enabled"
sys='[system]\npage-cluster = 0\nswappiness = 180\nwatermark-scale-factor = 125\nmglru = yes\n'
c=$(conf sys "$sys"'[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n')
check "[system]: one step per knob that differs, after the devices, with the old value" \
	test "$(plan "$host" "$c" | tr '\n' ';')" = "tunable - vm.page-cluster=0(was 3);tunable - vm.swappiness=180(was 60);tunable - vm.watermark_scale_factor=125(was 10);"
check "[system]: a kernel without MGLRU: exit 0" test "$(rc)" = 0
check "[system]: a kernel without MGLRU: a warning in the JSON, about no device" \
	test "$(json_get "$tmpdir/plan.json" '[(w["device"], "[system] mglru is not applied" in w["message"]) for w in d["warnings"] if "MGLRU" in w["message"]]')" = "[(None, True)]"
"$ZSWAPCTL" --sysroot "$host" setup --dry-run -c "$c" >"$tmpdir/out" 2>"$tmpdir/plan.err"
check "[system]: the text plan says knob, value and the value before" \
	grep -qx "would: vm.watermark_scale_factor = 125 (was 10)" "$tmpdir/out"
check "[system]: the text warning names the knob and the key" \
	grep -q "warning: this kernel has no MGLRU (/sys/kernel/mm/lru_gen/enabled): \[system\] mglru is not applied" "$tmpdir/plan.err"
c=$(conf sys-stock "$sys"'[zram0]\nsize = 64M\nalgorithm = zstd\nbacking-device = /dev/vda\nswap-priority = -1\n')
check "[system]: a kernel with MGLRU off: mglru = yes writes y" \
	test "$(plan "$stock" "$c" | grep -c "^tunable - ")" = 4 -a "$(plan "$stock" "$c" | tail -n 1)" = "tunable - MGLRU (/sys/kernel/mm/lru_gen/enabled)=y(was 0x0000)"
echo 0x0001 >"$stock/sys/kernel/mm/lru_gen/enabled"
echo 0 >"$stock/proc/sys/vm/page-cluster"
check "[system]: MGLRU on (even with some of its parts off) and page-cluster 0 already: no step for them" \
	test "$(plan "$stock" "$c" | tr '\n' ';')" = "tunable - vm.swappiness=180(was 60);tunable - vm.watermark_scale_factor=125(was 10);"
c=$(conf sys-off '[system]\nmglru = no\npage-cluster = keep\n[zram0]\nsize = 64M\nalgorithm = zstd\nbacking-device = /dev/vda\nswap-priority = -1\n')
check "[system]: mglru = no writes n; keep writes nothing" \
	test "$(plan "$stock" "$c")" = "tunable - MGLRU (/sys/kernel/mm/lru_gen/enabled)=n(was 0x0001)"

# Applied in the tree: the knobs are written, the record keeps the values
# from before; a second run has nothing to do; teardown, once no zram
# device is swap, gives them back, unless one was changed since.
sysroot=$tmpdir/sysroot
cp -r "$host" "$sysroot"
c=$(conf sys-apply '[system]\npage-cluster = 0\nswappiness = 200\n[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n')
"$ZSWAPCTL" --sysroot "$sysroot" setup -c "$c" >"$tmpdir/out" 2>"$tmpdir/err"
check "[system] applied: exit 0 (MGLRU not asked for: no warning about it)" \
	sh -c 'test "$1" = 0 && ! grep -q MGLRU "$2"' - $? "$tmpdir/err"
check "[system] applied: the knobs have the values" \
	test "$(cat "$sysroot/proc/sys/vm/page-cluster") $(cat "$sysroot/proc/sys/vm/swappiness")" = "0 200"
check "[system] applied: the journal has the values before and after" \
	test "$(cat "$sysroot/run/zswapctl/system.page-cluster");$(cat "$sysroot/run/zswapctl/system.swappiness")" = "3 0;60 200"
"$ZSWAPCTL" --sysroot "$sysroot" setup --dry-run --json -c "$c" >"$tmpdir/plan.json" 2>/dev/null
check "[system] applied: a second run has nothing to do" \
	test "$(json_get "$tmpdir/plan.json" 'len(d["steps"])')" = 0
c2=$(conf sys-apply2 '[system]\npage-cluster = 1\n[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n')
"$ZSWAPCTL" --sysroot "$sysroot" setup -c "$c2" >/dev/null 2>&1
check "[system] applied again with another value: the value before the first setup stays" \
	test "$(cat "$sysroot/run/zswapctl/system.page-cluster")" = "3 1"
"$ZSWAPCTL" --sysroot "$sysroot" teardown zram9 >"$tmpdir/out" 2>&1
check "[system] teardown while zram0 is still swap: the knobs stay" \
	test "$(cat "$sysroot/proc/sys/vm/page-cluster")" = 1 -a -e "$sysroot/run/zswapctl/system.page-cluster"
head -n 1 "$sysroot/proc/swaps" >"$tmpdir/swaps" && cp "$tmpdir/swaps" "$sysroot/proc/swaps"
echo 42 >"$sysroot/proc/sys/vm/swappiness"
"$ZSWAPCTL" --sysroot "$sysroot" teardown zram9 >"$tmpdir/out" 2>"$tmpdir/err"
check "[system] teardown with no zram swap left: exit 0" test $? = 0
check "[system] teardown: page-cluster given back, and says so" \
	test "$(cat "$sysroot/proc/sys/vm/page-cluster")" = 3 -a "$(grep restored "$tmpdir/out")" = "vm.page-cluster = 3 (restored)"
check "[system] teardown: swappiness changed since setup is left, with a warning" \
	sh -c 'test "$(cat "$1")" = 42 && grep -q "vm.swappiness is 42, not the 200 setup wrote: left as it is" "$2"' - \
	"$sysroot/proc/sys/vm/swappiness" "$tmpdir/err"
check "[system] teardown: the records are gone" \
	test -z "$(ls "$sysroot/run/zswapctl" | grep '^system\.')"

# zswapctl.disable on the kernel command line: nothing at all.
echo "root=/dev/vda zswapctl.disable quiet" >"$host/proc/cmdline"
"$ZSWAPCTL" --sysroot "$host" setup -c "$tmpdir/size.conf" >"$tmpdir/out" 2>&1
check "zswapctl.disable: exit 0" test $? -eq 0
check "zswapctl.disable: says so" grep -q "zswapctl.disable is on the kernel command line" "$tmpdir/out"
"$ZSWAPCTL" --sysroot "$host" setup --dry-run --json -c "$tmpdir/size.conf" >"$tmpdir/out" 2>&1
check "zswapctl.disable with --json: an empty plan as JSON" \
	test "$(json_get "$tmpdir/out" 'len(d["steps"]) == 0 and d["dry_run"] and not d["changed"]')" = True
rm "$host/proc/cmdline"

# One device-name rule for setup and status (zswapctl(8)): no leading zeros.
c=$(conf names '[zram0]\nsize = 64M\nalgorithm = lzo-rle\nswap-priority = -1\n')
for name in zram0 /dev/zram0 0; do
	plan "$host" "$c" "$name" >/dev/null
	check "setup --dry-run $name: exit 0" test "$(rc)" = 0
done
# A name that is none is a usage error (exit 2) that says what a name is,
# for every command that takes one, not "not configured" or "no device".
for name in zram00 zram01 00 zram1048576; do
	plan "$host" "$c" "$name" >/dev/null
	check "setup --dry-run $name: exit 2" test "$(rc)" = 2
	check "setup --dry-run $name: says what a device name is" \
		grep -q "$name: not a device name; use zramN, /dev/zramN or N" "$tmpdir/plan.err"
	for cmd in status stats teardown maintain "swap-ops status" writeback; do
		# shellcheck disable=SC2086 # "swap-ops status" is two words
		"$ZSWAPCTL" --sysroot "$host" $cmd "$name" >/dev/null 2>"$tmpdir/name.err"
		cmd_rc=$?
		check "$cmd $name: exit 2 ($cmd_rc)" test "$cmd_rc" = 2
		check "$cmd $name: says what a device name is" \
			grep -q "$name: not a device name; use zramN, /dev/zramN or N" "$tmpdir/name.err"
	done
done
# ---- filesystem devices (fs-type, mount-point, mount-options) ----------
# The sysroot's own mkfs.ext4 (setup looks for it before planning; a dry
# run never runs it), and a mountinfo the tests write.
fs=$tmpdir/fs
cp -r "$fixtures_dir/debian-6.12.117-cloud" "$fs"
mkdir -p "$fs/usr/sbin" "$fs/proc/self"
printf '#!/bin/sh\nexit 1\n' >"$fs/usr/sbin/mkfs.ext4"
chmod +x "$fs/usr/sbin/mkfs.ext4"
: >"$fs/proc/self/mountinfo"
c=$(conf fs '[zram1]\nsize = 32M\nalgorithm = zstd\nfs-type = ext4\nmount-point = /var//tmp/\nmount-options = X-mount.mode=1777,nosuid\n')
check "a filesystem device: hot-add, configure, mkfs, mount with discard first" \
	test "$(plan "$fs" "$c" | tr '\n' ';')" = "hot-add zram1;write zram1 comp_algorithm=zstd;remember zram1;write zram1 disksize=33554432;mkfs zram1 fs_type=ext4;mount zram1 fs_type=ext4 mount_point=/var/tmp options=discard,X-mount.mode=1777,nosuid;"
check "a filesystem device: exit 0" test "$(rc)" = 0
c=$(conf fsnodiscard '[zram1]\nsize = 32M\nalgorithm = zstd\nmount-point = /srv/scratch\ndiscard = no\nfs-type = ext4\n')
check "discard = no: no discard option" test "$(plan "$fs" "$c" | sed -n 's/^mount .*options=/options=/p')" = "options="
c=$(conf fsmissing '[zram1]\nsize = 32M\nmount-point = /var/tmp\n')
check "no mkfs.ext2 on the system: nothing planned for the device" test -z "$(plan "$fs" "$c")"
check "no mkfs.ext2 on the system: exit 1" test "$(rc)" = 1
check "no mkfs.ext2 on the system: says which program and where in the file" \
	grep -q "zram1: fs-type = ext2 (.*fsmissing.conf:3): there is no mkfs.ext2 on this system" "$tmpdir/plan.err"

# zram0 of the fixture as the filesystem: mounted where configured, nothing
# to do; elsewhere, only --force unmounts it; a swap configuration refuses it.
echo "0" >"$fs/proc/swaps.tmp" && head -n 1 "$fs/proc/swaps" >"$fs/proc/swaps.tmp" && mv "$fs/proc/swaps.tmp" "$fs/proc/swaps"
echo "40 1 253:0 / /var/tmp rw,relatime shared:1 - ext4 /dev/zram0 rw,discard" >"$fs/proc/self/mountinfo"
size0=$(cat "$fs/sys/block/zram0/disksize")
c=$(conf fsmounted "[zram0]\nsize = $size0\nalgorithm = zstd\nbacking-device = /dev/vda\nfs-type = ext4\nmount-point = /var/tmp\n")
check "mounted where configured: no step" test -z "$(plan "$fs" "$c")"
check "mounted where configured: exit 0" test "$(rc)" = 0
c=$(conf fsmoved "[zram0]\nsize = $size0\nalgorithm = zstd\nbacking-device = /dev/vda\nfs-type = ext4\nmount-point = /srv/tmp\n")
plan "$fs" "$c" >/dev/null
check "mounted elsewhere: refused (exit 1)" test "$(rc)" = 1
check "mounted elsewhere: says where and what --force does" \
	grep -q "zram0 is mounted on /var/tmp; the configuration mounts it on /srv/tmp.*--force' (unmounts it)" "$tmpdir/plan.err"
check "mounted elsewhere, --force: unmount, mount" \
	test "$(plan "$fs" "$c" --force | tr '\n' ';')" = "umount zram0 mount_point=/var/tmp;mount zram0 fs_type=ext4 mount_point=/srv/tmp options=discard;"
c=$(conf fsswap "[zram0]\nsize = $size0\nalgorithm = zstd\nbacking-device = /dev/vda\n")
plan "$fs" "$c" >/dev/null
check "a mounted device configured as swap: refused (exit 1)" test "$(rc)" = 1
c=$(conf fsbigger "[zram0]\nsize = 128M\nalgorithm = zstd\nfs-type = ext4\nmount-point = /var/tmp\n")
check "a new size of a mounted filesystem, --force: unmount, reset, configure, mkfs, mount" \
	test "$(plan "$fs" "$c" --force | tr '\n' ';')" = "umount zram0 mount_point=/var/tmp;reset zram0;write zram0 comp_algorithm=zstd;remember zram0;write zram0 disksize=134217728;mkfs zram0 fs_type=ext4;mount zram0 fs_type=ext4 mount_point=/var/tmp options=discard;"

c=$(conf taken '[zram1]\nsize = 32M\nalgorithm = zstd\nmount-point = /var/tmp\nfs-type = ext4\n')
check "a mount point something is mounted on: nothing planned" test -z "$(plan "$fs" "$c")"
check "a mount point something is mounted on: exit 1" test "$(rc)" = 1
check "a mount point something is mounted on: says what and what to do" \
	grep -q "zram1: mount-point /var/tmp (.*taken.conf:4) has /dev/zram0 (ext4) mounted on it already.*--force" "$tmpdir/plan.err"
check "a mount point something is mounted on, --force: mounted over it" \
	eval 'plan "$fs" "$c" --force | grep -q "^mount zram1 .*mount_point=/var/tmp"'

# ---- --find -------------------------------------------------------------
c=$(conf find '[zram5]\nsize = 32M\nalgorithm = zstd\nmount-point = /srv/scratch\nfs-type = ext4\n')
"$ZSWAPCTL" --sysroot "$fs" setup --find --dry-run --json -c "$c" >"$tmpdir/plan.json" 2>"$tmpdir/plan.err"
cp "$tmpdir/plan.json" "$tmpdir/plans/find.json"
check "setup --find, no free device: a new one, zram1 (not the section's zram5)" \
	test "$(json_get "$tmpdir/plan.json" 'd["found"] + " " + d["steps"][0]["action"] + " " + d["steps"][0]["device"]')" = "zram1 hot-add zram1"
"$ZSWAPCTL" --sysroot "$fs" status --find >"$tmpdir/out" 2>"$tmpdir/err"
check "status --find, no free device: exit 1" test $? = 1
check "status --find, no free device: says what setup --find would make" grep -q "'zswapctl setup --find' makes zram1" "$tmpdir/err"
cp -r "$fs/sys/block/zram0" "$fs/sys/block/zram1"
echo 0 >"$fs/sys/block/zram1/disksize"
echo 253:1 >"$fs/sys/block/zram1/dev"
check "status --find: the free device's name, alone" test "$("$ZSWAPCTL" --sysroot "$fs" status --find)" = /dev/zram1
"$ZSWAPCTL" --sysroot "$fs" setup --find --dry-run --json -c "$c" >"$tmpdir/plan.json" 2>"$tmpdir/plan.err"
check "setup --find: the free device, no hot-add" \
	test "$(json_get "$tmpdir/plan.json" 'd["found"] + " " + ",".join(sorted({s["device"] for s in d["steps"]})) + " " + str(any(s["action"] == "hot-add" for s in d["steps"]))')" = "zram1 zram1 False"
c2=$(conf find2 '[zram0]\nsize = 32M\n[zram1]\nsize = 32M\n')
"$ZSWAPCTL" --sysroot "$fs" setup --find --dry-run -c "$c2" >/dev/null 2>"$tmpdir/err"
check "setup --find with two devices: usage error" test $? = 2
check "setup --find with two devices: says --find sets up one" grep -q "find sets up one device" "$tmpdir/err"
"$ZSWAPCTL" --sysroot "$fs" setup --find --dry-run -c "$c" zram1 >/dev/null 2>&1
check "setup --find with a device name: usage error" test $? = 2

# ---- the status columns of zramctl: STREAMS, MOUNTPOINT -------------------
check "status -o STREAMS: what max_comp_streams reads (the fixture's CPUs)" \
	test "$("$ZSWAPCTL" --sysroot "$fs" status -n -o STREAMS zram0 | tr -d ' ')" = "$(cat "$fs/sys/block/zram0/max_comp_streams")"
check "status -o MOUNTPOINT: from mountinfo" \
	test "$("$ZSWAPCTL" --sysroot "$fs" status -n -o NAME,MOUNTPOINT | tr -s ' ' | tr '\n' ';')" = "/dev/zram0 /var/tmp;/dev/zram1 ;"

nplans=$(ls "$tmpdir/plans" | wc -l)
check "every plan printed ($nplans) is valid against setup-schema.json" \
	eval '[ "$nplans" -ge 10 ] && validate_json_all setup "$tmpdir"/plans/*'
done_testing
