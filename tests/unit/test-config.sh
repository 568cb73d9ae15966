#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# zswapctl.conf(5) and `config check`: a catalogue of bad files (each names
# the line and the words its error must have in its first line, "# expect:
# LINE WORDS"), good files diffed against their expected output, drop-in
# precedence and masking in a temporary sysroot, the embedded default and
# the JSON output. UPDATE_EXPECTED=1 rewrites the expected files (review the
# diff before committing).
. "$top_srcdir/tests/unit/lib.sh"

configs=$top_srcdir/tests/unit/configs
# A fixed MemTotal (991064 kB), so `ram` gives the same sizes everywhere.
fx=$fixtures_dir/debian-6.12.117-cloud
zc() { "$ZSWAPCTL" --sysroot "$fx" "$@"; }

# ---- bad files: exit 2, FILE:LINE and the words of "# expect:" ----------
nbad=0
for f in "$configs"/bad/*.conf; do
	nbad=$((nbad + 1))
	name=${f##*/}
	line=$(sed -n '1s/^# expect: \([0-9]*\) .*/\1/p' "$f")
	words=$(sed -n '1s/^# expect: [0-9]* //p' "$f")
	zc config check "$f" >"$tmpdir/out" 2>"$tmpdir/err"
	rc=$?
	first=$(head -n 1 "$tmpdir/err")
	if [ -n "$line" ] && [ "$rc" = 2 ] && [ ! -s "$tmpdir/out" ] &&
	   ! crashed "$rc" "$tmpdir/err" &&
	   case $first in "$f:$line: "*"$words"*) true ;; *) false ;; esac; then
		ok "bad/$name: exit 2, $name:$line: ...$words..."
	else
		not_ok "bad/$name: exit 2, $name:$line: ...$words..."
		echo "# exit $rc, stderr:"
		sed 's/^/#   /' "$tmpdir/err" | head -5
	fi
done
check "the bad catalogue has at least 40 files ($nbad)" test "$nbad" -ge 40

# ---- good files: the INI and JSON output, and a round trip --------------
ngood=0
for f in "$configs"/good/*.conf; do
	ngood=$((ngood + 1))
	name=${f##*/}
	exp=${f%.conf}.expected
	out=$tmpdir/$name.out
	zc config check "$f" >"$out" 2>"$out.err"
	echo "exit $?" >>"$out"
	cat "$out.err" >>"$out"
	sed -i "s|$configs/|CONFIGS/|g" "$out"
	[ "${UPDATE_EXPECTED:-}" = 1 ] && cp "$out" "$exp"
	if diff -u "$exp" "$out" >"$out.diff" 2>&1; then
		ok "good/$name: config check output"
	else
		not_ok "good/$name: config check output"
		sed 's/^/# /' "$out.diff" | head -40
	fi

	zc config check --json "$f" >"$tmpdir/a.json" 2>/dev/null
	check "good/$name: --json is JSON with the files and the devices of the INI output" \
		"$PYTHON" - "$tmpdir/a.json" "$out" "$f" <<'PY'
import json, re, sys
d = json.load(open(sys.argv[1]))
ini = open(sys.argv[2]).read()
names = re.findall(r'^\[(zram\d+)\]$', ini, re.M)
assert [x['name'] for x in d['devices']] == names, (names, d['devices'])
assert d['files'] == [sys.argv[3]] and d['embedded_default'] is False
assert d['ram'] == 991064 * 1024
for x in d['devices']:
    assert (x['size'] > 0 or not x['created']) and x['size'] % 4096 == 0
PY
	# What config check prints is itself a valid configuration, with the
	# same values (only where they came from differs).
	zc config check "$f" >"$tmpdir/again.conf" 2>/dev/null
	zc config check --json "$tmpdir/again.conf" >"$tmpdir/b.json" 2>/dev/null
	check "good/$name: the output read back gives the same configuration" \
		"$PYTHON" - "$tmpdir/a.json" "$tmpdir/b.json" <<'PY'
