# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh
#
# Helpers for the case scripts of tests/vm/cases/<tier>/*.sh.
#
# Sourced inside the test VM (busybox sh) as /zvm/lib.sh:
#
#     #!/bin/sh
#     # zvm-timeout: 120        (optional, seconds; default given by the runner)
#     . /zvm/lib.sh
#     load_zram || exit 0
#     ...
#     pass zram-basic
#
# The vocabulary (pass, fail, skip, die, check, expect_eq, expect_grep,
# run, expect_exit, on_exit, make_tmpdir, finish) is tests/functions.sh,
# copied to /zvm/functions.sh; here is what the VM adds to it. Result
# lines: `PASS: NAME`, `FAIL: NAME (MSG)`, `SKIP: NAME (REASON)`.
# They go to stdout (the console log), to $ZVM_RESULTS and, as they are
# reported, to the kernel log (/dev/kmsg), so that they reach the host in order
# with kernel messages; the host prefixes them with the tier
# (PASS: vm-stock/NAME). A case
# script may report several results; one that reports none is a FAIL.
#
# The environment of a case:
#   ZVM_TIER      stock | patched
#   ZVM_CASE      the script's name without .sh
#   ZVM_RESULTS   file the result helpers append to
#   ZVM_CHANNEL   /dev/ttyS1: a second serial port, captured on the host as
#                 channel.log (a clean data channel: no kernel messages)
#   ZVM_DISKS     "/dev/vda /dev/vdb": scratch disks, 256 MiB each, empty
#   ZVM_WORK      an empty directory on tmpfs, also the working directory
#
# Busybox 1.35 swapon has no -p (priority): zswapctl sets it itself.
#
# Between cases /init runs `swapoff -a` and resets every zram device, so a
# case that fails half-way does not break the next one. Do not copy the
# kernel log (dmesg) to stdout: the host scans the console for kernel
# warnings and would take the copy for a new one.

ZVM_RESULTS=${ZVM_RESULTS:-/dev/null}
ZVM_CASE=${ZVM_CASE:-${0##*/}}

. /zvm/functions.sh

# report_result STATUS NAME [WHY]: the result line, everywhere at once
report_result() {
	_zvm_line="$1: $2${3:+ ($3)}"
	echo "$_zvm_line"
	echo "$_zvm_line" >>"$ZVM_RESULTS"
	# at once, so that a result survives a crash later in the case
	if [ -n "${ZVM_KMSG:-}" ]; then
		echo "<5>zvm: result $_zvm_line" >/dev/kmsg
	fi
}

# info MSG...: a note in the console log
info() {
	echo "# $ZVM_CASE: $*"
}

# need_file PATH [NAME]: skip NAME (default: the case) and end the case if
# PATH does not exist
need_file() {
	if [ ! -e "$1" ]; then
		skip "${2:-$ZVM_CASE}" "$1 missing"
		exit 0
	fi
}

# need_cmd CMD [NAME]: skip NAME and end the case if CMD is not in PATH
need_cmd() {
	if ! command -v "$1" >/dev/null 2>&1; then
		skip "${2:-$ZVM_CASE}" "$1 not installed in the VM (run with --destdir?)"
		exit 0
	fi
}

# wait_for PATH [SECONDS]: wait until PATH exists (default 10 s)
wait_for() {
	_i=0
	while [ ! -e "$1" ]; do
		_i=$((_i + 1))
		[ "$_i" -gt "$((${2:-10} * 10))" ] && return 1
		usleep 100000
	done
	return 0
}

# zram_loaded: zram is available (loaded module or built in)
zram_loaded() {
	[ -d /sys/class/zram-control ]
}

# load_zram [NAME]: make zram available: modprobe it if it is a module.
# Skips NAME (default: the case) and returns 1 if that is impossible.
load_zram() {
	zram_loaded && return 0
	modprobe zram 2>&1 || true
	if ! wait_for /sys/class/zram-control 5; then
		skip "${1:-$ZVM_CASE}" "no zram in this kernel"
		return 1
	fi
	return 0
}

# zram_attr DEV ATTR: print /sys/block/DEV/ATTR
zram_attr() {
	cat "/sys/block/$1/$2"
}

# zram_set DEV ATTR VALUE: write VALUE to /sys/block/DEV/ATTR
zram_set() {
	echo "$3" >"/sys/block/$1/$2"
}

# zram_reset DEV: swapoff (if it is swap) and reset DEV
zram_reset() {
	swapoff "/dev/$1" 2>/dev/null
	echo 1 >"/sys/block/$1/reset"
}
# zram_swap DEV SIZE NAME: DEV reset, SIZE big, swapped on; NAME fails
# and the case ends when it cannot be.
zram_swap() {
	zram_reset "$1"
	zram_set "$1" disksize "$2"
	mkswap "/dev/$1" >/dev/null && swapon "/dev/$1" || die "$3" "swapon /dev/$1 failed"
}

# swap_active DEV: DEV is listed in /proc/swaps
swap_active() {
	grep -q "^/dev/$1[[:space:]]" /proc/swaps
}

# vmstat FIELD: print a /proc/vmstat counter
vmstat() {
	awk -v f="$1" '$1 == f { print $2 }' /proc/vmstat
}

# pageout_hold MB NAME: MB of pages pushed out to swap and held there by a
# pageout in the background ($po is its pid); NAME fails and the case ends
# when it does not get there within a minute. pageout_release NAME: the
# held pages come back; NAME passes if each matches its checksum.
pageout_hold() {
	# Emptied here, not by the redirection: that runs in the background
	# child, and until it does the loop below can read the READY of the
	# pageout before and go on while this one has not started.
	: >"$tmp_run/pageout"
	pageout -m "$1" -r 0 -H >>"$tmp_run/pageout" 2>&1 &
	po=$!
	on_exit "kill -USR1 $po"
	_i=0
	while ! grep -q READY "$tmp_run/pageout" && [ $_i -lt 600 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	grep -q READY "$tmp_run/pageout" || die "$2" "$(excerpt "$tmp_run/pageout")"
}
pageout_release() {
	kill -USR1 "$po"
	wait "$po"
	expect_eq "$1" 0 "$?"
}
