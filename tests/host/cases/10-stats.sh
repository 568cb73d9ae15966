#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# status and stats on a real device: created and configured through the
# library, swapped on, pages pushed out with MADV_PAGEOUT; counters checked
# against /proc/vmstat and zramctl.
. "$SRCDIR/tests/host/lib.sh"
schema=$SRCDIR/src/cli/stats-schema.json
zswapctl=$ZSWAPCTL hostdev=$HOSTDEV pageout=$PAGEOUT
holder=

# ---- a device made and configured through the library -------------------
dev=$("$hostdev" add) || { fail hot_add "hostdev add failed"; exit 1; }
on_exit "$hostdev remove $dev"
on_exit "swapoff /dev/$dev"
pass "hot_add created $dev"

alg=lz4
grep -qw lz4 "/sys/block/$dev/comp_algorithm" || alg=lzo-rle
size=$((64 << 20))
if "$hostdev" configure "$dev" "$alg" "$size"; then pass "configure $dev $alg 64M"; else fail "configure $dev"; exit 1; fi

"$zswapctl" status --json --bytes "$dev" >"$tmp/status.json"
check "status shows disksize $size" test "$(jq_py "$tmp/status.json" "d['zramdevices'][0]['disksize']")" = "$size"
check "status shows algorithm $alg" test "$(jq_py "$tmp/status.json" "d['zramdevices'][0]['algorithm']")" = "$alg"

# A second configure must fail: the kernel refuses a new disksize once set.
"$hostdev" configure "$dev" "$alg" "$size" 2>"$tmp/err"
check "disksize twice is refused with EBUSY" grep -q "Device or resource busy" "$tmp/err"

# ---- swap on it ---------------------------------------------------------
mkswap "/dev/$dev" >/dev/null && swapon -p 32000 "/dev/$dev" || { fail swapon "mkswap/swapon /dev/$dev"; exit 1; }
"$zswapctl" status --json "$dev" >"$tmp/status.json"
check "status --json is valid against status-schema.json" \
	"$SRCDIR/tests/json-schema-check" status "$tmp/status.json"
check "status shows swap priority 32000" test "$(jq_py "$tmp/status.json" "d['zramdevices'][0]['swap-prio']")" = 32000

"$zswapctl" stats --json >"$tmp/before.json" || fail "stats --json before"
>"$tmp/pageout.out"
"$pageout" -m 32 -r 25 -H >>"$tmp/pageout.out" 2>&1 &
holder=$!
on_exit "kill -TERM $holder"
for _ in $(seq 1 300); do grep -q READY "$tmp/pageout.out" && break; sleep 0.1; done
if ! grep -q READY "$tmp/pageout.out"; then
	fail "pageout ready" "$(cat "$tmp/pageout.out")"
	exit 1
fi
"$zswapctl" stats --json >"$tmp/held.json" || fail "stats --json while held"
check "stats --json is valid against the schema" "$SRCDIR/tests/json-schema-check" "$schema" "$tmp/held.json"
if command -v promtool >/dev/null; then
	"$zswapctl" stats --format=prometheus >"$tmp/page.prom" || fail "stats --format=prometheus while held"
	check "promtool check metrics accepts this kernel's page" eval \
		'promtool check metrics <"$tmp/page.prom" >"$tmp/promtool" 2>&1 && [ ! -s "$tmp/promtool" ]'
else
	skip "promtool check metrics" "promtool not installed (Debian: prometheus; tests/install-deps)"
fi

# zramctl and status agree on the same device at the same moment.
zramctl --bytes --raw --noheadings --output NAME,DATA,COMPR,TOTAL,ALGORITHM "/dev/$dev" >"$tmp/zramctl"
"$zswapctl" status --bytes --raw --noheadings -o NAME,DATA,COMPR,TOTAL,ALGORITHM "$dev" >"$tmp/ours"
if diff -u "$tmp/zramctl" "$tmp/ours" >"$tmp/diff"; then
	pass "status DATA/COMPR/TOTAL/ALGORITHM equal zramctl --bytes --raw ($(cat "$tmp/ours"))"
else
	fail "status equals zramctl" "$(tr '\n' ' ' <"$tmp/diff")"
