#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Usage errors in util-linux's style, the same for every command:
#   zswapctl: COMMAND: what is wrong
#   Try 'zswapctl COMMAND --help' for more information.
# and exit 2; and what a failing standard output does to the exit status.
# Also the hostile-input edges of status -o and stats -i/-p, and the JSON
# and Prometheus text that carry arbitrary strings.
. "$top_srcdir/tests/unit/lib.sh"

fx=$fixtures_dir/debian-6.12.117-cloud
commands="setup teardown writeback recompress status list stats swap-ops bench config"

# usage_error DESCRIPTION COMMAND MESSAGE ARGS...: exit 2, and stderr is
# exactly the message and the pointer to COMMAND's --help.
usage_error() {
	local what=$1 cmd=$2 msg=$3
	shift 3
	"$ZSWAPCTL" --sysroot "$fx" "$@" >"$tmpdir/out" 2>"$tmpdir/err"
	local rc=$?
	if [ -n "$cmd" ]; then
		printf "zswapctl: %s: %s\nTry 'zswapctl %s --help' for more information.\n" \
			"$cmd" "$msg" "$cmd" >"$tmpdir/want"
	else
		printf "zswapctl: %s\nTry 'zswapctl --help' for more information.\n" \
			"$msg" >"$tmpdir/want"
	fi
	if [ $rc -eq 2 ] && cmp -s "$tmpdir/want" "$tmpdir/err" && [ ! -s "$tmpdir/out" ]; then
		ok "$what"
	else
		not_ok "$what (exit $rc)"
		sed 's/^/# stderr: /' "$tmpdir/err"
	fi
}

for cmd in $commands; do
	name=$cmd
	[ "$cmd" = list ] && name=status
	usage_error "$cmd --bogus" "$name" "unrecognized option '--bogus'" "$cmd" --bogus
	"$ZSWAPCTL" "$cmd" --help >"$tmpdir/out" 2>"$tmpdir/err"
	rc=$?
	check "$cmd --help: exit 0, usage on stdout" \
		eval '[ $rc -eq 0 ] && grep -q "^Usage: zswapctl $name" "$tmpdir/out" && [ ! -s "$tmpdir/err" ]'
	"$ZSWAPCTL" "$cmd" --help >/dev/full 2>"$tmpdir/err"
	rc=$?
	check "$cmd --help >/dev/full: exit 1, says so" \
		eval '[ $rc -eq 1 ] && grep -qx "zswapctl: write error on standard output: No space left on device" "$tmpdir/err"'
done
usage_error "a global option unknown" "" "unrecognized option '--bogus'" --bogus status
usage_error "no command" "" "no command given"
usage_error "unknown command" "" "unknown command 'frobnicate'" frobnicate
usage_error "relative --sysroot" "" "--sysroot relative: must be an absolute path" --sysroot relative status
for opt in --version --help; do
	"$ZSWAPCTL" $opt >/dev/full 2>"$tmpdir/err"
	check "$opt >/dev/full: exit 1" test $? -eq 1
	check "$opt >/dev/full: says why" \
		grep -qx "zswapctl: write error on standard output: No space left on device" "$tmpdir/err"
done
"$ZSWAPCTL" --sysroot "$fx" status >/dev/full 2>"$tmpdir/err"
check "status >/dev/full: exit 1" test $? -eq 1
# A reader that is gone before the first write (SIGPIPE ignored, as under
# some service managers, so the write fails with EPIPE): no error, exit 0,
# as util-linux's close_stdout() has it.
(
	trap '' PIPE
	sleep 0.3 # `true` has exited by then: a guard, not a timing
	"$ZSWAPCTL" --sysroot "$fx" status 2>"$tmpdir/pipe.err"
	echo $? >"$tmpdir/pipe.rc"
) | true
wait
check "status into a closed pipe: exit 0, no error of its own" \
	eval 'test "$(cat "$tmpdir/pipe.rc")" = 0 && test ! -s "$tmpdir/pipe.err"'

