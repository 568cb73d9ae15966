# SPDX-License-Identifier: GPL-2.0-or-later
# systemd told it runs in a container (container= in PID 1's environment,
# from the kernel command line): zswapctl does nothing.
CASE_TIERS="stock patched"
CASE_APPEND="container=zvm"
case_prepare() {
	mkdir -p "$1/etc"
	: >"$1/etc/fstab"
}
