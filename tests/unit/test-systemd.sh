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
	# Hardening (issue 9): the offline analysis rates the unit's exposure
	# from 0 (safe) to 10; 4.5 is the most allowed.
	systemd-analyze security --offline=true --no-pager "$unit" >"$tmpdir/security" 2>&1
	exposure=$(sed -n 's/.*Overall exposure level for zswapctl.service: \([0-9.]*\).*/\1/p' "$tmpdir/security")
	check "systemd-analyze security --offline=true: exposure ${exposure:-none} <= 4.5" \
		awk -v e="${exposure:-99}" 'BEGIN { exit !(e <= 4.5) }'
	sed '/^\[Service\]/,/^\[Install\]/{/^[A-Z][A-Za-z]*=/{/^\(Type\|RemainAfterExit\|ExecSt\)/!d}}' "$unit" >"$tmpdir/bare.service"
	systemd-analyze security --offline=true --no-pager "$tmpdir/bare.service" >"$tmpdir/security" 2>&1
	bare=$(sed -n 's/.*Overall exposure level for bare.service: \([0-9.]*\).*/\1/p' "$tmpdir/security")
	check "the same unit without its sandboxing rates worse (${bare:-none})" \
		awk -v e="${bare:-0}" 'BEGIN { exit !(e > 4.5) }'
else
	skip "systemd-analyze not installed"
fi
check "/sys stays writable: no ProtectKernelTunables=yes" eval '! grep -q "^ProtectKernelTunables=yes" "$unit"'
check "module loading allowed: CAP_SYS_MODULE, no ProtectKernelModules=yes" \
	eval 'grep -q "^CapabilityBoundingSet=.*CAP_SYS_MODULE" "$unit" && ! grep -q "^ProtectKernelModules=yes" "$unit"'
check "oneshot with RemainAfterExit" eval 'grep -qx "Type=oneshot" "$unit" && grep -qx "RemainAfterExit=yes" "$unit"'
check "ExecStart runs setup" grep -qx "ExecStart=${ZSWAPCTL%/*}/zswapctl setup" "$unit"
check "ExecStop runs teardown" grep -qx "ExecStop=${ZSWAPCTL%/*}/zswapctl teardown" "$unit"
check "ordered before swap.target, early (no default dependencies)" \
	eval 'grep -q "^Before=.*swap.target" "$unit" && grep -qx "DefaultDependencies=no" "$unit"'

# ---- zswapctl-metrics.timer and .service: the Prometheus page ------------
mkdir -p "$tmpdir/metrics"
msvc=$tmpdir/metrics/zswapctl-metrics.service
mtimer=$tmpdir/metrics/zswapctl-metrics.timer
sed "s|@sbindir@|${ZSWAPCTL%/*}|" "$top_srcdir/src/systemd/zswapctl-metrics.service.in" >"$msvc"
cp "$top_srcdir/src/systemd/zswapctl-metrics.timer" "$mtimer"
if command -v systemd-analyze >/dev/null; then
	systemd-analyze verify --man=no "$mtimer" "$msvc" >"$tmpdir/mverify" 2>&1
	rc=$?
	check "metrics units: systemd-analyze verify exits 0" test $rc -eq 0
	check "metrics units: systemd-analyze verify has nothing to say" test ! -s "$tmpdir/mverify"
	systemd-analyze security --offline=yes "$msvc" >"$tmpdir/msec" 2>&1
	check "metrics service: systemd-analyze security rates it OK ($(tail -n 1 "$tmpdir/msec"))" \
		grep -q "Overall exposure level for zswapctl-metrics.service: [0-9.]* OK" "$tmpdir/msec"
else
	skip "metrics units" "systemd-analyze not installed"
fi
check "metrics timer: the service of its name is there to trigger" test -f "${mtimer%.timer}.service"
check "metrics timer: every minute, enabled by timers.target" eval \
	'grep -qx "OnUnitActiveSec=60s" "$mtimer" && grep -qx "WantedBy=timers.target" "$mtimer"'
