#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# `config import` against the catalogue of real zram-generator and
# zramswap files (tests/unit/import/SOURCE): each case's files go into a
# sysroot of a Debian 6.12 zram with the case's MemTotal; the imported
# configuration's `setup --dry-run --json` plan is compared, device by
# device, with what that tool does there (CASE/expected), and every line
# not carried over must be said in a comment.
. "$top_srcdir/tests/unit/lib.sh"

catalogue=$top_srcdir/tests/unit/import
base=$fixtures_dir/debian-6.12.117-cloud

# sysroot DIR CASE: zram loaded, zram0..zramMAX present and unconfigured
# (as zram-generator's generator leaves them, and as setup's num_devices
# makes them), no swap, the case's MemTotal and files.
sysroot() {
	local dir=$1 case=$2 max
	mkdir -p "$dir"
	cp -r "$base/proc" "$base/sys" "$dir/"
	local z=$dir/sys/block/zram0
	echo 0 >"$z/disksize"
	echo none >"$z/backing_dev"
	# a fresh device of this kernel: deflate taken as its default, so that every algorithm asked for is a write
	echo "lz4 lz4hc zstd [deflate]" >"$z/comp_algorithm"
	head -n 1 "$base/proc/swaps" >"$dir/proc/swaps"
	sed -i "s/^MemTotal:.*/MemTotal:       $(sed -n 's/^memtotal //p' "$catalogue/$case/expected") kB/" \
		"$dir/proc/meminfo"
	cp -r "$catalogue/$case/root/." "$dir/"
	# the system's mkfs.ext2 and mkfs.ext4, which setup looks for before
	# it plans a filesystem (never run: the plan is a dry run)
	mkdir -p "$dir/usr/sbin"
	printf '#!/bin/sh\nexit 1\n' >"$dir/usr/sbin/mkfs.ext2"
	chmod +x "$dir/usr/sbin/mkfs.ext2"
	cp "$dir/usr/sbin/mkfs.ext2" "$dir/usr/sbin/mkfs.ext4"
	max=$(sed -n 's/^zram\([0-9]*\) .*/\1/p' "$catalogue/$case/expected" | sort -n | tail -n 1)
	for i in $(seq 1 "${max:-0}"); do
		cp -r "$z" "$dir/sys/block/zram$i"
		echo "$(cut -d: -f1 "$z/dev"):$i" >"$dir/sys/block/zram$i/dev"
	done
}