import json, sys
def strip(d):
    for k in ('files', 'zswap_origin'):
        d.pop(k)
    for x in d['devices']:
        x.pop('origin'); x.pop('origins'); x.pop('mem_limit_expression')
    for x in d['system'].values():
        x.pop('origin')
    return d
a, b = (strip(json.load(open(p))) for p in sys.argv[1:3])
assert a == b, (a, b)
PY
done
check "at least four good files ($ngood)" test "$ngood" -ge 4

# The global --json works as well as the command's.
zc --json config check "$configs/good/minimal.conf" >"$tmpdir/g.json" 2>/dev/null
check "global --json" test "$(json_get "$tmpdir/g.json" "d['devices'][0]['size']")" = 507424768

# ---- the embedded default, drop-ins and masking in a sysroot -------------
root=$tmpdir/root
mkdir -p "$root/proc"
cp "$fx/proc/meminfo" "$root/proc/meminfo"
zr() { "$ZSWAPCTL" --sysroot "$root" "$@"; }
jq_() { json_get "$tmpdir/r.json" "$1"; }

zr config check --json >"$tmpdir/r.json" 2>"$tmpdir/err"
check "no file: exit 0" test $? = 0
check "no file: the embedded default" test "$(jq_ "d['embedded_default']")" = True
check "no file: no files read" test "$(jq_ "len(d['files'])")" = 0
check "no file: one device, zram0, min(ram / 2, 4G)" \
	test "$(jq_ "[(x['name'], x['size'], x['size_expression']) for x in d['devices']]")" = \
	"[('zram0', 507424768, 'min(ram / 2, 4G)')]"
check "no file: zstd lz4 lzo-rle, priority 100, discard no, swap-ops auto, zswap keep" \
	test "$(jq_ "(d['devices'][0]['algorithms'], d['devices'][0]['swap_priority'], d['devices'][0]['discard'], d['devices'][0]['swap_ops'], d['zswap'])")" = \
	"(['zstd', 'lz4', 'lzo-rle'], 100, 'no', 'auto', 'keep')"
check "no file: [system] page-cluster = 0 (README.md has the figures), the rest kept" \
	test "$(jq_ "[(k, v['value'], v['origin']) for k, v in d['system'].items()]")" = \
	"[('page-cluster', 0, None), ('swappiness', None, None), ('watermark-scale-factor', None, None), ('mglru', None, None)]"
zr config check >"$tmpdir/r.ini" 2>&1
check "no file: the INI output says it is the embedded default" \
	grep -q '^# zram0: the embedded default$' "$tmpdir/r.ini"
check "no file: the INI output has page-cluster = 0 from the default" \
	grep -q '^page-cluster = 0  # default$' "$tmpdir/r.ini"

mkdir -p "$root/usr/lib/zswapctl" "$root/etc" "$root/usr/lib/zswapctl.conf.d" \
	"$root/etc/zswapctl.conf.d" "$root/run/zswapctl.conf.d"
printf '[zram0]\nsize = 1G\nalgorithm = lz4\n' >"$root/usr/lib/zswapctl/zswapctl.conf"
zr config check --json >"$tmpdir/r.json" 2>/dev/null
check "/usr/lib file alone: its values, no embedded default" \
	test "$(jq_ "(d['embedded_default'], d['devices'][0]['size'], d['devices'][0]['algorithms'])")" = \
	"(False, 1073741824, ['lz4'])"

