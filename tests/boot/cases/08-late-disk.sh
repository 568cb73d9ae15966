# SPDX-License-Identifier: GPL-2.0-or-later
# A backing disk attached during the boot (hot-plugged through the qemu
# monitor once the guest's zvm-hotplug.service asks for it, the disk absent
# until then) and one that never appears: the first device gets writeback
# once its disk is there, the second is swap without writeback.
# the boot also waits for the hot-plug
# Both kernels: the patched one has PCI hotplug through ACPI
# (kernel/config.fragment), without which qemu's device_add never reached it.
CASE_TIERS="stock patched"
CASE_TIMEOUT=720
case_prepare() {
	add_disk_late late 128M
	mkdir -p "$1/etc/systemd/system/swap.target.wants"
	cat >"$1/etc/systemd/system/zvm-hotplug.service" <<'UNIT'
# vm-boot 08-late-disk: asks the host for the disk, once udev runs (the
# disk then comes as a hot-plug event, not in udev's coldplug), and notes
# whether it was there at that moment.
[Unit]
DefaultDependencies=no
After=systemd-udevd.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh -c 'if [ -e /dev/disk/by-id/virtio-late ]; then echo present; else echo absent; fi >/run/zvm-hotplug; echo "zvm-hotplug: now" >/dev/ttyS1'
UNIT
	ln -s ../zvm-hotplug.service "$1/etc/systemd/system/swap.target.wants/"
	cat >"$1/etc/zswapctl.conf" <<'CONF'
[zram0]
size = 64M
backing-device = /dev/disk/by-id/virtio-late
# TCG under load: the hot-plug and udev may take a minute
backing-device-timeout = 240
[zram1]
size = 64M
backing-device = /dev/disk/by-id/virtio-never
CONF
}
