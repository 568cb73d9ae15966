#!/bin/bash
# Run the kernel's own selftests that exercise swap to zram on the patched
# kernel, with swap_ops on: tools/testing/selftests/mm/cow (its swap cases
# need active swap: zram0 is swap during the run) and
# tools/testing/selftests/zram (zram01.sh: ext4 on zram, with the host's
# mke2fs copied into the VM as mkfs.ext4, skipped without one; zram02.sh:
# swap on zram).
#
# The selftests are built from the patched source tree that kernel/build.sh
# keeps next to the bzImage (<cache>/kernel/<hash>/src), statically, and run
# under qemu (TCG) with panic_on_warn=1.  Afterwards swap_ops_stat must show
# that cow's swap traffic went through swap_ops and not through bios.
#
# usage: kernel/selftests.sh [BZIMAGE]   Exit status: 0 pass, 1 fail.
# Console log: ${ZSWAPCTL_CACHE:-/var/cache/zswapctl}/kernel/selftests.log
set -euo pipefail

KDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$KDIR")
CACHE=${ZSWAPCTL_CACHE:-/var/cache/zswapctl}

if [ $# -ge 1 ]; then
	BZ=$1
else
	BZ=$("$KDIR/build.sh" | tail -n1)
fi
SRC=$(dirname "$BZ")/src
[ -f "$BZ" ] && [ -d "$SRC/tools/testing/selftests" ] ||
	{ echo "selftests: need $BZ and its source tree $SRC" >&2; exit 1; }
BUSYBOX=${BUSYBOX:-/bin/busybox}

T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
R=$T/root
mkdir -p "$R/bin" "$R/proc" "$R/sys" "$R/dev" "$R/tmp" "$R/st"
cp "$BUSYBOX" "$R/bin/busybox"
gcc -static -O2 -Wall -o "$R/bin/swaptest" "$ROOT/tests/vm/swaptest.c"

# uapi headers of this tree, then cow (without liburing)
make -s -C "$SRC" O="$T/hobj" headers_install INSTALL_HDR_PATH="$T/hdr" >&2
echo '/* built by kernel/selftests.sh: no liburing */' >"$T/local_config.h"
M=$SRC/tools/testing/selftests/mm
gcc -static -O2 -w -I"$T" -I"$T/hdr/include" -o "$R/st/cow" \
	"$M/cow.c" "$M/vm_util.c" "$M/thp_settings.c"
cp "$SRC"/tools/testing/selftests/zram/*.sh "$R/st/"

# zram01.sh makes and mounts ext4 on zram: busybox has no mkfs.ext4, so
# e2fsprogs' mke2fs comes along with the shared libraries it needs.
if MKE2FS=$(command -v mke2fs || command -v /sbin/mke2fs); then
	cp -L "$MKE2FS" "$R/bin/mkfs.ext4"
	ldd "$MKE2FS" | awk '/=> \// { print $3 } /^\t\/lib/ { print $1 }' |
		while read -r lib; do
			mkdir -p "$R$(dirname "$lib")"
			cp -L "$lib" "$R$lib"
		done
fi

cat >"$R/init" <<'EOF'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin:/st
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
Z=/sys/block/zram0
echo "ST: swap_ops $(cat $Z/swap_ops)"
echo 512M > $Z/disksize
mkswap /dev/zram0 >/dev/null && swapon /dev/zram0
a=$(swaptest snap zram0)
/st/cow > /tmp/cow.log 2>&1
echo "ST: cow exit $?"
b=$(swaptest snap zram0)
grep -E '^(not ok|# Totals)' /tmp/cow.log | sed 's/^/ST: cow: /'
# the swap cases: [RUN] lines that mention swap, and their results
awk '/^# \[RUN\]/ { sw = ($0 ~ /swap/) }
	/^(ok|not ok) / && sw {
		if ($0 ~ /# SKIP/) { s++; why[$0]++ } else if ($1 == "ok") p++; else f++
	}
	END {
		print "ST: cow swap cases: pass:" p+0 " fail:" f+0 " skip:" s+0
		for (w in why) { sub(/^ok [0-9]+ /, "", w); r[w]++ }
		for (w in r) print "ST: cow swap skip: " w
	}' /tmp/cow.log
swaptest expect "$a" "$b" ops_writes\>0 ops_reads\>0 bio_writes==0 bio_reads==0 \
	ops_failed_reads==0 ops_failed_writes==0 && echo "ST: PASS cow-through-swap_ops" ||
	echo "ST: FAIL cow-through-swap_ops"
swapoff /dev/zram0
echo 1 > $Z/reset
cd /st
for t in zram01 zram02; do
	if [ $t = zram01 ] && ! command -v mkfs.ext4 >/dev/null; then
		echo "ST: SKIP $t (no mkfs.ext4 in the VM)"
		continue
	fi
	sh ./$t.sh > /tmp/$t.log 2>&1
	echo "ST: $t exit $?"
	grep -E "^$t : " /tmp/$t.log | sed 's/^/ST: /'
	grep -E 'FAIL' /tmp/$t.log | sed 's/^/ST: '"$t"': /'
done
echo "ST: DONE"
poweroff -f
EOF
chmod +x "$R/init"
(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1) >"$T/initrd.gz"

mkdir -p "$CACHE/kernel"
LOG=$CACHE/kernel/selftests.log
START=$(date +%s)
timeout 1500 qemu-system-x86_64 -accel tcg -m 1G -smp 2 -nographic -no-reboot \
	-kernel "$BZ" -initrd "$T/initrd.gz" \
	-append "console=ttyS0 panic_on_warn=1 panic=-1 no_timer_check" </dev/null >"$LOG" 2>&1 || true
echo "selftests: qemu ran $(( $(date +%s) - START ))s, console log: $LOG" >&2

tr -d '\r' <"$LOG" | grep -E '^ST: |^swaptest: '
rc=0
if grep -nE 'WARNING:|BUG:|INFO: |possible circular|possible recursive|inconsistent lock state|lockdep is turned off|DEBUG_LOCKS_WARN_ON|Kernel panic|Call Trace' "$LOG" >&2; then
	echo "selftests: FAIL: kernel warnings in the console log" >&2
	rc=1
fi
tr -d '\r' <"$LOG" | grep -q '^ST: DONE' || rc=1
tr -d '\r' <"$LOG" | grep -q '^ST: cow: # Totals: pass:[0-9]* fail:0 ' || rc=1
tr -d '\r' <"$LOG" | grep -q '^ST: PASS cow-through-swap_ops' || rc=1
tr -d '\r' <"$LOG" | grep -qE '^ST: cow swap cases: pass:[1-9][0-9]* fail:0 ' || rc=1
tr -d '\r' <"$LOG" | grep -q '^ST: zram02 : \[PASS\]' || rc=1
# zram_lib.sh's mkswap, swapon and swapoff steps print FAIL without setting
# the test's result, so zram02 says [PASS] after them: any FAIL counts.
if tr -d '\r' <"$LOG" | grep -E '^ST: zram0[12]: .*FAIL' >&2; then
	echo "selftests: FAIL: a step of zram01/zram02 failed (above)" >&2
	rc=1
fi
if ! tr -d '\r' <"$LOG" | grep -q '^ST: SKIP zram01'; then
	tr -d '\r' <"$LOG" | grep -q '^ST: zram01 : \[PASS\]' || rc=1
fi
if [ $rc = 0 ]; then
	echo "selftests: PASS"
else
	echo "selftests: FAIL"
fi
exit $rc
