#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# Patched kernel: the same work moves the same accounting with swap_ops on
# and off. A process in a cgroup (io and memory controllers) pushes 2048
# pages out and reads them back; per mode, against pswpin/pswpout of that
# run: vmstat pgpgin/pgpgout (KiB), the task's read_bytes (/proc/PID/io,
# reaped children included), the cgroup's io.stat rbytes/wbytes for zram0,
# zram0's own read/write sectors (a declined request counted once), and
# pswpin = ops_reads + bio_reads (+ failed pages, none here).
. /zvm/lib.sh
load_zram || exit 0
need_file /sys/block/zram0/swap_ops
need_cmd swaptest

CG=/sys/fs/cgroup
grep -q " $CG cgroup2 " /proc/mounts || mount -t cgroup2 none "$CG" ||
	die acct-cgroup "cannot mount cgroup2 on $CG"
grep -qw io "$CG/cgroup.controllers" || die acct-cgroup "no io controller: $(cat "$CG/cgroup.controllers")"
echo "+io +memory" >"$CG/cgroup.subtree_control" || die acct-cgroup "cannot enable io and memory"
mkdir -p "$CG/zvm-acct" || die acct-cgroup "mkdir $CG/zvm-acct"
on_exit "rmdir $CG/zvm-acct"

zram_swap zram0 256M acct-swapon
dev=$(cat /sys/block/zram0/dev)

# iostat KEY: KEY=value of zram0's line in the cgroup's io.stat (0 if none yet)
iostat() {
	awk -v d="$dev" -v k="$1" '$1 == d { for (i = 2; i <= NF; i++) {
		split($i, kv, "="); if (kv[1] == k) v = kv[2] } } END { print v + 0 }' \
		"$CG/zvm-acct/io.stat"
}
# sectors N: field N of /sys/block/zram0/stat
sectors() {
	set -- "$1" $(cat /sys/block/zram0/stat)
	shift "$1"
	echo "$1"
}

for mode in on off; do
	zram_set zram0 swap_ops $mode
	a=$(swaptest snap zram0)
	pi0=$(vmstat pswpin); po0=$(vmstat pswpout)
	gi0=$(vmstat pgpgin); go0=$(vmstat pgpgout)
	rb0=$(iostat rbytes); wb0=$(iostat wbytes)
	sr0=$(sectors 3); sw0=$(sectors 7)
	# the shell joins the cgroup, runs swaptest and reads its own io
	# counters after reaping it: they include the child's
	sh -c "echo \$\$ >$CG/zvm-acct/cgroup.procs && swaptest anon 2048 &&
		cat /proc/\$\$/io" >io.$mode 2>&1
	expect_eq "acct-$mode-integrity" 0 "$?"
	b=$(swaptest snap zram0)
	pi=$(($(vmstat pswpin) - pi0)); po=$(($(vmstat pswpout) - po0))
	gi=$(($(vmstat pgpgin) - gi0)); go=$(($(vmstat pgpgout) - go0))
	rb=$(($(iostat rbytes) - rb0)); wb=$(($(iostat wbytes) - wb0))
	sr=$(($(sectors 3) - sr0)); sw=$(($(sectors 7) - sw0))
	rd=$(awk '$1 == "read_bytes:" { print $2 }' io.$mode)
	info "$mode: pswpin $pi pswpout $po pgpgin $gi pgpgout $go read_bytes $rd" \
		"io.stat rbytes $rb wbytes $wb zram0 sectors r $sr w $sw"

	if [ "$pi" -ge 2000 ] && [ "$po" -ge 2000 ]; then
		pass "acct-$mode-swapped"
	else
		fail "acct-$mode-swapped" "pswpin +$pi pswpout +$po, expected >= 2000 each"
	fi
	expect_eq "acct-$mode-pgpgin" $((pi * 4)) "$gi"
	expect_eq "acct-$mode-pgpgout" $((po * 4)) "$go"
	expect_eq "acct-$mode-task-read-bytes" $((pi * 4096)) "$rd"
	expect_eq "acct-$mode-iostat-rbytes" $((pi * 4096)) "$rb"
	expect_eq "acct-$mode-iostat-wbytes" $((po * 4096)) "$wb"
	expect_eq "acct-$mode-zram-read-sectors" $((pi * 8)) "$sr"
	expect_eq "acct-$mode-zram-write-sectors" $((po * 8)) "$sw"
	if [ $mode = on ]; then
		check acct-on-path swaptest expect "$a" "$b" ops_reads==$pi \
			ops_writes==$po bio_reads==0 bio_writes==0 off_fallback==0
	else
		check acct-off-path swaptest expect "$a" "$b" bio_reads==$pi \
			bio_writes==$po ops_reads==0 ops_writes==0 \
			off_fallback==$((pi + po))
	fi
	check "acct-$mode-no-failures" swaptest expect "$a" "$b" \
		ops_failed_reads==0 ops_failed_writes==0 bio_failed_reads==0 \
		bio_failed_writes==0
done
zram_set zram0 swap_ops on
zram_reset zram0
finish