printf '[zram0]\nsize = 2G\n' >"$root/etc/zswapctl.conf"
printf '[zram0]\nswap-priority = 5\n' >"$root/usr/lib/zswapctl.conf.d/10-a.conf"
printf '[zram0]\nswap-priority = 6\n' >"$root/run/zswapctl.conf.d/10-a.conf"
printf '[zram0]\nswap-priority = 7\n' >"$root/etc/zswapctl.conf.d/10-a.conf"
printf '[zram1]\nsize = 256M\n' >"$root/run/zswapctl.conf.d/20-b.conf"
printf '[zram0]\ndiscard = once\n' >"$root/usr/lib/zswapctl.conf.d/30-c.conf"
ln -s /dev/null "$root/etc/zswapctl.conf.d/30-c.conf"
printf '[zram1]\nswap-ops = off\n' >"$root/etc/zswapctl.conf.d/05-z.conf"
printf '[zram1]\nswap-ops = on\n' >"$root/usr/lib/zswapctl.conf.d/15-y.conf"
printf 'not a config file\n' >"$root/etc/zswapctl.conf.d/README"
printf '[zram9]\n' >"$root/etc/zswapctl.conf.d/40-old.conf.bak"
zr config check --json >"$tmpdir/r.json" 2>"$tmpdir/err"
check "drop-ins: exit 0" test $? = 0
check "/etc/zswapctl.conf overrides /usr/lib key by key (size from /etc, algorithm from /usr/lib)" \
	test "$(jq_ "(d['devices'][0]['size'], d['devices'][0]['algorithms'])")" = "(2147483648, ['lz4'])"
check "a drop-in overrides the main files" test "$(jq_ "d['devices'][0]['swap_priority']")" = 7
check "/etc/zswapctl.conf.d/10-a.conf masks the /run and /usr/lib ones" \
	test "$(jq_ "d['devices'][0]['origins']['swap-priority']")" = "$root/etc/zswapctl.conf.d/10-a.conf:2"
check "a symlink to /dev/null in /etc masks a /usr/lib drop-in" \
	test "$(jq_ "d['devices'][0]['discard']")" = no
check "drop-ins sort by name across directories (15-y in /usr/lib after 05-z in /etc)" \
	test "$(jq_ "d['devices'][1]['swap_ops']")" = on
check "a /run drop-in adds a device" test "$(jq_ "[x['name'] for x in d['devices']]")" = "['zram0', 'zram1']"
check "only *.conf files are read, in order" test "$(jq_ "[f[len('$root'):] for f in d['files']]")" = \
	"['/usr/lib/zswapctl/zswapctl.conf', '/etc/zswapctl.conf', '/etc/zswapctl.conf.d/05-z.conf', '/etc/zswapctl.conf.d/10-a.conf', '/usr/lib/zswapctl.conf.d/15-y.conf', '/run/zswapctl.conf.d/20-b.conf', '/etc/zswapctl.conf.d/30-c.conf']"

printf '[zram0]\nsize = 2G\nsize = 3G\n' >"$root/run/zswapctl.conf.d/25-dup.conf"
zr config check >"$tmpdir/out" 2>"$tmpdir/err"
check "an error in a drop-in: exit 2, naming the drop-in and line" \
	sh -c '[ "$1" = 2 ] && grep -q "^$2/run/zswapctl.conf.d/25-dup.conf:3: " "$3"' - $? "$root" "$tmpdir/err"
printf '[zram0]\nsize = 2G\n' >"$root/run/zswapctl.conf.d/25-dup.conf"
printf '[zram0]\nsize = 3G\n' >"$root/etc/zswapctl.conf.d/26-dup.conf"
zr config check --json >"$tmpdir/r.json" 2>/dev/null
check "the same key in two files is no error: the later wins" \
	test "$(jq_ "d['devices'][0]['size']")" = 3221225472
check "a configuration file: no [system] tunable unless it says so" \
	test "$(jq_ "[v['value'] for v in d['system'].values()]")" = "[None, None, None, None]"
printf '[system]\nswappiness = 150\nmglru = no\n' >"$root/etc/zswapctl.conf.d/27-sys.conf"
printf '[system]\nswappiness = keep\n' >"$root/run/zswapctl.conf.d/28-sys.conf"
zr config check --json >"$tmpdir/r.json" 2>/dev/null
check "[system] in drop-ins: a later 'keep' cancels a value, mglru = no is false" \
	test "$(jq_ "(d['system']['swappiness']['value'], d['system']['swappiness']['origin'], d['system']['mglru']['value'])")" = \
	"(None, '$root/run/zswapctl.conf.d/28-sys.conf:2', False)"
