#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# zswapctl-generator (zswapctl-generator(8)) run into temporary directories
# on a fixture sysroot: the drop-ins it writes for backing devices, the unit
# names systemd itself gives those paths, the mask for zswapctl.disable,
# nothing for a configuration with errors; and `systemd-analyze verify` of
# the unit with what it wrote.
. "$top_srcdir/tests/unit/lib.sh"
GEN=${ZSWAPCTL%/src/cli/zswapctl}/src/systemd/zswapctl-generator
root=$tmpdir/root
mkdir -p "$root/etc" "$root/proc"
cp "$fixtures_dir/debian-6.12.117-cloud/proc/meminfo" "$root/proc/"

# gen: a fresh set of output directories, the generator run into them
gen() {
	rm -rf "$tmpdir/out"
	mkdir -p "$tmpdir/out/normal" "$tmpdir/out/early" "$tmpdir/out/late"
	"$GEN" --sysroot "$root" "$tmpdir/out/normal" "$tmpdir/out/early" "$tmpdir/out/late" \
		>"$tmpdir/gen.out" 2>"$tmpdir/gen.err"
	gen_rc=$?
}
dropin=$tmpdir/out/normal/zswapctl.service.d/50-zswapctl-generator.conf

cat >"$root/etc/zswapctl.conf" <<'CONF'
[zram0]
backing-device = /dev/disk/by-partlabel/zram-wb
backing-device-timeout = 45
[zram1]
backing-device = file:/srv/swap.d/zram1.img:1G
[zram2]
size = 16M
CONF
gen
check "block and file backing: exit 0, nothing said" eval 'test $gen_rc = 0 && test ! -s "$tmpdir/gen.err"'
check "the service waits for the backing device: Wants= and After=, not Requires=" \
	eval 'grep -qx "Wants=dev-disk-by\\\\x2dpartlabel-zram\\\\x2dwb.device" "$dropin" &&
	      grep -qx "After=dev-disk-by\\\\x2dpartlabel-zram\\\\x2dwb.device" "$dropin" &&
	      ! grep -q "^Requires" "$dropin"'
check "a bounded wait: JobRunningTimeoutSec= on the device unit, from backing-device-timeout" \
	grep -qx "JobRunningTimeoutSec=45s" "$tmpdir/out/normal/dev-disk-by\\x2dpartlabel-zram\\x2dwb.device.d/50-zswapctl-generator.conf"
check "file: backing: after the mounts of every directory above the file" \
	test "$(grep '\.mount$' "$dropin" | tr '\n' ' ')" = "After=srv-swap.d.mount After=srv.mount After=-.mount "
printf '[zram0]\nsize = 16M\n[zram1]\nsize = 16M\nfs-type = ext4\nmount-point = /var/tmp\n' >"$root/etc/zswapctl.conf"
gen
check "a mount point: before local-fs.target, after the mounts above it" \
	test "$(grep -E '^(Before|After)=' "$dropin" | tr '\n' ' ')" = "Before=local-fs.target After=var.mount After=-.mount "
# Under /tmp: no After=tmp.mount (a tmpfs /tmp is ordered after
# swap.target, this unit before it: systemd would drop tmp.mount), said.
printf '[zram0]\nsize = 16M\n[zram1]\nsize = 16M\nfs-type = ext4\nmount-point = /tmp/cache\n' >"$root/etc/zswapctl.conf"
gen
check "a mount point under /tmp: not after tmp.mount, after / still" \
	test "$(grep -E '^(Before|After)=' "$dropin" | tr '\n' ' ')" = "Before=local-fs.target After=-.mount "
check "a mount point under /tmp: the generator says why, exit 0" \
	eval 'test $gen_rc = 0 && grep -q "zram1: /tmp/cache is under /tmp: not ordered after tmp.mount" "$tmpdir/gen.err"'
check "nothing in the early and late directories" \
	test -z "$(find "$tmpdir/out/early" "$tmpdir/out/late" -mindepth 1)"
if command -v systemd-escape >/dev/null; then
	for p in /dev/disk/by-partlabel/zram-wb /dev/disk/by-id/ata-X_Y:1 "/srv/a b/.x" //srv//swap/; do
		printf '[zram0]\nbacking-device = file:%s/f.img:1G\n' "$p" >"$root/etc/zswapctl.conf"
		case $p in *" "*) continue ;; esac # no whitespace in a path (zswapctl.conf(5))
		gen
		check "unit name of $p as systemd-escape --path gives it" \
			grep -qxF "After=$(systemd-escape --path "$p").mount" "$dropin"
	done
else
	skip "systemd-escape not installed"
fi