check "metrics service: oneshot, writing the page atomically with --output" eval \
	'grep -qx "Type=oneshot" "$msvc" &&
	 grep -qx "ExecStart=${ZSWAPCTL%/*}/zswapctl stats --format=prometheus --output \${METRICS_DIR}/zswapctl.prom" "$msvc"'
check "metrics service: node_exporter's textfile directory by default" \
	grep -qx "Environment=METRICS_DIR=/var/lib/prometheus/node-exporter" "$msvc"
# What the service runs, with this build and the directory from a drop-in's
# Environment= (the command line as systemd expands it).
METRICS_DIR=$tmpdir/textfile
mkdir -p "$METRICS_DIR"
cmd=$(sed -n 's/^ExecStart=//p' "$msvc" | sed "s|\${METRICS_DIR}|$METRICS_DIR|g")
# shellcheck disable=SC2086
${cmd%% *} --sysroot "$fixtures_dir/patched-6.12.117" ${cmd#* } >"$tmpdir/mout" 2>&1
check "metrics service's command writes zswapctl.prom and nothing else" eval \
	'[ -s "$METRICS_DIR/zswapctl.prom" ] && [ "$(ls -A "$METRICS_DIR")" = zswapctl.prom ] && [ ! -s "$tmpdir/mout" ]'

# zswapctl-maintain.service: the daemon, after the devices.
munit=$tmpdir/zswapctl-maintain.service
sed "s|@sbindir@|${ZSWAPCTL%/*}|" "$top_srcdir/src/systemd/zswapctl-maintain.service.in" >"$munit"
if command -v systemd-analyze >/dev/null; then
	# Verified next to the unit it requires.
	systemd-analyze verify --man=no "$unit" "$munit" >"$tmpdir/verify" 2>&1
	check "maintain unit: systemd-analyze verify exits 0, nothing to say" \
		sh -c '[ "$1" = 0 ] && [ ! -s "$2" ]' - $? "$tmpdir/verify"
	sed "s/^/# /" "$tmpdir/verify"
fi
check "maintain unit: Type=notify with a watchdog" \
	eval 'grep -qx "Type=notify" "$munit" && grep -q "^WatchdogSec=" "$munit"'
check "maintain unit: ExecStart runs maintain --daemon" \
	grep -qx "ExecStart=${ZSWAPCTL%/*}/zswapctl maintain --daemon" "$munit"
check "maintain unit: reload is SIGHUP" grep -qx 'ExecReload=/bin/kill -HUP $MAINPID' "$munit"
check "maintain unit: after zswapctl.service, wanting it (a failed setup of one device must not stop the policy of the others), stopped with it" \
	eval 'grep -qx "After=zswapctl.service" "$munit" && grep -qx "Wants=zswapctl.service" "$munit" && grep -qx "PartOf=zswapctl.service" "$munit" && ! grep -q "^Requires=" "$munit"'
# ConditionKernelCommandLine=!zswapctl.disable matched zswapctl.disable=0
# too (systemd takes the bare word with any value): the generator masks it.
check "maintain unit: no condition on the kernel command line" eval '! grep -q "^ConditionKernelCommandLine" "$munit"'
check "maintain unit: its state directory is /var/lib/zswapctl" grep -qx "StateDirectory=zswapctl" "$munit"

# The README's story: `systemctl enable zswapctl.service` enables the
# maintenance daemon too (Also=), in a root of our own.
if command -v systemctl >/dev/null; then
	eroot=$tmpdir/enable-root
	mkdir -p "$eroot/etc/systemd/system"
	cp "$unit" "$munit" "$eroot/etc/systemd/system/"
	systemctl --root="$eroot" enable zswapctl.service >"$tmpdir/enable.out" 2>&1
	rc=$?
	check "systemctl enable zswapctl.service: exit 0 ($(head -c 200 "$tmpdir/enable.out"))" test $rc -eq 0
	check "systemctl enable zswapctl.service: swap.target wants it" \
		test -L "$eroot/etc/systemd/system/swap.target.wants/zswapctl.service"
	check "systemctl enable zswapctl.service: enables zswapctl-maintain.service too" \
		test -L "$eroot/etc/systemd/system/multi-user.target.wants/zswapctl-maintain.service"
else
	skip "systemctl enable" "systemctl not installed"
fi
done_testing