rm "$root/etc/zswapctl.conf.d/27-sys.conf" "$root/run/zswapctl.conf.d/28-sys.conf"

mkdir "$root/etc/zswapctl.conf.d/99-dir.conf"
zr config check >"$tmpdir/out" 2>"$tmpdir/err"
rc=$?
check "a drop-in that exists but cannot be read: exit 2 and its name" \
	sh -c '[ "$1" = 2 ] && grep -q "99-dir.conf.*cannot read" "$2"' - "$rc" "$tmpdir/err"
rmdir "$root/etc/zswapctl.conf.d/99-dir.conf"

zr config check "$tmpdir/nonexistent.conf" >"$tmpdir/out" 2>"$tmpdir/err"
rc=$?
check "an explicit file that does not exist: exit 2 and its name" \
	sh -c '[ "$1" = 2 ] && grep -q "nonexistent.conf: cannot open" "$2"' - "$rc" "$tmpdir/err"
zr config check "$configs/good/minimal.conf" >"$tmpdir/out" 2>"$tmpdir/err"
check "an explicit file replaces every other file" \
	test "$(grep '^#   ' "$tmpdir/out")" = "#   $configs/good/minimal.conf"

# ---- hostile files: nothing that never ends, no flood of errors ---------
for dev in /dev/zero /dev/urandom; do
	timeout 20 "$ZSWAPCTL" --sysroot "$fx" config check "$dev" >"$tmpdir/out" 2>"$tmpdir/err"
	rc=$?
	check "config check $dev: exit 2 at once (not a timeout, $rc)" test $rc = 2
	check "config check $dev: one line, naming it" \
		eval '[ "$(wc -l <"$tmpdir/err")" = 1 ] && grep -q "^$dev: cannot read: not a regular file" "$tmpdir/err"'
done
mkfifo "$tmpdir/fifo.conf"
timeout 20 "$ZSWAPCTL" --sysroot "$fx" config check "$tmpdir/fifo.conf" >/dev/null 2>"$tmpdir/err"
check "a FIFO nobody writes to: exit 2, no hang" test $? = 2
head -c 2000000 /dev/zero | tr '\0' 'x' >"$tmpdir/big.conf"
zc config check "$tmpdir/big.conf" >/dev/null 2>"$tmpdir/err"
rc=$?
check "a file over 1 MiB: exit 2, too large" eval 'test $rc = 2 && grep -q "too large" "$tmpdir/err"'
head -c 300000 /dev/urandom | tr -d '\n' >"$tmpdir/noise.conf"
printf '\n[zram0]\nsize = 1G\n' >>"$tmpdir/noise.conf"
for i in $(seq 1 200); do echo "frob$i"; done >>"$tmpdir/noise.conf"
timeout 20 "$ZSWAPCTL" --sysroot "$fx" config check "$tmpdir/noise.conf" >/dev/null 2>"$tmpdir/err"
rc=$?
check "random bytes and 200 bad lines: exit 2" test $rc = 2
check "... at most 21 lines of errors ($(wc -l <"$tmpdir/err"))" test "$(wc -l <"$tmpdir/err")" -le 21
expect_grep "... and it says it stopped" "20 errors; the rest of this file is not read" "$tmpdir/err"

# ---- trust: files and directories that others can write are refused -----
# The unit tests run as root in CI and as anyone elsewhere: root and the
# user running zswapctl are the trusted owners; each case is built with
# explicit modes (and, as root, an explicit other owner).
trust=$tmpdir/trust
mkdir -p "$trust/etc/zswapctl.conf.d" "$trust/proc"
cp "$fx/proc/meminfo" "$trust/proc/"
chmod 755 "$trust" "$trust/etc" "$trust/etc/zswapctl.conf.d"
printf '[zram0]\nsize = 1G\n' >"$trust/etc/zswapctl.conf"
chmod 644 "$trust/etc/zswapctl.conf"
zt() { "$ZSWAPCTL" --sysroot "$trust" "$@"; }
refused() { # refused NAME WHAT-THE-MESSAGE-SAYS
	zt config check >"$tmpdir/out" 2>"$tmpdir/err"
	local rc=$?
	check "$1: exit 2" test $rc = 2
	check "$1: the message names the file, says refused and what to do" \
		grep -q "$2" "$tmpdir/err"
}
zt config check >/dev/null 2>&1
check "trust: 0644 files in 0755 directories are read" test $? = 0
chmod 666 "$trust/etc/zswapctl.conf"
refused "a world-writable zswapctl.conf" \
	"^$trust/etc/zswapctl.conf: refused: it can be written by anyone.*chmod go-w"
