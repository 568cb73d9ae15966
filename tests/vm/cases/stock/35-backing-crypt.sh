#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 480
#
# Encrypted writeback (on by default): a file: backing device goes through
# a plain dm-crypt mapping with a random key. Pages holding a known marker
# are pushed to swap and written back: the marker is readable through the
# mapping (it was written back), but neither the backing file nor the loop
# device below holds a copy; the pages read back intact; teardown leaves no
# dm or loop device. Then the same for a block device. libcryptsetup's
# messages are our debug messages: a plain setup prints none, -vv shows them.
. /zvm/lib.sh
need_cmd zswapctl
load_zram || exit 0
modprobe loop 2>/dev/null
for m in dm_mod dm_crypt xts; do
	modprobe "$m" 2>/dev/null || { skip crypt "modprobe $m failed"; finish; exit 0; }
done
make_tmpdir tmp zvm-backing-crypt
# The text pages of pageout (tests/vm/pageout.c) carry this phrase.
marker="compressible text for zswapctl"
# Writeback fills the backing device from its start: the first 32 MiB of a
# device hold it (reading all 256 MiB of a disk under TCG takes minutes).
# count_marker FILE: how many lines there hold the marker; a FILE that
# cannot be read prints "unreadable: ..." instead of a count, so that no
# check of a count takes it for 0 markers.
count_marker() {
	if [ ! -r "$1" ]; then
		echo "unreadable: $1 (no such file, or no read permission)"
		return 1
	fi
	rm -f "$tmp/marker-rc"
	_count=$({ head -c 33554432 "$1" 2>"$tmp/marker-err"; echo $? >"$tmp/marker-rc"; } |
		grep -a -c "$marker")
	# grep -c prints 0 and exits 1 when no line matches: the count is the answer
	if [ "$(cat "$tmp/marker-rc" 2>/dev/null)" != 0 ]; then
		echo "unreadable: $1 (head: $(excerpt "$tmp/marker-err"))"
		return 1
	fi
	case $_count in
	'' | *[!0-9]*) echo "unreadable: $1 (grep counted '$_count')"; return 1 ;;
	esac
	echo "$_count"
}
dm_devices() { ls -d /sys/block/dm-* 2>/dev/null | wc -l; }
loops_with_file() { cat /sys/block/loop*/loop/backing_file 2>/dev/null | wc -l; }
dm0=$(dm_devices)
loops0=$(loops_with_file)

img=$tmp/zram0-wb.img
printf '[zram0]\nsize = 32M\nbacking-device = file:%s:16M\n' "$img" >"$tmp/c.conf"
on_exit "zswapctl teardown -c $tmp/c.conf"
run zswapctl setup --dry-run -c "$tmp/c.conf"
expect_grep crypt-plan-says-so "encrypt the loop device with dm-crypt (aes-xts-plain64" "$out"
run zswapctl config check "$tmp/c.conf"
expect_grep crypt-config-check "^backing-encryption = yes" "$out"
run zswapctl setup -c "$tmp/c.conf"
info "$(cat "$out" "$err")"
expect_exit crypt-setup 0
# libcryptsetup's own messages (its look for a leftover mapping says the
# device "is not active") are debug messages of ours, shown only with -vv.
expect_no_grep crypt-setup-quiet-stdout "is not active" "$out"
expect_no_grep crypt-setup-quiet-stderr "is not active" "$err"
expect_eq crypt-backing-dev /dev/mapper/zswapctl-zram0 "$(cat /sys/block/zram0/backing_dev)"
run zswapctl stats --json zram0
expect_grep crypt-stats-says-encrypted '"backing_encrypted": true' "$out"
run zswapctl status -o NAME,BACKING,ENCRYPTED --raw --noheadings
expect_eq crypt-status-says-encrypted "/dev/zram0 /dev/mapper/zswapctl-zram0 yes" "$(cat "$out")"
# Without udev the mapper node is a node, not a link: find dm-N by name.
dm=$(grep -l '^zswapctl-zram0$' /sys/block/dm-*/dm/name 2>/dev/null | cut -d/ -f4)
loopdev=/dev/$(ls /sys/block/"$dm"/slaves/)
info "mapping $dm over $loopdev"
case $loopdev in
/dev/loop*) pass crypt-over-loop ;;
*) die crypt-over-loop "the mapping is over $loopdev" ;;
esac

pageout_hold 16 crypt-pageout
run zswapctl writeback --idle zram0
info "writeback: $(cat "$out" "$err")"
expect_exit crypt-writeback-exit 0
written=$(awk '{print $3}' /sys/block/zram0/bd_stat)
check "crypt-written-back ($written pages)" test "$written" -gt 0
sync
check "crypt-marker-through-the-mapping ($(count_marker /dev/mapper/zswapctl-zram0))" \
	test "$(count_marker /dev/mapper/zswapctl-zram0)" -gt 0
expect_eq crypt-no-marker-in-the-file 0 "$(count_marker "$img")"
expect_eq crypt-no-marker-on-the-loop-device 0 "$(count_marker "$loopdev")"
pageout_release crypt-readback-checksums

run zswapctl setup -c "$tmp/c.conf"
expect_grep crypt-idempotent "nothing to do" "$out"
run zswapctl teardown -c "$tmp/c.conf"
expect_exit crypt-teardown-exit 0
expect_eq crypt-teardown-no-dm "$dm0" "$(dm_devices)"
expect_eq crypt-teardown-no-loop "$loops0" "$(loops_with_file)"
check crypt-teardown-keeps-the-file test -f "$img"
expect_eq crypt-no-marker-in-the-file-kept 0 "$(count_marker "$img")"

# A block device, encrypted the same way.
printf '[zram0]\nsize = 32M\nbacking-device = /dev/vdb\n' >"$tmp/b.conf"
on_exit "zswapctl teardown -c $tmp/b.conf"
dd if=/dev/zero of=/dev/vdb bs=1M count=16 2>/dev/null
run zswapctl -vv setup -c "$tmp/b.conf"
expect_exit crypt-block-setup 0
expect_grep crypt-block-setup-libcryptsetup-at-debug \
	"libcryptsetup error: Device zswapctl-zram0 is not active" "$err"
expect_eq crypt-block-backing-dev /dev/mapper/zswapctl-zram0 "$(cat /sys/block/zram0/backing_dev)"
pageout_hold 16 crypt-block-pageout
run zswapctl writeback --idle zram0
expect_exit crypt-block-writeback-exit 0
sync
check crypt-block-marker-through-the-mapping test "$(count_marker /dev/mapper/zswapctl-zram0)" -gt 0
expect_eq crypt-block-no-marker-on-vdb 0 "$(count_marker /dev/vdb)"
pageout_release crypt-block-readback-checksums
run zswapctl teardown -c "$tmp/b.conf"
expect_exit crypt-block-teardown-exit 0
expect_eq crypt-block-teardown-no-dm "$dm0" "$(dm_devices)"
finish