# Missing arguments and bad values.
usage_error "status -o without LIST" status "option requires an argument -- 'o'" status -o
usage_error "status --output without LIST" status "option '--output' requires an argument" status --output
usage_error "status --json=yes" status "option '--json' doesn't allow an argument" status --json=yes
usage_error "stats --format xml" stats "--format xml: use table, json or prometheus" stats --format xml
usage_error "stats --count without --interval" stats "--count needs --interval" stats -n 3
usage_error "stats --count 0" stats "--count 0: give a whole number of reports, 1 or more" stats -i 1 -n 0
usage_error "swap-ops without action" swap-ops "say on, off or status" swap-ops
usage_error "swap-ops unknown action" swap-ops "unknown action 'toggle'; use on, off or status" swap-ops toggle
usage_error "config without action" config "say check or import" config
usage_error "config check with two files" config "check: one FILE at most" config check a b
usage_error "teardown --all and a device" teardown "--all or device names, not both" teardown --all zram0
usage_error "writeback without device" writeback "name the device, e.g. 'zswapctl writeback zram0'" writeback
usage_error "writeback with two devices" writeback "one device only, not 'zram1' too" writeback zram0 zram1
usage_error "writeback with two modes" writeback "choose one of --idle, --huge, --huge-idle, --incompressible" writeback --huge --idle zram0
usage_error "recompress without device" recompress "name the device, e.g. 'zswapctl recompress zram0'" recompress
usage_error "bench --rounds 0" bench "--rounds 0: give 1 to 1000" bench --rounds 0
usage_error "bench with two devices" bench "one DEVICE at most" bench zram0 zram1
# --data: each kind once, no empty item; -w's percentage in the same word
# (from a review: ",," was taken, five kinds had a message that named no
# limit, and -w=30 was answered with "--writeback==30")
usage_error "bench --data with an empty kind" bench \
	"--data text,,binary: an empty kind; give kinds from text, binary, random, same-filled, separated by single commas" \
	bench -d text,,binary
usage_error "bench --data with a trailing comma" bench \
	"--data text,: an empty kind; give kinds from text, binary, random, same-filled, separated by single commas" \
	bench -d text,
usage_error "bench --data with a kind twice" bench "--data text,binary,text: text twice; give each kind once" \
	bench -d text,binary,text
usage_error "bench --data, five kinds" bench "--data text,text,text,text,text: text twice; give each kind once" \
	bench -d text,text,text,text,text
usage_error "bench --data with an unknown kind" bench \
	"--data text,zeros: unknown kind 'zeros'; give kinds from text, binary, random, same-filled, separated by commas" \
	bench -d text,zeros
usage_error "bench -w=30" bench "-w=30: the percentage follows -w without '=' (-w30) or --writeback= (--writeback=30)" \
	bench -w=30
usage_error "bench --writeback=101" bench "--writeback=101: give a percentage, 1 to 100" bench --writeback=101
long=$(printf '1%.0s' $(seq 300))
usage_error "recompress --threshold of 300 digits" recompress "--threshold $long: a number of bytes" recompress --threshold "$long" zram0
long=$(printf 'a%.0s' $(seq 64))
usage_error "recompress --algo of 64 characters" recompress "--algo $long: an algorithm name" recompress --algo "$long" zram0

# status -o: every column at most once, never an empty list.
usage_error "status -o ''" status "--output '': name one or more columns; see 'zswapctl status --list-columns'" status -o ''
usage_error "status -o +" status "--output '+': name one or more columns; see 'zswapctl status --list-columns'" status -o +
usage_error "status -o NAME,name" status "column 'NAME' is named twice" status -o NAME,name
usage_error "status -o +NAME" status "column 'NAME' is named twice (+LIST adds to the defaults, which have it)" status -o +NAME
usage_error "status -o NAME,,DATA" status "unknown column ''; see 'zswapctl status --list-columns'" status -o NAME,,DATA
many=NAME$(printf ',DATA%.0s' $(seq 40))
usage_error "status -o with 41 columns" status "column 'DATA' is named twice" status -o "$many"
all=$("$ZSWAPCTL" status --list-columns | awk '{print $1}' | paste -sd, -)
"$ZSWAPCTL" --sysroot "$fx" status --json -o "$all" >"$tmpdir/all.json" 2>"$tmpdir/err"
check "status -o with every column once: exit 0" test $? -eq 0
check "status -o with every column once: as many JSON keys" \
	test "$(json_get "$tmpdir/all.json" "len(d['zramdevices'][0])")" -eq "$(echo "$all" | tr ',' '\n' | wc -l)"
ndefault=$("$ZSWAPCTL" --sysroot "$fx" status --raw --noheadings | awk '{print NF}')
"$ZSWAPCTL" --sysroot "$fx" status -o +MEM-USED --raw --noheadings >"$tmpdir/out" 2>&1
check "status -o +MEM-USED: the defaults and one more" \
	test "$(awk '{print NF}' "$tmpdir/out")" -eq $((ndefault + 1))

