#!/bin/bash
# Minimal standalone proof that the patched kernel boots and that swap to
# zram goes through swap_ops: boots the bzImage under qemu (TCG) with a tiny
# initramfs (static busybox + tests/vm/swaptest.c) and checks, in the VM:
#   - /sys/block/zram0/swap_ops reads "on", swap_ops_stat has 17 fields
#   - mkswap + swapon /dev/zram0; pages pushed out with MADV_PAGEOUT and read
#     back with checksums move ops_writes/ops_reads and not bio_*
#   - after `echo off > swap_ops` the same moves bio_* and off_fallback
#   - slot frees after munmap arrive through swap_ops (ops_notify_free)
#   - reset clears swap_ops_stat and keeps the switch
# and, on the host, that the console has no WARNING:/BUG:/lockdep report.
#
# usage: kernel/boot-smoke.sh [BZIMAGE]   (default: the output of build.sh)
# Exit status: 0 pass, 1 fail.  The console log is kept in
# ${ZSWAPCTL_CACHE:-/var/cache/zswapctl}/kernel/boot-smoke.log.
set -euo pipefail

KDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$KDIR")
CACHE=${ZSWAPCTL_CACHE:-/var/cache/zswapctl}

if [ $# -ge 1 ]; then
	BZ=$1
else
	BZ=$("$KDIR/build.sh" | tail -n1)
fi
[ -f "$BZ" ] || { echo "boot-smoke: no bzImage at $BZ" >&2; exit 1; }

BUSYBOX=${BUSYBOX:-/bin/busybox}
if [ ! -x "$BUSYBOX" ] || readelf -l "$BUSYBOX" 2>/dev/null | grep -q INTERP; then
	echo "boot-smoke: $BUSYBOX missing or not static (install busybox-static)" >&2
	exit 1
fi

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/root/bin" "$T/root/proc" "$T/root/sys" "$T/root/dev" "$T/root/tmp"
cp "$BUSYBOX" "$T/root/bin/busybox"
gcc -static -O2 -Wall -o "$T/root/bin/swaptest" "$ROOT/tests/vm/swaptest.c"

cat >"$T/root/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
Z=/sys/block/zram0
ok=1
res() { if [ "$1" = 0 ]; then echo "SMOKE: PASS $2"; else echo "SMOKE: FAIL $2"; ok=0; fi; }

echo "SMOKE: kernel $(uname -r)"
[ "$(cat $Z/swap_ops)" = on ]; res $? swap_ops-default-on
set -- $(cat $Z/swap_ops_stat)
[ $# = 17 ]; res $? "swap_ops_stat-17-fields ($#)"

echo lz4 > $Z/comp_algorithm
echo 256M > $Z/disksize
mkswap /dev/zram0 >/dev/null && swapon /dev/zram0; res $? swapon

a=$(swaptest snap zram0)
swaptest anon 4096; res $? anon-integrity-swap_ops-on
b=$(swaptest snap zram0)
swaptest expect "$a" "$b" ops_writes\>=3700 ops_reads\>=3700 bio_reads==0 \
	bio_writes==0 off_fallback==0 ops_failed_writes==0 ops_failed_reads==0
res $? counters-swap_ops-on

echo off > $Z/swap_ops
[ "$(cat $Z/swap_ops)" = off ]; res $? swap_ops-reads-off
swaptest anon 4096; res $? anon-integrity-swap_ops-off
c=$(swaptest snap zram0)
swaptest expect "$b" "$c" bio_writes\>=3700 bio_reads\>=3700 off_fallback\>=7400 \
	ops_writes==0 ops_reads==0
res $? counters-swap_ops-off

echo 1 > $Z/swap_ops
swaptest munmap 2048; res $? munmap
d=$(swaptest snap zram0)
swaptest expect "$c" "$d" ops_notify_free\>=1800 bdev_notify_free==0 ops_writes\>=1800
res $? slot-free-through-swap_ops

swapoff /dev/zram0
echo off > $Z/swap_ops
echo 1 > $Z/reset
set -- $(cat $Z/swap_ops_stat)
[ "$*" = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0" ]; res $? reset-clears-stat
[ "$(cat $Z/swap_ops)" = off ]; res $? reset-keeps-switch
echo on > $Z/swap_ops

echo "SMOKE: vmstat $(grep -E "pswp(in|out)" /proc/vmstat | tr "\n" " ")"
echo "SMOKE: DONE ok=$ok"
sync
poweroff -f
EOF
chmod +x "$T/root/init"
(cd "$T/root" && find . | cpio -o -H newc --quiet | gzip -1) >"$T/initrd.gz"

mkdir -p "$CACHE/kernel"
LOG=$CACHE/kernel/boot-smoke.log
START=$(date +%s)
timeout 600 qemu-system-x86_64 -accel tcg -m 1G -smp 2 -nographic -no-reboot \
	-kernel "$BZ" -initrd "$T/initrd.gz" \
	-append "console=ttyS0 panic_on_warn=1 panic=-1 no_timer_check" </dev/null >"$LOG" 2>&1 || true
echo "boot-smoke: qemu ran $(( $(date +%s) - START ))s, console log: $LOG" >&2

grep -E '^SMOKE:|^swaptest:' "$LOG" | tr -d '\r'
rc=0
if grep -nE 'WARNING:|BUG:|INFO: |possible circular|possible recursive|inconsistent lock state|lockdep is turned off|DEBUG_LOCKS_WARN_ON|Kernel panic|Call Trace' "$LOG" >&2; then
	echo "boot-smoke: FAIL: kernel warnings in the console log" >&2
	rc=1
fi
grep -q 'SMOKE: DONE ok=1' "$LOG" || rc=1
if [ $rc = 0 ]; then
	echo "boot-smoke: PASS"
else
	echo "boot-smoke: FAIL"
fi
exit $rc
