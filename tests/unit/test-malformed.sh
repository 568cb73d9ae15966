#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# A catalogue of malformed kernel files. For each: no crash, no sanitizer
# report, output still produced and valid against the schema, the damaged
# field or group reported as unknown (null), a warning that names the file,
# and the documented exit code (0 for a file that is simply absent, 1 for
# one with contents zswapctl cannot read).
. "$top_srcdir/tests/unit/lib.sh"

base=$(for d in "$fixtures_dir"/*/; do [ -f "$d/sys/block/zram0/mm_stat" ] && echo "$d"; done | head -n 1)
if [ -z "$base" ]; then
	skip "no fixture with zram0"
	done_testing
	exit 0
fi

# case NAME FILE CONTENT|-delete EXPECTED_EXIT PYTHON_CHECK
# PYTHON_CHECK is evaluated on d (the document) and must be true.
mcase() {
	local name=$1 file=$2 content=$3 want=$4 expr=$5 root rc
	root=$tmpdir/$name
	rm -rf "$root"
	cp -r "$base" "$root"
	case $content in
	-delete) rm -f "$root/$file" ;;
	-huge) head -c 300000 /dev/zero | tr '\0' '7' >"$root/$file" ;;
	*) [ "${file##*/}" = swap_ops_stat ] && [ ! -e "$root/${file%/*}/swap_ops" ] &&
		echo on >"$root/${file%/*}/swap_ops"
		printf '%b' "$content" >"$root/$file" ;;
	esac
	"$ZSWAPCTL" --sysroot "$root" stats --json >"$root.out" 2>"$root.err"
	rc=$?
	if crashed $rc "$root.err"; then
		not_ok "$name: crashed (exit $rc)"
		sed 's/^/# /' "$root.err" | head -20
		return
	fi
	check "$name: exit $want" test $rc -eq "$want"
	check "$name: still a valid document" validate_json "$root.out"
	check "$name: $expr" test "$(json_get "$root.out" "$expr")" = True
	if [ "$want" -ne 0 ]; then
		check "$name: warning names $file" grep -q "${file##*/}" "$root.err"
	fi
	# The other renderings survive the same damage.
	"$ZSWAPCTL" --sysroot "$root" stats >/dev/null 2>&1
	rc=$?
	check "$name: table does not crash" test $rc -le 1
	"$ZSWAPCTL" --sysroot "$root" stats --format=prometheus >/dev/null 2>&1
	rc=$?
	check "$name: prometheus does not crash" test $rc -le 1
	"$ZSWAPCTL" --sysroot "$root" status >/dev/null 2>&1
	rc=$?
	check "$name: status does not crash" test $rc -le 1
}

z=sys/block/zram0
mcase mm-truncated $z/mm_stat '1 2 3 4 5\n' 0 \
	"d['devices'][0]['mm']['orig_data_size'] == 1 and d['devices'][0]['mm']['huge_pages'] is None"
mcase mm-extra-fields $z/mm_stat '1 2 3 4 5 6 7 8 9 10 11 12\n' 0 \
	"d['devices'][0]['mm']['huge_pages_since'] == 9"
mcase mm-garbage $z/mm_stat 'hello world\n' 1 "d['devices'][0]['mm'] is None"
mcase mm-empty $z/mm_stat '' 1 "d['devices'][0]['mm'] is None"
mcase mm-huge-number $z/mm_stat '1 99999999999999999999999999 3\n' 1 "d['devices'][0]['mm'] is None"
mcase mm-negative $z/mm_stat '1 -2 3\n' 1 "d['devices'][0]['mm'] is None"
mcase mm-binary $z/mm_stat '1\0002 3\n' 1 "d['devices'][0]['mm'] is None"
mcase mm-enormous-file $z/mm_stat -huge 1 "d['devices'][0]['mm'] is None"
mcase mm-missing $z/mm_stat -delete 0 "d['devices'][0]['mm'] is None"
mcase io-missing $z/io_stat -delete 0 "d['devices'][0]['io'] is None"
mcase debug-garbage $z/debug_stat 'version: one\n' 1 "d['devices'][0]['debug'] is None"
mcase block-truncated $z/stat '1 2 3 4\n' 0 \
	"d['devices'][0]['block']['read_ticks'] == 4 and d['devices'][0]['block']['flush_ios'] is None"
mcase disksize-garbage $z/disksize 'lots\n' 1 "d['devices'][0]['disksize'] is None"
mcase algorithm-garbage $z/comp_algorithm '[[lz4\n' 1 "d['devices'][0]['algorithm'] is None"
mcase algorithm-missing $z/comp_algorithm -delete 0 "d['devices'][0]['algorithms_available'] is None"
mcase swap-ops-garbage $z/swap_ops 'maybe\n' 1 "d['devices'][0]['swap_ops'] is None"
mcase swap-ops-stat-short $z/swap_ops_stat '1 2 3\n' 0 \
	"d['devices'][0]['swap_ops'] is not None and d['devices'][0]['swap_ops']['ops_read_ns'] is None and d['devices'][0]['swap_ops']['bio_reads'] == 3"
