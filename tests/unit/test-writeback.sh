#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# writeback and recompress against copies of the fixture trees: what they
# write where, and their exit codes and messages for kernels and devices
# that cannot do it. (Real writeback: tests/vm/cases/stock/20-backing-block.sh.)
. "$top_srcdir/tests/unit/lib.sh"

stock=$tmpdir/stock
cp -r "$fixtures_dir/debian-6.12.117-cloud" "$stock"
z=$stock/sys/block/zram0

"$ZSWAPCTL" --sysroot "$stock" writeback --idle zram0 >"$tmpdir/out" 2>&1
check "writeback --idle: exit 0" test $? -eq 0
check "writeback --idle: marked every slot idle" test "$(cat "$z/idle")" = all
check "writeback --idle: asked for idle writeback" test "$(cat "$z/writeback")" = idle
check "writeback --idle: names the backing device" grep -q "to /dev/vda" "$tmpdir/out"
"$ZSWAPCTL" --sysroot "$stock" writeback --idle=3600 zram0 >/dev/null 2>&1
check "writeback --idle=AGE marks by age" test "$(cat "$z/idle")" = 3600
"$ZSWAPCTL" --sysroot "$stock" writeback --huge --limit 1M zram0 >/dev/null 2>&1
check "writeback --huge" test "$(cat "$z/writeback")" = huge
check "writeback --limit enables the limit" test "$(cat "$z/writeback_limit_enable")" = 1
check "writeback --limit is counted in 4 KiB pages" test "$(cat "$z/writeback_limit")" = 256

echo 0 >"$z/writeback_limit"
: >"$z/writeback"
"$ZSWAPCTL" --sysroot "$stock" writeback zram0 >/dev/null 2>"$tmpdir/err"
check "used-up limit: exit 1" test $? -eq 1
check "used-up limit: says so and what to do" grep -q "writeback limit is used up.*--limit" "$tmpdir/err"
check "used-up limit: nothing written back" test ! -s "$z/writeback"

echo none >"$z/backing_dev"
echo 0 >"$z/writeback_limit_enable"
"$ZSWAPCTL" --sysroot "$stock" writeback zram0 >/dev/null 2>"$tmpdir/err"
check "no backing device: exit 1" test $? -eq 1
check "no backing device: says how to set one" grep -q "no backing device; set backing-device" "$tmpdir/err"

cp -r "$fixtures_dir/host-6.18" "$tmpdir/host"
"$ZSWAPCTL" --sysroot "$tmpdir/host" writeback zram0 >/dev/null 2>"$tmpdir/err"
check "kernel without writeback: exit 3" test $? -eq 3
check "kernel without writeback: names CONFIG_ZRAM_WRITEBACK" grep -q CONFIG_ZRAM_WRITEBACK "$tmpdir/err"
"$ZSWAPCTL" --sysroot "$stock" writeback --huge --idle zram0 >/dev/null 2>&1
check "two modes: exit 2" test $? -eq 2
"$ZSWAPCTL" --sysroot "$stock" writeback --idle=soon zram0 >/dev/null 2>&1
check "bad age: exit 2" test $? -eq 2
"$ZSWAPCTL" --sysroot "$stock" writeback >/dev/null 2>&1
check "no device: exit 2" test $? -eq 2
"$ZSWAPCTL" --sysroot "$stock" writeback zram9 >/dev/null 2>"$tmpdir/err"
check "a device that does not exist: exit 1" test $? -eq 1
check "a device that does not exist: says how to list them" grep -q "zram9: no such zram device; list them" "$tmpdir/err"

"$ZSWAPCTL" --sysroot "$stock" recompress zram0 >/dev/null 2>"$tmpdir/err"
check "recompress without CONFIG_ZRAM_MULTI_COMP: exit 3" test $? -eq 3
: >"$z/recompress"
"$ZSWAPCTL" --sysroot "$stock" recompress --type huge --threshold 3000 --algo zstd zram0 >/dev/null 2>&1
check "recompress: exit 0" test $? -eq 0
check "recompress: one write of every parameter" test "$(cat "$z/recompress")" = "type=huge threshold=3000 algo=zstd"
rlock=$tmpdir/rlock
cp -r "$fixtures_dir/debian-6.12.117-cloud" "$rlock"
: >"$rlock/sys/block/zram0/recompress"
"$ZSWAPCTL" --sysroot "$rlock" recompress zram0 >/dev/null 2>&1
rc=$?
check "recompress takes the run lock, as writeback does (exit $rc)" test -e "$rlock/run/zswapctl.lock"
"$ZSWAPCTL" --sysroot "$stock" recompress --type sometimes zram0 >/dev/null 2>&1
check "recompress bad type: exit 2" test $? -eq 2