# stats -i: a sane minimum; stats -p: process ids or a usage error.
usage_error "stats -i 1e-10" stats "--interval 1e-10: give seconds, from 0.01 to 86400" stats -i 1e-10
usage_error "stats -i 0" stats "--interval 0: give seconds, from 0.01 to 86400" stats -i 0
usage_error "stats -i nan" stats "--interval nan: give seconds, from 0.01 to 86400" stats -i nan
usage_error "stats -i 86401" stats "--interval 86401: give seconds, from 0.01 to 86400" stats -i 86401
"$ZSWAPCTL" --sysroot "$fx" stats --json -i 0.01 -n 2 >"$tmpdir/lines" 2>&1
check "stats -i 0.01 (the minimum) -n 2: two reports" test "$(wc -l <"$tmpdir/lines")" -eq 2
usage_error "stats -p abc" stats "--pid abc: not a process id" stats -p abc
usage_error "stats -p 1 abc" stats "--pid abc: not a process id" stats -p 1 abc
usage_error "stats -p 0" stats "--pid 0: not a process id" stats -p 0
usage_error "stats -p without pids" stats "--pid needs one or more process ids" stats -p
usage_error "stats -p -i 1" stats "--pid reports once, as a table or JSON" stats -p -i 1 1
usage_error "stats -p -o FILE" stats "--output writes counters, not --pid" stats -p -o "$tmpdir/x" 1
usage_error "stats -o FILE -i 1" stats "--output writes one report; drop --interval" stats -o "$tmpdir/x" -i 1

# A JSON document goes out in one write of its own, not through stdio
# (src/cli/stdout.c): a failed one is said at exit all the same.
"$ZSWAPCTL" --sysroot "$fx" stats --json >/dev/full 2>"$tmpdir/err"
check "stats --json >/dev/full: exit 1" test $? -eq 1
check "stats --json >/dev/full: says why, once" \
	test "$(cat "$tmpdir/err")" = "zswapctl: write error on standard output: No space left on device"
"$ZSWAPCTL" --sysroot "$fx" status --json >/dev/full 2>"$tmpdir/err"
check "status --json >/dev/full: exit 1" test $? -eq 1

# A report nobody can read ends the loop: exit 1 and why, not a loop forever.
timeout 20 "$ZSWAPCTL" --sysroot "$fx" stats -i 0.01 >/dev/full 2>"$tmpdir/err"
rc=$?
check "stats -i >/dev/full: stops with exit 1 (not $rc)" test $rc -eq 1
check "stats -i >/dev/full: says why" grep -qx "zswapctl: write error on standard output.*" "$tmpdir/err"
check "stats -i >/dev/full: says it once" test "$(wc -l <"$tmpdir/err")" -eq 1

# JSON through json-c, Prometheus labels escaped: a backing device path
# with a double quote, a backslash and more than 512 bytes.
tree=$tmpdir/tree
cp -r "$fx" "$tree"
odd='/dev/disk/by-label/a"b\c'$(printf 'x%.0s' $(seq 600))
printf '%s\n' "$odd" >"$tree/sys/block/zram0/backing_dev"
"$ZSWAPCTL" --sysroot "$tree" writeback --json zram0 >"$tmpdir/wb.json" 2>"$tmpdir/err"
check "writeback --json: exit 0" test $? -eq 0
check "writeback --json: one JSON document with the fields" \
	test "$(json_get "$tmpdir/wb.json" "(d['device'], d['mode'], d['pages'], d['bytes'])")" = "('zram0', 'idle', 0, 0)"
cp -r "$fixtures_dir/patched-6.12.117" "$tmpdir/patched"
"$ZSWAPCTL" --sysroot "$tmpdir/patched" recompress --json zram0 >"$tmpdir/rc.json" 2>"$tmpdir/err"
check "recompress --json: exit 0" test $? -eq 0
check "recompress --json: one JSON document with the fields" \
	test "$(json_get "$tmpdir/rc.json" "sorted(d)")" = "['compr_data_size_after', 'compr_data_size_before', 'device']"
"$ZSWAPCTL" --sysroot "$tree" stats --format=prometheus >"$tmpdir/prom" 2>"$tmpdir/err"
check "prometheus: the label value escaped, whole" \
	grep -qF "backing_dev=\"/dev/disk/by-label/a\\\"b\\\\c$(printf 'x%.0s' $(seq 600))\"} 1" "$tmpdir/prom"
"$PYTHON" - "$tmpdir/prom" "$odd" >"$tmpdir/parsed" 2>&1 <<'PY'
import re, sys
# The exposition format's label grammar, undone.
line = next(l for l in open(sys.argv[1]) if l.startswith('zswapctl_device_info{'))
m = re.search(r'backing_dev="((?:[^"\\]|\\.)*)"', line)
value = re.sub(r'\\(.)', lambda x: '\n' if x.group(1) == 'n' else x.group(1), m.group(1))
sys.exit(0 if value == sys.argv[2] else 1)
PY
check "prometheus: the escaped label value reads back as the path" test $? -eq 0
done_testing