mcase vmstat-missing proc/vmstat -delete 0 "d['vmstat'] is None"
mcase vmstat-garbage proc/vmstat 'pswpin lots\n' 1 "d['vmstat'] is None"
mcase psi-missing proc/pressure/memory -delete 0 "d['psi_memory'] is None"
mcase psi-garbage proc/pressure/memory 'some avg10=x\n' 1 "d['psi_memory'] is None"
mcase swaps-missing proc/swaps -delete 0 "d['devices'][0]['swap']['active'] is False"
mcase swaps-garbage proc/swaps 'Filename Type\n/dev/zram0\n' 0 "d['devices'][0]['swap']['active'] is False"
mcase version-missing proc/version -delete 0 "d['kernel'] is None"

# What the hostile-input sweep of issue 12 found, each a case.
# Counters at or above 2^63: saved_bytes was a signed overflow (UBSan).
mcase mm-beyond-int64 $z/mm_stat \
	'18446744073709551615 1 18446744073709551614 0 9223372036854775808 0 0 0 0\n' 0 \
	"d['devices'][0]['derived']['saved_bytes'] is None and d['devices'][0]['mm']['orig_data_size'] == 18446744073709551615"
# Bytes that are not UTF-8: still valid JSON (json.load of the document
# fails on them), each replaced by U+FFFD.
mcase backing-not-utf8 $z/backing_dev '/dev/loop\377\376x\n' 0 \
	"d['devices'][0]['backing_dev'] == '/dev/loop\ufffd\ufffdx'"
mcase kernel-not-utf8 proc/version 'Linux version 6.12\300\257-evil (x) #1\n' 0 \
	"d['kernel'] == '6.12\ufffd\ufffd-evil'"
mcase psi-above-100 proc/pressure/memory \
	'some avg10=150.00 avg60=0.96 avg300=0.20 total=1\nfull avg10=4.46 avg60=0.86 avg300=0.18 total=2\n' 1 \
	"d['psi_memory'] is None"
mcase psi-at-100 proc/pressure/memory \
	'some avg10=100.00 avg60=0.96 avg300=0.20 total=1\nfull avg10=100 avg60=0.86 avg300=0.18 total=2\n' 0 \
	"d['psi_memory']['some_avg10'] == 100 and d['psi_memory']['full_avg10'] == 100"
mcase swaps-negative proc/swaps \
	'Filename Type Size Used Priority\n/dev/zram0 partition -4 -8 100\n' 0 \
	"d['devices'][0]['swap']['active'] is False"

# The switch without its statistics: every key of swap_ops_stat, null.
root=$tmpdir/ops-no-stat
cp -r "$base" "$root"
echo on >"$root/$z/swap_ops"
rm -f "$root/$z/swap_ops_stat"
"$ZSWAPCTL" --sysroot "$root" stats --json >"$root.out" 2>"$root.err"
rc=$?
check "swap-ops without swap_ops_stat: exit 0, a valid document" \
	eval 'test $rc = 0 && validate_json "$root.out"'
check "swap-ops without swap_ops_stat: enabled, every counter key present and null" \
	test "$(json_get "$root.out" "d['devices'][0]['swap_ops']['enabled'] is True and all(k in d['devices'][0]['swap_ops'] and d['devices'][0]['swap_ops'][k] is None for k in ('ops_reads', 'ops_writes', 'bio_reads', 'bio_write_ns'))")" = True

# Prometheus: labels are UTF-8, and unsigned values print unsigned.
root=$tmpdir/prom-hostile
cp -r "$base" "$root"
printf '/dev/loop\377"\\x\n' >"$root/$z/backing_dev"
echo 18446744073709551615 >"$root/$z/disksize"
"$ZSWAPCTL" --sysroot "$root" stats --format=prometheus >"$root.out" 2>"$root.err"
check "prometheus: exit 0 with hostile values" test $? = 0
check "prometheus: the output is UTF-8" \
	"$PYTHON" -c "open('$root.out', encoding='utf-8', errors='strict').read()"
check "prometheus: the backing_dev label escaped, U+FFFD for the stray byte" \
	grep -qF "$(printf 'backing_dev="/dev/loop\357\277\275\\"\\\\x"')" "$root.out"
expect_grep "prometheus: 2^64-1 prints unsigned" \
	'^zswapctl_device_disksize_bytes{device="zram0"} 18446744073709551615$' "$root.out"
check "prometheus: no negative gauge" eval '! grep -q "^zswapctl_device_disksize_bytes.* -" "$root.out"'

# A MemTotal that is not a KiB count is not a size: setup refuses to size
# from it, teardown will not promise the swapped data fits.
root=$tmpdir/meminfo-negative
cp -r "$base" "$root"
sed -i 's/^MemTotal:.*/MemTotal:       -16 kB/; s/^MemAvailable:.*/MemAvailable: -1 kB/' "$root/proc/meminfo"
"$ZSWAPCTL" --sysroot "$root" setup --dry-run >"$root.out" 2>"$root.err"
rc=$?
check "negative MemTotal: setup exits 1" test $rc = 1
expect_grep "negative MemTotal: setup names MemTotal" "MemTotal" "$root.err"
check "negative MemTotal: no 16E anywhere" eval '! grep -q "16E\|16.0E" "$root.out" "$root.err"'
done_testing
