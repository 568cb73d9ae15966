#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# The unit file: systemd-analyze verify has nothing to say about it, and it
# runs setup at start and teardown at stop, oneshot, before swap.target.
. "$top_srcdir/tests/unit/lib.sh"
unit=$tmpdir/zswapctl.service
# The unit as installed, but pointing at the binary of this build.
sed "s|@sbindir@|${ZSWAPCTL%/*}|" "$top_srcdir/src/systemd/zswapctl.service.in" >"$unit"

if command -v systemd-analyze >/dev/null; then
	# It prints warnings (unknown keys, bad values) but exits 0 for them.
	systemd-analyze verify --man=no "$unit" >"$tmpdir/verify" 2>&1
	rc=$?
	check "systemd-analyze verify exits 0" test $rc -eq 0
	check "systemd-analyze verify has nothing to say" test ! -s "$tmpdir/verify"
	sed 's/^Type=oneshot/Typ=oneshot/' "$unit" >"$tmpdir/broken.service"
	systemd-analyze verify --man=no "$tmpdir/broken.service" >"$tmpdir/verify2" 2>&1
	check "systemd-analyze verify does notice a broken unit" test -s "$tmpdir/verify2"
else
	skip "systemd-analyze not installed"
fi
check "oneshot with RemainAfterExit" eval 'grep -qx "Type=oneshot" "$unit" && grep -qx "RemainAfterExit=yes" "$unit"'
check "ExecStart runs setup" grep -qx "ExecStart=${ZSWAPCTL%/*}/zswapctl setup" "$unit"
check "ExecStop runs teardown" grep -qx "ExecStop=${ZSWAPCTL%/*}/zswapctl teardown" "$unit"
check "ordered before swap.target, early (no default dependencies)" \
	eval 'grep -q "^Before=.*swap.target" "$unit" && grep -qx "DefaultDependencies=no" "$unit"'
done_testing
