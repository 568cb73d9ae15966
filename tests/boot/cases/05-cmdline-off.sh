# SPDX-License-Identifier: GPL-2.0-or-later
# zswapctl.disable=yes on the kernel command line.
CASE_TIERS="stock patched"
CASE_APPEND="zswapctl.disable=yes"
case_prepare() { :; }
