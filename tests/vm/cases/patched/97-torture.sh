#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 600
#
# Patched kernel, torture: for TORTURE_SECONDS (default 120, zvm.torture=S
# on the kernel command line) checksumming workers swap through zram0
# (backing device, lz4 recompression) and a second, lower-priority zram1
# inside a cgroup whose memory.max forces real reclaim: anonymous memory,
# fork/COW, shmem, 64 KiB mTHP, and page_index= writeback of the very slot
# a worker is faulting in (swaptest wbrace: "window" counts the writebacks
# that began and returned inside that page's access; the case fails if the
# window was never hit). Meanwhile: swap_ops flips on zram0, idle
# marking, writeback, recompress type=idle and compaction on zram0,
# swapoff/swapon cycles of zram1, reset and hot_remove of the active zram0
# (must fail with EBUSY), cpu1 offline and online.
# Then: every worker verified every page; no failed I/O on either path;
# pswpin equals the pages read on both paths of both devices, up to one
# header page per swapon (read through the page cache, not swap). The host
# fails the case on any WARNING/BUG/lockdep report.
. /zvm/lib.sh
load_zram || exit 0
need_file /sys/block/zram0/swap_ops
need_file /sys/block/zram0/backing_dev
need_cmd swaptest

secs=120
read -r cmdline </proc/cmdline
for kv in $cmdline; do
	case "$kv" in zvm.torture=*) secs=${kv#zvm.torture=} ;; esac
done

bdev=
for d in $ZVM_DISKS; do [ -b "$d" ] && bdev=$d && break; done
[ -n "$bdev" ] || { skip torture "no scratch disk for the backing device"; exit 0; }

CG=/sys/fs/cgroup
grep -q " $CG cgroup2 " /proc/mounts || mount -t cgroup2 none "$CG" ||
	die torture-setup "cannot mount cgroup2"
echo "+memory +io" >"$CG/cgroup.subtree_control"
mkdir -p "$CG/zvm-torture" || die torture-setup "mkdir cgroup"
echo 48M >"$CG/zvm-torture/memory.max" || die torture-setup "memory.max"

# zram0: backing device, recompression; zram1: plain, swapped on later
# (lower priority)
zram_reset zram0
zram_set zram0 backing_dev "$bdev" || die torture-setup "backing_dev"
recomp=0
if [ -e /sys/block/zram0/recomp_algorithm ] &&
	echo "algo=lz4 priority=1" >/sys/block/zram0/recomp_algorithm 2>/dev/null; then
	recomp=1
fi
zram_set zram0 disksize 192M
mkswap /dev/zram0 >/dev/null && swapon /dev/zram0 || die torture-setup "swapon zram0"
[ -e /sys/block/zram1 ] || cat /sys/class/zram-control/hot_add >/dev/null
zram_swap zram1 64M torture-setup
on_exit "swapoff /dev/zram1 2>/dev/null; zram_reset zram1; swapoff /dev/zram0 2>/dev/null; zram_reset zram0; rmdir $CG/zvm-torture 2>/dev/null"
if [ -e /sys/kernel/mm/transparent_hugepage/hugepages-64kB/enabled ]; then
	echo always >/sys/kernel/mm/transparent_hugepage/hugepages-64kB/enabled
	echo always >/sys/kernel/mm/transparent_hugepage/hugepages-64kB/shmem_enabled 2>/dev/null
fi

snap_all() { echo "$(swaptest snap zram0) $(swaptest snap zram1)"; }
# reads FIELDS...: the sum of the named swap_ops_stat fields over a snap_all
# line pair (before after): after - before, both devices
reads() {
	awk -v want="$3" -v a="$1" -v b="$2" 'BEGIN {
		n = split("ops_reads ops_writes bio_reads bio_writes wb_fallback off_fallback ops_notify_free bdev_notify_free ops_failed_reads ops_failed_writes ops_read_ns ops_write_ns bio_read_ns bio_write_ns ops_bd_reads bio_failed_reads bio_failed_writes", name, " ")
		split(a, x, " "); split(b, y, " "); s = 0
		for (i = 1; i <= n; i++) if (index(" " want " ", " " name[i] " "))
			s += (y[i] - x[i]) + (y[i + n] - x[i + n])
		print s }'
}

a=$(snap_all); pin0=$(vmstat pswpin)
end=$(($(date +%s) + secs))
mkdir -p w
# workers: in the cgroup, each in a loop until the end, exit status kept
worker() { # NAME CMD...
	name=$1; shift
	sh -c "echo \$\$ >$CG/zvm-torture/cgroup.procs
		n=0
		while [ \$(date +%s) -lt $end ]; do
			$* >>w/$name.out 2>&1 || { echo FAILED >>w/$name.out; exit 1; }
			n=\$((n + 1))
		done
		echo runs=\$n >>w/$name.out" &
	eval "pid_$name=\$!"
}
worker anon1 swaptest anon 6144 20
worker anon2 swaptest anon 4096 15
worker fork swaptest fork 4096
worker shmem swaptest shmem 4096
worker mthp swaptest mthp 2048
worker wbrace swaptest wbrace 1024 zram0 3

