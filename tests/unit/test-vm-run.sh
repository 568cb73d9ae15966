#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# tests/vm/run's choice of accelerator (ZSWAPCTL_VM_ACCEL), up to the point
# where it would boot: no VM runs here (the tiers themselves are
# tests/run-all's vm-stock and vm-patched steps).
. "$top_srcdir/tests/unit/lib.sh"

vmrun=$top_srcdir/tests/vm/run

run env ZSWAPCTL_VM_ACCEL=hvf "$vmrun" stock
expect_exit "an unknown accelerator is a usage error" 2
expect_grep "the message names the variable and the choices" \
	'ZSWAPCTL_VM_ACCEL=hvf: not tcg or kvm' "$err"

for accel in tcg kvm; do
	run env ZSWAPCTL_VM_ACCEL=$accel "$vmrun" --no-such-option stock
	expect_exit "ZSWAPCTL_VM_ACCEL=$accel is accepted (then the option is the usage error)" 2
	expect_grep "ZSWAPCTL_VM_ACCEL=$accel: the error is the option's" 'unknown option --no-such-option' "$err"
done

run "$vmrun" --help
expect_exit "--help exits 0" 0
expect_grep "--help documents ZSWAPCTL_VM_ACCEL" 'ZSWAPCTL_VM_ACCEL' "$out"
done_testing
