# SPDX-License-Identifier: GPL-2.0-or-later
# zswapctl-metrics.timer enabled as the README says: after boot the
# Prometheus page is in node_exporter's textfile directory (which
# prometheus-node-exporter would have made; the image has no node_exporter).
CASE_TIERS="stock patched"
case_prepare() {
	mkdir -p "$1/var/lib/prometheus/node-exporter" \
		"$1/etc/systemd/system/timers.target.wants"
	ln -s /lib/systemd/system/zswapctl-metrics.timer \
		"$1/etc/systemd/system/timers.target.wants/"
}