chmod 664 "$trust/etc/zswapctl.conf"
refused "a group-writable zswapctl.conf" "zswapctl.conf: refused: it can be written by its group"
chmod 644 "$trust/etc/zswapctl.conf"
chmod 777 "$trust/etc"
refused "a world-writable directory above it" \
	"refused: the directory $trust/etc can be written by anyone"
chmod 1777 "$trust/etc"
zt config check >/dev/null 2>&1
check "a sticky world-writable directory above it (as /tmp): read" test $? = 0
chmod 755 "$trust/etc"
chmod 1777 "$trust/etc/zswapctl.conf.d"
refused "a drop-in directory anyone may add files to (even sticky)" \
	"zswapctl.conf.d: refused: it can be written by anyone"
chmod 755 "$trust/etc/zswapctl.conf.d"
printf '[zram0]\nsize = 2G\n' >"$tmpdir/elsewhere.conf"
chmod 644 "$tmpdir/elsewhere.conf"
mkdir -p "$tmpdir/open"
chmod 777 "$tmpdir/open"
ln -s "$tmpdir/elsewhere.conf" "$tmpdir/open/link.conf"
ln -s "$tmpdir/open/link.conf" "$trust/etc/zswapctl.conf.d/50-link.conf"
refused "a drop-in through a symbolic link in a world-writable directory" \
	"50-link.conf: refused: the directory $tmpdir/open can be written by anyone"
rm "$trust/etc/zswapctl.conf.d/50-link.conf"
"$ZSWAPCTL" --sysroot "$fx" config check "$tmpdir/open/link.conf" >/dev/null 2>"$tmpdir/err"
rc=$?
check "config check FILE: the same rule for an explicit file" \
	eval 'test $rc = 2 && grep -q "refused" "$tmpdir/err"'
"$ZSWAPCTL" --sysroot "$trust" setup --dry-run -c "$tmpdir/open/link.conf" >/dev/null 2>"$tmpdir/err"
check "setup -c FILE: refused too, exit 2" test $? = 2
if [ "$(id -u)" = 0 ]; then
	chown 65534 "$trust/etc/zswapctl.conf"
	refused "a zswapctl.conf owned by another user" \
		"zswapctl.conf: refused: it is owned by uid 65534, not root.*chown root:"
	chown 0 "$trust/etc/zswapctl.conf"
	chown 65534 "$trust/etc"
	refused "a directory above it owned by another user" \
		"refused: the directory $trust/etc is owned by uid 65534"
	chown 0 "$trust/etc"
else
	skip "a zswapctl.conf owned by another user" "needs root to chown"
fi
zt config check >/dev/null 2>&1
check "trust: after the repairs, read again" test $? = 0

# A bad value and a second copy of its key: both said in one run.
zc config check "$configs/bad/duplicate-key-first-bad.conf" >/dev/null 2>"$tmpdir/err"
check "a key set twice, the first copy bad: 'set twice' said too" \
	grep -q "duplicate-key-first-bad.conf:4: \[zram0\]: 'size' is set twice" "$tmpdir/err"