# A device removed while the command waits for the run lock (a teardown
# holds it): nothing is asked of the kernel, and the message says why.
# The test holds the lock, and removes disksize once the command has the
# lock file open, that is, once it waits.
removed_while_waiting() { # removed_while_waiting COMMAND: exit status; stderr in $tmpdir/err
	tree=$tmpdir/gone-$1
	cp -r "$fixtures_dir/debian-6.12.117-cloud" "$tree"
	: >"$tree/sys/block/zram0/$1"
	mkdir -p "$tree/run"
	exec 9>"$tree/run/zswapctl.lock"
	flock 9
	"$ZSWAPCTL" --sysroot "$tree" "$1" zram0 >/dev/null 2>"$tmpdir/err" 9>&- &
	pid=$! i=0
	while [ $i -lt 400 ] && ! readlink "/proc/$pid/fd/"* 2>/dev/null | grep -q 'run/zswapctl.lock$'; do
		sleep 0.05
		i=$((i + 1))
	done
	rm "$tree/sys/block/zram0/disksize"
	exec 9>&-
	wait "$pid"
}
for job in "writeback:write back" "recompress:recompress"; do
	cmd=${job%%:*}
	removed_while_waiting "$cmd"
	rc=$?
	check "$cmd, device removed while waiting for the lock: exit 1 ($rc)" test $rc -eq 1
	check "$cmd, device removed while waiting: says so" grep -q \
		"zram0: removed while waiting for another zswapctl; nothing to ${job#*:}" "$tmpdir/err"
	check "$cmd, device removed while waiting: nothing written" \
		test ! -s "$tmpdir/gone-$cmd/sys/block/zram0/$cmd"
done

# The progress line: on stderr only when it is a terminal (script(1) gives
# the command a pseudo-terminal), never with -q or --json. Pages done from
# bd_stat's bd_writes; the most idle writeback can write is every stored
# page that is not same-filled (mm_stat: 12783616 / 4096 - 1040 = 2081).
stock=$tmpdir/stock-progress
cp -r "$fixtures_dir/debian-6.12.117-cloud" "$stock"
"$ZSWAPCTL" --sysroot "$stock" writeback --idle zram0 >"$tmpdir/out" 2>"$tmpdir/err"
rc=$? # (inside check's eval, $? would be check's own)
check "progress: stderr not a terminal: no progress line" eval \
	'[ $rc -eq 0 ] && ! grep -q "pages" "$tmpdir/err" && ! grep -q "$(printf "\r")" "$tmpdir/err"'
if command -v script >/dev/null; then
	in_pty() { # in_pty ARGS...: zswapctl in a pseudo-terminal, its output
		# (the paths here are mktemp's and the build's: no blanks to quote)
		script -qec "$ZSWAPCTL --sysroot $stock $*" /dev/null </dev/null
	}
	in_pty writeback --idle zram0 >"$tmpdir/pty" 2>&1
	check "progress: a terminal: the line, from bd_writes, against what idle can write" \
		grep -q "zram0: writeback: 0/2081 pages (0%)" "$tmpdir/pty"
	check "progress: a terminal: the line is erased when done" \
		grep -q "$(printf '\r\033\[K')" "$tmpdir/pty"
	in_pty writeback --huge --limit 1M zram0 >"$tmpdir/pty" 2>&1
	check "progress: huge with --limit 1M: at most 256 pages" \
		grep -q "zram0: writeback: 0/256 pages" "$tmpdir/pty"
	in_pty -q writeback --idle zram0 >"$tmpdir/pty" 2>&1
	check "progress: -q: none" eval '! grep -q "pages (" "$tmpdir/pty"'
	in_pty writeback --idle --json zram0 >"$tmpdir/pty" 2>&1
	check "progress: --json: none, the document alone" eval \
		'! grep -q "pages (" "$tmpdir/pty" && grep -q "\"mode\": \"idle\"" "$tmpdir/pty"'
else
	skip "progress in a terminal" "no script(1) (util-linux)"
fi
# The run lock is taken after the arguments are checked and the device is
# found: usage errors and a missing device leave no run/ in the tree.
nolock=$tmpdir/nolock
cp -r "$fixtures_dir/debian-6.12.117-cloud" "$nolock"
"$ZSWAPCTL" --sysroot "$nolock" writeback --bogus zram0 >/dev/null 2>&1
"$ZSWAPCTL" --sysroot "$nolock" writeback --idle --huge zram0 >/dev/null 2>&1
"$ZSWAPCTL" --sysroot "$nolock" writeback --idle zram9 >/dev/null 2>&1
"$ZSWAPCTL" --sysroot "$nolock" swap-ops on --bogus >/dev/null 2>&1
check "usage errors and a missing device take no lock (no run/ in the tree)" test ! -e "$nolock/run"
for f in "$fixtures_dir"/*/; do
	check "the fixture tree ${f%/} is left as it was (no run/ lock in it)" test ! -e "$f/run"
done
done_testing