ncases=0
for casedir in "$catalogue"/*/; do
	case=$(basename "$casedir")
	[ "$case" = edge ] && continue # hand-written edges, below
	ncases=$((ncases + 1))
	root=$tmpdir/$case
	sysroot "$root" "$case"
	"$ZSWAPCTL" --sysroot "$root" config import >"$root.conf" 2>"$root.err"
	rc=$?
	check "$case: import exits 0" test "$rc" = 0 -a -s "$root.conf"
	crashed "$rc" "$root.err" && not_ok "$case: import crashed"
	dropped=$(grep -c '^# not carried over:' "$root.conf")
	want=$(sed -n 's/^dropped //p' "$casedir/expected")
	check "$case: $want lines said not carried over ($dropped)" test "$dropped" = "$want"
	if [ "$want" != 0 ]; then
		check "$case: import warns how many were not carried over" \
			grep -q "import: $want lines\? not carried over" "$root.err"
	fi
	"$ZSWAPCTL" --sysroot "$root" config check "$root.conf" >/dev/null 2>"$root.check"
	check "$case: the import is a valid configuration" test $? = 0
	"$ZSWAPCTL" --sysroot "$root" setup --dry-run --json -c "$root.conf" >"$root.json" 2>"$root.plan.err"
	crashed $? "$root.plan.err" && not_ok "$case: setup --dry-run crashed"
	"$PYTHON" - "$root.json" "$casedir/expected" "$root.conf" >"$root.cmp" 2>&1 <<'PY'
import json, re, sys
plan = json.load(open(sys.argv[1]))
conf = open(sys.argv[3]).read()
zram_generator = "from zram-generator" in conf
MiB = 1 << 20
dev = {}
for s in plan["steps"]:
    d = dev.setdefault(s.get("device"), {"recompress": []})
    if s["action"] == "write":
        a, v = s["attribute"], s["value"]
        if a == "recomp_algorithm":
            d["recompress"].append(v)
        elif a == "algorithm_params" and "params" in d:
            d["recompress"].append(v)  # a secondary algorithm's
        else:
            d[{"comp_algorithm": "algorithm", "algorithm_params": "params",
               "disksize": "size", "backing_dev": "backing"}.get(a, a)] = v
    elif s["action"] == "swapon":
        d["priority"] = str(s["priority"])
        d["discard"] = s["discard_policy"]
    elif s["action"] == "mkfs":
        d["fs"] = s["fs_type"]
    elif s["action"] == "mount":
        d["at"] = s["mount_point"]
        d["options"] = s["options"]
failed = {f["device"] for f in plan.get("failed", [])}
skipped = {f["device"] for f in plan.get("skipped", [])}
bad = []
for line in open(sys.argv[2]):
    w = line.split()
    if not w or not w[0].startswith("zram"):
        continue
    name, kind = w[0], w[1]
    got = dev.get(name)
    if kind in ("none", "dropped"):
        if got:
            bad.append("%s: zswapctl plans steps for a device %s makes none" % (name, kind))
        if kind == "dropped" and not re.search(r"^# not carried over: \[%s\]" % name, conf, re.M):
            bad.append("%s: the device is not said to be left out" % name)
        continue
    if kind == "failed":
        if name not in failed:
            bad.append("%s: the tool fails this device, zswapctl does not" % name)
        continue
    if not got:
        bad.append("%s: no steps (failed: %s)" % (name, name in failed))
        continue
    want = dict(x.split("=", 1) for x in w[2:])
    have = {"algorithm": got.get("algorithm", "-"), "params": got.get("params", "-"),
            "recompress": " ".join(got["recompress"]) or "-",
            "mem_limit": got.get("mem_limit", "0"), "priority": got.get("priority"),
            "discard": got.get("discard"), "backing": got.get("backing", "-"),
            "fs": got.get("fs", "-"), "at": got.get("at", "-"), "options": got.get("options", "-")}
    for k, v in want.items():
        v = v.replace("_", " ") if k == "params" else v
        if k == "size":
            if v == "?":
                if not re.search(r"^# not carried over: zram-size", conf, re.M):
                    bad.append("%s: size differs and the import did not say so" % name)
                continue
            n = int(got.get("size", -1))
            slack = MiB if zram_generator else 0
            if abs(n - int(v)) > slack:
                bad.append("%s: size %d, the tool's %s" % (name, n, v))
        elif have[k] != v:
            bad.append("%s: %s %s, the tool's %s" % (name, k, have[k], v))
for name in dev:
    if name and not any(l.split()[:1] == [name] for l in open(sys.argv[2])):
        bad.append("%s: zswapctl plans a device the tool does not make" % name)
print("\n".join(bad))
sys.exit(1 if bad else 0)
PY
	if [ $? = 0 ]; then
		ok "$case: the plan matches what $(grep -q zramswap "$root.conf" && echo zramswap || echo zram-generator) does, device by device"
	else
		not_ok "$case: the plan matches the tool, device by device"
		sed 's/^/# /' "$root.cmp" "$root.plan.err" | head -20
	fi
done
check "the catalogue has at least 10 cases ($ncases)" test "$ncases" -ge 10

# Without a tool's files: nothing to import, exit 1, and what was looked for.
mkdir -p "$tmpdir/empty/proc"
cp "$base/proc/meminfo" "$tmpdir/empty/proc/"
"$ZSWAPCTL" --sysroot "$tmpdir/empty" config import >/dev/null 2>"$tmpdir/err"
check "nothing to import: exit 1" test $? = 1
check "nothing to import: says where it looked" grep -q "zram-generator.conf.*zramswap: nothing to import" "$tmpdir/err"
# Named, a tool without files has nothing to import either (exit 1).
for tool in zram-generator zramswap; do
	"$ZSWAPCTL" --sysroot "$tmpdir/empty" config import $tool >"$tmpdir/out" 2>"$tmpdir/err"
	check "import $tool without its files: exit 1, nothing to import" \
		test $? = 1 -a ! -s "$tmpdir/out"
	check "import $tool without its files: says so" grep -q "nothing to import" "$tmpdir/err"
done
# A zram-generator.conf that is there but makes no device (how a
# distribution's default is turned off) is imported: no device either.
mkdir -p "$tmpdir/off/etc/systemd" "$tmpdir/off/proc"
cp "$base/proc/meminfo" "$tmpdir/off/proc/"
: >"$tmpdir/off/etc/systemd/zram-generator.conf"
for tool in "" zram-generator; do
	"$ZSWAPCTL" --sysroot "$tmpdir/off" config import $tool >"$tmpdir/out" 2>"$tmpdir/err"
	check "import ${tool:-(no tool)} of an empty zram-generator.conf: exit 0" test $? = 0
	check "import ${tool:-(no tool)} of an empty zram-generator.conf: no device" \
		eval '! grep -q "^\[zram" "$tmpdir/out"'
done
# A named file and tool.
"$ZSWAPCTL" config import zramswap "$catalogue/zramswap-upstream/root/etc/default/zramswap" >"$tmpdir/z.conf" 2>&1
check "import zramswap FILE: PERCENT is carried over" grep -q "^size = 50%" "$tmpdir/z.conf"
"$ZSWAPCTL" config import zram-generator "$tmpdir/missing.conf" >/dev/null 2>"$tmpdir/err"
rc=$?
check "import of a missing file: exit 1 ($rc), names it" \
	eval 'test $rc = 1 && grep -q "missing.conf: cannot open" "$tmpdir/err"'
"$ZSWAPCTL" config import zram-generator a b >/dev/null 2>&1
check "import with two files: usage error (exit 2)" test $? = 2

# What config check refuses to read, import refuses too, at once and with
# exit 1: a FIFO would block open() for ever, /dev/zero never ends, and a
# directory read as nothing would pass for a file with nothing in it.
mkfifo "$tmpdir/fifo"
mkdir "$tmpdir/dir"
for tool in zram-generator zramswap; do
	for f in "$tmpdir/fifo" /dev/zero "$tmpdir/dir"; do
		timeout 10 "$ZSWAPCTL" config import $tool "$f" >"$tmpdir/out" 2>"$tmpdir/err"
		rc=$?
		check "import $tool $(basename "$f"): exit 1 (not $rc), nothing printed" \
			test $rc = 1 -a ! -s "$tmpdir/out"
		check "import $tool $(basename "$f"): says it is not a regular file" \
			grep -q "$f: cannot read: not a regular file" "$tmpdir/err"
	done
done

# The hand-written edges (import/edge/README).
edge=$catalogue/edge
import_edge() { # import_edge NAME: $tmpdir/NAME.out, .err and $rc
	local tool=zram-generator
	case $1 in zs-*) tool=zramswap ;; esac
	"$ZSWAPCTL" config import $tool "$edge/$1" >"$tmpdir/$1.out" 2>"$tmpdir/$1.err"
	rc=$?
}
import_edge zg-bom.conf
check "a byte order mark: [zram0] is imported with its size" \
	grep -qx "size = 100M" "$tmpdir/zg-bom.conf.out"
check "a byte order mark: nothing said not carried over" \
	test "$(grep -c '^# not carried over' "$tmpdir/zg-bom.conf.out")" = 0

# A NUL byte: that line left out, said, and the next lines read with their
# own numbers (fgets() read the rest of the line as one more line).
printf '[zram0]\nzram-size = 100\0junk\nswap-priority = 7\n' >"$tmpdir/zg-nul.conf"
"$ZSWAPCTL" config import zram-generator "$tmpdir/zg-nul.conf" >"$tmpdir/zg-nul.out" 2>&1
check "a NUL byte: that line said not carried over, with its number" \
	grep -q "^# not carried over: a line with a NUL byte (not text) (.*zg-nul.conf:2)" "$tmpdir/zg-nul.out"
check "a NUL byte: the next line imported" grep -qx "swap-priority = 7" "$tmpdir/zg-nul.out"

import_edge zg-no-device.conf
check "a file without [zramN]: exit 0 ($rc), no device" \
	test $rc = 0 -a "$(grep -c '^\[zram' "$tmpdir/zg-no-device.conf.out")" = 0

import_edge zg-quotes.conf
for line in "algorithm = zstd kernel" "backing-device = /dev/sdb1" "size = ram / 4"; do
	check "quoted values, as rust-ini strips the quotes: $line" \
		grep -qx "$line" "$tmpdir/zg-quotes.conf.out"
done
check "quoted values: nothing said not carried over" \
	test "$(grep -c '^# not carried over' "$tmpdir/zg-quotes.conf.out")" = 0

import_edge zs-inline-comments.conf
for line in "algorithm = zstd" "size = 25%" "swap-priority = 90"; do
	check "zramswap, a value and a # comment as the shell reads them: $line" \
		grep -qx "$line" "$tmpdir/zs-inline-comments.conf.out"
done
check "zramswap: SIZE=1#2 is no comment (and PERCENT overrides it)" \
	grep -q "^# not carried over: SIZE=1#2: PERCENT overrides it" "$tmpdir/zs-inline-comments.conf.out"

# Values config check would refuse: not carried over, each said so.
while read -r name what; do
	import_edge "$name"
	check "$name: exit 0 ($rc)" test "$rc" = 0
	check "$name: not carried over: $what" grep -q "^# not carried over: $what" \
		"$tmpdir/$name.out"
done <<'EOF'
zg-algorithm-semicolon.conf recompress = ;:1 fast:2: .*has no value (.*:2)$
zg-algorithm-comma.conf algorithm = zstd,lz4 kernel: 'zstd,lz4' is not an algorithm name
zg-writeback-relative.conf backing-device = sdb1: use an absolute /dev path
zg-mount-relative.conf mount-point = var/tmp: must be an absolute path
zg-fs-type-upper.conf fs-type = XFS: must be swap or a filesystem type
zg-fs-type-swap-mounted.conf \[zram0\]: fs-type = swap with mount-point = /mnt: .*the device is not carried over
zg-size-overflow.conf size = 99999999999999999999M: number too large
zs-priority-range.conf swap-priority = 99999: must be a number from -1 to 32767
EOF
check "zstd,lz4: the kernel's default, as zram-generator keeps it when the kernel refuses" \
	grep -qx "algorithm = kernel" "$tmpdir/zg-algorithm-comma.conf.out"
check "zg-fs-type-swap-mounted.conf: no [zram0]" \
	eval '! grep -q "^\[zram0\]" "$tmpdir/zg-fs-type-swap-mounted.conf.out"'
import_edge zg-algorithm-kernel.conf
check "compression-algorithm = kernel: algorithm = kernel, nothing dropped" \
	test "$(grep -c '^# not carried over' "$tmpdir/zg-algorithm-kernel.conf.out")" = 0 -a \
	"$(grep -cx 'algorithm = kernel' "$tmpdir/zg-algorithm-kernel.conf.out")" = 1

# Whatever the input, what import prints is a configuration config check
# takes: a line it would refuse is a "# not carried over:" comment instead.
mkdir -p "$tmpdir/rt/proc"
cp "$base/proc/meminfo" "$tmpdir/rt/proc/"
for f in "$edge"/*.conf; do
	name=$(basename "$f")
	import_edge "$name"
	crashed "$rc" "$tmpdir/$name.err" && not_ok "$name: import crashed"
	"$ZSWAPCTL" --sysroot "$tmpdir/rt" config check "$tmpdir/$name.out" >/dev/null \
		2>"$tmpdir/$name.check"
	check "$name: the import is a valid configuration" test $? = 0 -a -s "$tmpdir/$name.out"
	[ -s "$tmpdir/$name.check" ] && sed 's/^/# /' "$tmpdir/$name.check" | head -5
done

# setup without a zswapctl configuration but with zram-generator's: says
# how to migrate; a device zram-generator's unit owns is refused.
root=$tmpdir/migrate
sysroot "$root" debian12-default
"$ZSWAPCTL" --sysroot "$root" setup --dry-run >/dev/null 2>"$tmpdir/err"
check "setup with zram-generator's configuration only: says how to migrate" \
	grep -q "zram-generator has .*/etc/systemd/zram-generator.conf: 'zswapctl config import" "$tmpdir/err"
mkdir -p "$root/run/systemd/generator/systemd-zram-setup@zram0.service.d"
"$ZSWAPCTL" --sysroot "$root" setup --dry-run --json >"$tmpdir/own.json" 2>"$tmpdir/err"
check "a device zram-generator's unit owns: not set up (exit 1)" test $? = 1
check "a device zram-generator's unit owns: says whose it is and what to do" \
	grep -q "zram0 belongs to zram-generator (systemd-zram-setup@zram0.service.*config import" "$tmpdir/err"
rm -r "$root/run/systemd/generator"
mkdir -p "$root/run/systemd/generator.late/dev-zram0.swap"
"$ZSWAPCTL" --sysroot "$root" setup --dry-run >/dev/null 2>"$tmpdir/err"
check "a swap unit zram-generator left in generator.late: not set up either (exit 1)" test $? = 1
done_testing