fi

kill -USR1 "$holder"
wait "$holder"
rc=$?
holder=
check "every page read back matches its checksum" test $rc -eq 0
"$zswapctl" stats --json >"$tmp/after.json" || fail "stats --json after"

# Counters move consistently with /proc/vmstat. /proc/vmstat counts every
# swap device, and this device's priority (32000) does not make it the only
# one that moves: the kernel's swap allocator keeps a per-CPU cluster of the
# device it allocated from last (zram0 after a proactive reclaim, DAMON's
# on this host), and pages swapped out earlier come back from where they
# are. So the sectors of every zram swap device together must match
# vmstat, and this device must hold at least the test's own pages.
# The checker's stderr goes with its results, so that a traceback (this
# device missing from a snapshot, a key renamed) is a FAIL line, and it must
# exit 0 having printed all its 8 results.
"$PY" - "$tmp/before.json" "$tmp/held.json" "$tmp/after.json" "$dev" >"$tmp/consistency" 2>&1 <<'PY'
import json, sys
b, h, a = (json.load(open(f)) for f in sys.argv[1:4])
name = sys.argv[4]
def dev(d): return next(x for x in d["devices"] if x["name"] == name)
def swap_sectors(d, field):
    return sum(x["block"][field] for x in d["devices"] if x["swap"] and x["swap"]["active"])
checks = []
pswpout = h["vmstat"]["pswpout"] - b["vmstat"]["pswpout"]
pswpin = a["vmstat"]["pswpin"] - b["vmstat"]["pswpin"]
wsect = swap_sectors(h, "write_sectors") - swap_sectors(b, "write_sectors")
rsect = swap_sectors(a, "read_sectors") - swap_sectors(b, "read_sectors")
wdev = dev(h)["block"]["write_sectors"] - dev(b)["block"]["write_sectors"]
checks.append(("pswpout moved by at least the 6144 non-zero pages pushed out (%d)" % pswpout, pswpout >= 6144))
checks.append(("write_sectors of the zram swap devices = 8 x pswpout (%d = 8 x %d)" % (wsect, pswpout), wsect == 8 * pswpout))
checks.append(("%s wrote at least half of the test's 6144 pages (%d sectors)" % (name, wdev), wdev >= 8 * 6144 // 2))
checks.append(("pswpin moved when the pages came back (%d)" % pswpin, pswpin > 0))
checks.append(("read_sectors of the zram swap devices = 8 x pswpin (%d = 8 x %d)" % (rsect, pswpin), rsect == 8 * pswpin))
mm = dev(h)["mm"]
checks.append(("orig_data_size covers the stored pages (%d bytes)" % mm["orig_data_size"], mm["orig_data_size"] >= 4096 * (pswpout - pswpin)))
# A quarter of the 8192 pages is same-filled (2048); the first 25 % of the
# mapping was read back, taking 512 of them out of zram again.
checks.append(("same_pages counted the same-filled pages still out (%d)" % mm["same_pages"], mm["same_pages"] >= 1536))
checks.append(("swap.used reported while held (%d)" % dev(h)["swap"]["used"], dev(h)["swap"]["used"] > 0))
for name, ok in checks:
    print(("PASS" if ok else "FAIL") + ": " + name)
PY
rc=$?
relay_results "$tmp/consistency"
expect_eq "the consistency checker exits 0" 0 "$rc"
expect_eq "the consistency checker gives its 8 results" 8 "$(grep -c -E '^(PASS|FAIL): ' "$tmp/consistency")"

"$zswapctl" stats --format=prometheus "$dev" >"$tmp/prom"
check "prometheus shows the swap as active" grep -q "^zswapctl_swap_active{device=\"$dev\"} 1\$" "$tmp/prom"
"$zswapctl" swap-ops status "$dev" >/dev/null 2>"$tmp/err"
rc=$?
if [ -e "/sys/block/$dev/swap_ops" ]; then
	check "swap-ops status on a kernel with the series" test $rc -eq 0
else
	check "swap-ops status without the series: exit 3 and says so" \
		eval "[ $rc -eq 3 ] && grep -q 'no swap_ops' '$tmp/err'"
fi

finish
