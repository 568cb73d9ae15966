#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zvm-timeout: 300
#
# Patched kernel: swap-in through the swap cache (a forked child reads
# entries it shares with its parent) and shmem pages go through swap_ops
# and come back intact.
. /zvm/lib.sh
load_zram || exit 0
need_file /sys/block/zram0/swap_ops
need_cmd swaptest

zram_swap zram0 256M swap-ops-fork

a=$(swaptest snap zram0)
check swap-ops-fork-integrity swaptest fork 2048
b=$(swaptest snap zram0)
check swap-ops-fork-counters swaptest expect "$a" "$b" ops_writes\>=1800 \
	ops_reads\>=1800 bio_reads==0 bio_writes==0

check swap-ops-shmem-integrity swaptest shmem 2048
c=$(swaptest snap zram0)
check swap-ops-shmem-counters swaptest expect "$b" "$c" ops_writes\>=1800 \
	ops_reads\>=1800 bio_reads==0 bio_writes==0
zram_reset zram0
