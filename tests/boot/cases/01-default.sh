# SPDX-License-Identifier: GPL-2.0-or-later
# No configuration file: the embedded default, on the stock kernel (zram a
# module, loaded by setup) and the patched one (built in, swap_ops).
CASE_TIERS="stock patched"
case_prepare() { :; }
# The stop probe's line: teardown ran at shutdown and left nothing.
case_after_boot() {
	local want="zvm-stop: result=success zram-swaps=0 zram0-disksize=0"
	if grep -q "^$want" "$1"; then
		result "PASS: vm-boot-$TIER/$CASE/teardown at shutdown: zram0 swapped off and reset"
	else
		result "FAIL: vm-boot-$TIER/$CASE/teardown at shutdown: zram0 swapped off and reset ($(grep zvm-stop "$1" || echo 'no probe line'))"
	fi
}
