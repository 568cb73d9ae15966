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
done_testing