# A file where the drop-in directory goes, a drop-in with a newline in its
# name: neither is read, and each is said (the first was silent, the second
# broke config check's output).
odd=$tmpdir/odd
mkdir -p "$odd/proc" "$odd/etc"
cp "$fx/proc/meminfo" "$odd/proc/meminfo"
printf '[zram0]\nswap-priority = 7\n' >"$odd/etc/zswapctl.conf.d"
"$ZSWAPCTL" --sysroot "$odd" config check >"$tmpdir/out" 2>"$tmpdir/err"
rc=$?
check "a file named zswapctl.conf.d: not read, said" \
	eval 'test $rc = 0 && grep -q "zswapctl.conf.d: not a directory, so not read" "$tmpdir/err"'
rm "$odd/etc/zswapctl.conf.d"
mkdir "$odd/etc/zswapctl.conf.d"
printf '[zram0]\nswap-priority = 7\n' >"$odd/etc/zswapctl.conf.d/new
line.conf"
"$ZSWAPCTL" --sysroot "$odd" config check >"$tmpdir/out" 2>"$tmpdir/err"
rc=$?
check "a drop-in with a newline in its name: not read, said" \
	eval 'test $rc = 0 && grep -q "a drop-in whose name has a control character is not read" "$tmpdir/err" &&
		! grep -q "swap-priority = 7" "$tmpdir/out"'

# ---- bytes that are not text ----------------------------------------------
# A NUL ends a line for strlen(): the rest must not become the next line,
# or every line number after it is wrong and the next line's mistake lost.
printf '[zram0]\nsize = 64M\0 junk\nswap-priority = 99999\nalgorithm = lz4\nmem-limit = bogus\n' \
	>"$tmpdir/nul.conf"
zc config check "$tmpdir/nul.conf" >/dev/null 2>"$tmpdir/err"
check "a NUL byte: exit 2" test $? = 2
check "a NUL byte: said on its own line" grep -q "nul.conf:2: a NUL byte: not a text file" "$tmpdir/err"
check "a NUL byte: the next line is still read, with its number" \
	grep -q "nul.conf:3: swap-priority = 99999" "$tmpdir/err"
check "a NUL byte: later line numbers unchanged" grep -q "nul.conf:5: mem-limit = bogus" "$tmpdir/err"
printf '[zram0]\nsize = 64M\n' | iconv -t UTF-16 >"$tmpdir/utf16.conf"
zc config check "$tmpdir/utf16.conf" >/dev/null 2>"$tmpdir/err"
rc=$?
check "a UTF-16 file: exit 2, said once" \
	eval 'test $rc = 2 && test "$(grep -c "a NUL byte: not a text file (a UTF-16 one" "$tmpdir/err")" = 1'

# JSON is UTF-8: a file name or a value that is not comes out with U+FFFD.
latin=$(printf '%s/l\377atin.conf' "$tmpdir")
printf '[zram1]\nsize = 64M\nalgorithm-params = dict=/etc/z\377dict\n' >"$latin"
zc config check --json "$latin" >"$tmpdir/latin.json" 2>"$tmpdir/err"
check "bytes that are not UTF-8: config check --json is UTF-8 JSON, with U+FFFD" "$PYTHON" -c '
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert d["files"][0].endswith("l\ufffdatin.conf"), d["files"]
assert d["devices"][0]["algorithm_params"] == "dict=/etc/z\ufffddict", d["devices"][0]
' "$tmpdir/latin.json"

# ---- usage ---------------------------------------------------------------
zc config >/dev/null 2>&1
check "config without an action: exit 2" test $? = 2
zc config frob >/dev/null 2>&1
check "config frob: exit 2" test $? = 2
zc config check a b >/dev/null 2>&1
check "config check with two files: exit 2" test $? = 2
zc config import --json zramswap /dev/null >"$tmpdir/out" 2>"$tmpdir/err"
rc=$?
check "config import --json: a usage error (it prints a configuration)" \
	eval 'test $rc = 2 && grep -q "import: prints a zswapctl.conf, not JSON" "$tmpdir/err" && test ! -s "$tmpdir/out"'
zc config --help >"$tmpdir/out" 2>&1
check "config --help" grep -q 'config check' "$tmpdir/out"
done_testing
