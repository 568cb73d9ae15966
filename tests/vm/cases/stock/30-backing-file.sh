#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 240
#
# file:PATH:SIZE backing: setup creates the file (ours), attaches a loop
# device with direct I/O, writeback goes there, teardown detaches it; a
# file that is not ours, or a symbolic link, is refused and left alone.
. /zvm/lib.sh
need_cmd zswapctl || exit 0
load_zram || exit 0
modprobe loop 2>/dev/null

printf '[zram0]\nsize = 32M\nbacking-device = file:/tmp/zram0-wb.img:16M\n' >/tmp/f.conf
zswapctl setup -c /tmp/f.conf >/tmp/out 2>&1 || die file-setup "$(cat /tmp/out)"
info "$(cat /tmp/out)"
loopdev=$(cat /sys/block/zram0/backing_dev)
case $loopdev in
/dev/loop*) pass file-loop-attached ;;
*) die file-loop-attached "backing_dev is $loopdev" ;;
esac
expect_eq file-size 16777216 "$(stat -c %s /tmp/zram0-wb.img)"
expect_eq file-loop-backing /tmp/zram0-wb.img "$(cat /sys/block/${loopdev#/dev/}/loop/backing_file)"
expect_eq file-loop-dio 1 "$(cat /sys/block/${loopdev#/dev/}/loop/dio)"

pageout -m 16 -r 0 -H >/tmp/po 2>&1 &
po=$!
i=0; while ! grep -q READY /tmp/po && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
zswapctl writeback --idle zram0 >/tmp/out 2>&1
rc=$?
info "writeback: $(cat /tmp/out)"
expect_eq file-writeback-exit 0 "$rc"
[ "$(awk '{print $3}' /sys/block/zram0/bd_stat)" -gt 0 ] && pass file-writeback-moves-bd_writes || fail file-writeback-moves-bd_writes
kill -USR1 $po
wait $po
expect_eq file-readback-checksums 0 "$?"

zswapctl setup -c /tmp/f.conf >/tmp/out 2>&1
grep -q "nothing to do" /tmp/out && pass file-idempotent || fail file-idempotent "$(cat /tmp/out)"
zswapctl teardown -c /tmp/f.conf >/tmp/out 2>&1
expect_eq file-teardown-exit 0 "$?"
[ -e /sys/block/${loopdev#/dev/}/loop/backing_file ] && fail file-loop-detached || pass file-loop-detached

# A second setup reuses the file it made.
zswapctl setup -c /tmp/f.conf >/tmp/out 2>&1
expect_eq file-reuse-exit 0 "$?"
zswapctl teardown -c /tmp/f.conf >/dev/null 2>&1

# Someone else's file, and a symbolic link: refused, untouched.
echo "precious" >/tmp/other.img
printf '[zram0]\nsize = 32M\nbacking-device = file:/tmp/other.img:16M\n' >/tmp/o.conf
zswapctl setup -c /tmp/o.conf >/tmp/out 2>&1
expect_eq file-not-ours-exit 1 "$?"
grep -q "not created by zswapctl" /tmp/out && pass file-not-ours-message || fail file-not-ours-message "$(cat /tmp/out)"
expect_eq file-not-ours-untouched precious "$(cat /tmp/other.img)"
expect_eq file-not-ours-zram0-untouched 0 "$(cat /sys/block/zram0/disksize)"
ln -s /tmp/other.img /tmp/link.img
printf '[zram0]\nsize = 32M\nbacking-device = file:/tmp/link.img:16M\n' >/tmp/l.conf
zswapctl setup -c /tmp/l.conf >/tmp/out 2>&1
expect_eq file-symlink-exit 1 "$?"
expect_eq file-symlink-untouched precious "$(cat /tmp/other.img)"
