#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# Run by tests/vm/capture-fixtures.sh (tests/vm/run stock --cases
# tests/vm/capture): zram0 as swap with a backing device, pages pushed out,
# marked idle and written back; then a dump of what zswapctl reads, sent as a
# base64 tar over the data channel (/dev/ttyS1) between
# @@ZVM-DUMP-BEGIN@@ and @@ZVM-DUMP-END@@ lines.
. /zvm/lib.sh
. /zvm/dump-sysroot.sh

load_zram capture || exit 0
need_file /sys/block/zram0/backing_dev capture
Z=/sys/block/zram0

# order matters: backing_dev and the algorithm before disksize
echo /dev/vda >$Z/backing_dev || die capture "cannot set backing_dev"
echo zstd >$Z/comp_algorithm || die capture "cannot set zstd"
echo 64M >$Z/disksize || die capture "cannot set disksize"
mkswap /dev/zram0 >/dev/null || die capture "mkswap failed"
swapon /dev/zram0 || die capture "swapon failed"

pageout -m 32 -r 25 -H -H >"$ZVM_WORK/pageout.out" 2>&1 &
pid=$!
i=0
while ! grep -q READY "$ZVM_WORK/pageout.out"; do
	i=$((i + 1))
	if [ $i -gt 1200 ] || ! kill -0 $pid 2>/dev/null; then
		cat "$ZVM_WORK/pageout.out"
		die capture "pageout did not get ready"
	fi
	usleep 100000
done
cat "$ZVM_WORK/pageout.out"

echo all >$Z/idle || fail capture-idle "echo all > idle failed"
echo idle >$Z/writeback || fail capture-writeback "echo idle > writeback failed"
# shellcheck disable=SC2046
set -- $(cat $Z/bd_stat)
info "bd_stat: $* mm_stat: $(cat $Z/mm_stat)"
if [ "${3:-0}" -gt 0 ]; then
	pass capture-writeback
else
	fail capture-writeback "bd_stat shows no page written back: $*"
fi

# read everything back, also the pages on the backing device, and take the
# dump while the memory is still mapped (bd_stat counts reads too)
kill -USR1 $pid
i=0
while ! grep -q VERIFIED "$ZVM_WORK/pageout.out"; do
	i=$((i + 1))
	if [ $i -gt 1200 ] || ! kill -0 $pid 2>/dev/null; then
		break
	fi
	usleep 100000
done
# and some more pages that stay compressed in zram
pageout -m 16 -r 0 -s 7 -H >"$ZVM_WORK/pageout2.out" 2>&1 &
pid2=$!
i=0
while ! grep -q READY "$ZVM_WORK/pageout2.out"; do
	i=$((i + 1))
	if [ $i -gt 1200 ] || ! kill -0 $pid2 2>/dev/null; then
		break
	fi
	usleep 100000
done
rm -rf /tmp/dump
dump_sysroot zram0 /tmp/dump || die capture "dump failed"
ls -l /sys/class/zram-control >/tmp/dump/zram-control.ls
info "bd_stat: $(cat $Z/bd_stat) mm_stat: $(cat $Z/mm_stat)"
kill -USR1 $pid $pid2
if wait $pid && wait $pid2; then
	pass capture-verify
else
	fail capture-verify "pageout found changed pages after writeback"
fi
grep verified "$ZVM_WORK/pageout.out"

{
	echo "@@ZVM-DUMP-BEGIN@@"
	tar -C /tmp/dump -cf - . | base64
	echo "@@ZVM-DUMP-END@@"
} >"$ZVM_CHANNEL" || die capture "cannot write to $ZVM_CHANNEL"
pass capture