# Two sections naming one disk: one drop-in with the longer timeout (it
# was the last section's, whichever was longer).
printf '[zram0]\nbacking-device = /dev/vdb\nbacking-device-timeout = 30\n[zram1]\nbacking-device = /dev/vdb\nbacking-device-timeout = 5\n' >"$root/etc/zswapctl.conf"
gen
check "one disk named twice: its wait is the longer timeout" \
	grep -qx "JobRunningTimeoutSec=30s" "$tmpdir/out/normal/dev-vdb.device.d/50-zswapctl-generator.conf"
# A path whose unit name would pass systemd's 255 characters: no unit of
# that name (systemd would refuse the drop-in), a warning, exit 0.
long=/dev/disk/by-id/$(printf 'a-%.0s' $(seq 60))x
printf '[zram0]\nbacking-device = %s\n' "$long" >"$root/etc/zswapctl.conf"
gen
check "a backing path too long for a unit name: exit 0, said, no drop-in for it" \
	eval 'test $gen_rc = 0 && grep -q "longer than systemd.s 255 characters" "$tmpdir/gen.err" && test -z "$(find "$tmpdir/out/normal" -name "*.device.d")" && ! grep -q "^Wants=" "$dropin" 2>/dev/null'

# systemd-analyze verify reads the unit with the drop-ins next to it.
printf '[zram0]\nbacking-device = /dev/vdb\n[zram1]\nbacking-device = file:/var/lib/zswapctl/zram1.img:64M\n' \
	>"$root/etc/zswapctl.conf"
gen
sed "s|@sbindir@|${ZSWAPCTL%/*}|" "$top_srcdir/src/systemd/zswapctl.service.in" \
	>"$tmpdir/out/normal/zswapctl.service"
if command -v systemd-analyze >/dev/null; then
	systemd-analyze verify --man=no "$tmpdir/out/normal/zswapctl.service" >"$tmpdir/verify" 2>&1
	check "systemd-analyze verify of the unit and the generated drop-ins: exit 0" test $? = 0
	check "systemd-analyze verify has nothing to say" test ! -s "$tmpdir/verify"
	sed 's/^Wants=/Wantz=/' "$dropin" >"$tmpdir/broken" && cp "$tmpdir/broken" "$dropin"
	systemd-analyze verify --man=no "$tmpdir/out/normal/zswapctl.service" >"$tmpdir/verify" 2>&1
	check "systemd-analyze verify reads the drop-in (notices a broken one)" grep -q "Wantz" "$tmpdir/verify"
else
	skip "systemd-analyze not installed"
fi

printf '[zram0]\nsize = 1G\n' >"$root/etc/zswapctl.conf"
gen
check "no backing device: no drop-in" test ! -e "$tmpdir/out/normal/zswapctl.service.d"
rm "$root/etc/zswapctl.conf"
gen
check "the embedded default: no drop-in, exit 0" eval 'test $gen_rc = 0 && test -z "$(ls -A "$tmpdir/out/normal")"'

printf '[zram0]\nbacking-device = /dev/vdb\nsize = lots\n' >"$root/etc/zswapctl.conf"
gen
check "a configuration with errors: exit 0 (the boot goes on)" test $gen_rc = 0
check "a configuration with errors: no drop-in" test -z "$(ls -A "$tmpdir/out/normal")"
check "a configuration with errors: says which line" grep -q "zswapctl.conf:3: size = lots" "$tmpdir/gen.err"

# The kernel command line's switch: masked in the early directory.
printf '[zram0]\nbacking-device = /dev/vdb\n' >"$root/etc/zswapctl.conf"
for cmdline in "zswapctl.disable" "zswapctl.disable=1" "zswapctl.disable=yes" "zswapctl.disable=true" "zswapctl.disable=Y" "zswapctl.disable=On"; do
	echo "root=/dev/vda $cmdline" >"$root/proc/cmdline"
	gen
	check "'$cmdline': zswapctl.service masked in the early directory" \
		test "$(readlink "$tmpdir/out/early/zswapctl.service")" = /dev/null
	check "'$cmdline': zswapctl-maintain.service masked with it" \
		test "$(readlink "$tmpdir/out/early/zswapctl-maintain.service")" = /dev/null
	check "'$cmdline': no drop-in" test ! -e "$dropin"
done
for cmdline in "zswapctl.disable=0" "zswapctl.disable=no" "zswapctl.disable=false" "zswapctl.disable zswapctl.disable=0" "zswapctl.disable=N" "zswapctl.disable zswapctl.disable=OFF"; do
	echo "root=/dev/vda $cmdline" >"$root/proc/cmdline"
	gen
	check "'$cmdline': not masked, the drop-in written" \
		eval 'test ! -e "$tmpdir/out/early/zswapctl.service" && test ! -e "$tmpdir/out/early/zswapctl-maintain.service" && test -e "$dropin"'
done

"$GEN" >/dev/null 2>"$tmpdir/usage"
usage_rc=$?
check "no directory: usage error, exit 2" eval 'test $usage_rc = 2 && grep -q Usage "$tmpdir/usage"'
done_testing