flips=0 offs=0 swapons=0 busy_reset=0 busy_remove=0 wbs=0 recomps=0
busy_bad=
cpu1=/sys/devices/system/cpu/cpu1/online
while [ "$(date +%s)" -lt "$end" ]; do
	echo off >/sys/block/zram0/swap_ops; usleep 20000
	echo on >/sys/block/zram0/swap_ops; flips=$((flips + 1))
	case $((flips % 10)) in
	1)	echo all >/sys/block/zram0/idle 2>/dev/null
		echo idle >/sys/block/zram0/writeback 2>/dev/null && wbs=$((wbs + 1)) ;;
	3)	if [ $recomp = 1 ]; then
			echo "type=idle" >/sys/block/zram0/recompress 2>/dev/null && recomps=$((recomps + 1))
		fi
		echo 1 >/sys/block/zram0/compact ;;
	5)	if swapoff /dev/zram1 2>/dev/null; then
			swapon /dev/zram1 && swapons=$((swapons + 1))
		fi ;;
	7)	if echo 1 >/sys/block/zram0/reset 2>err; then
			busy_bad="reset of the active zram0 succeeded"
		elif grep -qi busy err; then busy_reset=$((busy_reset + 1)); fi
		if echo 0 >/sys/class/zram-control/hot_remove 2>err; then
			busy_bad="hot_remove of the active zram0 succeeded"
		elif grep -qi busy err; then busy_remove=$((busy_remove + 1)); fi ;;
	9)	if [ -w $cpu1 ]; then
			echo 0 >$cpu1 && offs=$((offs + 1)); usleep 20000; echo 1 >$cpu1
		fi ;;
	esac
done
echo on >/sys/block/zram0/swap_ops
[ -w $cpu1 ] && echo 1 >$cpu1
for w in anon1 anon2 fork shmem mthp wbrace; do
	eval "wait \$pid_$w"; r=$?
	info "$w: exit $r, $(grep -c 'swaptest:' w/$w.out) reports, $(tail -n 1 w/$w.out)"
	expect_eq "torture-$w-intact" 0 "$r"
done
b=$(snap_all); pin=$(($(vmstat pswpin) - pin0))
info "flips $flips, writebacks $wbs, recompressions $recomps, zram1 swapons $swapons," \
	"cpu1 offline $offs, EBUSY reset $busy_reset hot_remove $busy_remove"
info "oom kills: $(grep -h oom_kill "$CG/zvm-torture/memory.events" 2>/dev/null)"

wbsum() { # FIELD: the sum of FIELD= over the wbrace runs
	sed -n "s/.*wbrace rounds=.* $1=\\([0-9]*\\).*/\\1/p" w/wbrace.out | awk '{s += $1} END {print s + 0}'
}
window=$(wbsum window)
info "wbrace: $(wbsum attempts) page_index= writebacks ($(wbsum failed) refused)," \
	"$window inside the fault of their page"
[ "$window" -gt 0 ] && pass torture-wbrace-window-hit ||
	fail torture-wbrace-window-hit "no page_index= writeback ran inside the fault of its page"

[ -z "$busy_bad" ] && [ $busy_reset -gt 0 ] && [ $busy_remove -gt 0 ] &&
	pass torture-ebusy || fail torture-ebusy "${busy_bad:-reset EBUSY $busy_reset, hot_remove EBUSY $busy_remove}"
got=$(reads "$a" "$b" "ops_reads ops_failed_reads bio_reads bio_failed_reads")
info "pswpin +$pin, pages read on both paths of both devices +$got"
if [ "$got" -ge "$pin" ] && [ $((got - pin)) -le "$swapons" ] && [ "$pin" -gt 0 ]; then
	pass torture-pswpin-adds-up
else
	fail torture-pswpin-adds-up "pswpin +$pin, ops+bio reads +$got, $swapons swapons"
fi
expect_eq torture-no-failed-io 0 \
	"$(reads "$a" "$b" "ops_failed_reads ops_failed_writes bio_failed_reads bio_failed_writes")"
if [ "$(reads "$a" "$b" "ops_reads")" -gt 0 ] && [ "$(reads "$a" "$b" "bio_reads")" -gt 0 ] &&
	[ "$(reads "$a" "$b" "ops_bd_reads")" -gt 0 ]; then
	pass torture-all-paths
else
	fail torture-all-paths "ops_reads/bio_reads/ops_bd_reads did not all move"
fi
finish
