#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `zswapctl maintain` against copies of the fixture trees: what a round
# writes where (idle by age, the round's budget as writeback_limit, the
# modes in order, recompression in one write), that --dry-run changes
# nothing, the state file (written, kept, refused when corrupt, its daily
# budget honoured), kernels without the features (a warning, exit 0),
# devices without a policy (nothing), and the JSON. The policy itself in
# simulated time: test-policy.c. Real writeback: tests/vm/cases/stock/.
. "$top_srcdir/tests/unit/lib.sh"

stock=$tmpdir/stock
patched=$tmpdir/patched
cp -r "$fixtures_dir/debian-6.12.117-cloud" "$stock"
cp -r "$fixtures_dir/patched-6.12.117" "$patched"
z=$stock/sys/block/zram0
state=$tmpdir/state
conf=$tmpdir/m.conf
cat >"$conf" <<'EOF'
[zram0]
backing-device = /dev/vda
writeback-modes = huge_idle idle huge
writeback-round-max = 64M
writeback-round-min = 1M
writeback-daily-limit = 100M
writeback-idle-age = 2h
EOF
zm() { "$ZSWAPCTL" --sysroot "$stock" maintain -c "$conf" --state-dir "$state" "$@"; }
reset_attrs() { for a in idle writeback writeback_limit writeback_limit_enable recompress; do
	[ -e "$1/$a" ] && : >"$1/$a"; done; }
reset_attrs "$z"

# ---- dry run: nothing written ------------------------------------------
zm --dry-run >"$tmpdir/out" 2>"$tmpdir/err"
check "dry run: exit 0" test $? -eq 0
check "dry run: says what it would write back" \
	grep -q "zram0: would write back up to 64M of huge_idle, idle, huge slots, idle ones untouched for 2h 0min; 100M left today" "$tmpdir/out"
check "dry run: no attribute written" \
	test -z "$(cat "$z/idle" "$z/writeback" "$z/writeback_limit" "$z/writeback_limit_enable")"
check "dry run: no state written" test ! -e "$state"
mkdir -p "$tmpdir/json"
keep() { cp "$1" "$tmpdir/json/$(ls "$tmpdir/json" | wc -l).json"; }
zm --dry-run --json >"$tmpdir/dry.json" 2>/dev/null
keep "$tmpdir/dry.json"
check "dry run --json: dry_run true, budget, age, nothing ran" \
	test "$(json_get "$tmpdir/dry.json" "(d['dry_run'], d['devices'][0]['writeback']['ran'], d['devices'][0]['writeback']['budget'], d['devices'][0]['writeback']['idle_age'])")" = \
	"(True, False, 67108864, 7200)"

# ---- a round ------------------------------------------------------------
zm >"$tmpdir/out" 2>"$tmpdir/err"
rc=$?
check "round: exit 0" test "$rc" -eq 0
check "round: no crash" sh -c '! grep -q "runtime error\|Sanitizer" "$1"' - "$tmpdir/err"
check "round: a first round says it starts afresh" grep -q "no maintenance state in $state/maintain-zram0 yet" "$tmpdir/err"
check "round: marked idle by age (2 h in seconds)" test "$(cat "$z/idle")" = 7200
check "round: the budget went to writeback_limit in 4 KiB pages" test "$(cat "$z/writeback_limit")" = 16384
check "round: and the limit is off again afterwards" test "$(cat "$z/writeback_limit_enable")" = 0
check "round: says what it wrote back, per mode" \
	grep -q "zram0: wrote back 0B of a 64M budget (huge_idle 0 pages, idle 0 pages, huge 0 pages)" "$tmpdir/out"
check "round: the state file is written" grep -q '^zswapctl-maintain 1$' "$state/maintain-zram0"
check "round: with the round's time" grep -q '^last-round [1-9][0-9]*$' "$state/maintain-zram0"
check "round: and no temporary file left" test "$(ls -A "$state")" = maintain-zram0

reset_attrs "$z"
zm --json >"$tmpdir/r.json" 2>"$tmpdir/err"
check "second round: exit 0" test $? -eq 0
keep "$tmpdir/r.json"
check "second round: backs off after the empty first one" \
	test "$(json_get "$tmpdir/r.json" "d['devices'][0]['writeback']['skipped']")" = backoff
check "second round: touches nothing" test -z "$(cat "$z/idle" "$z/writeback")"
check "second round: the state was read (not fresh)" \
	test "$(json_get "$tmpdir/r.json" "d['devices'][0]['state']['fresh']")" = False
check "second round: the next round an hour after the first" \
	test "$(json_get "$tmpdir/r.json" "d['devices'][0]['writeback']['next'] - d['devices'][0]['state']['last_round']")" = 3600
check "second round: nothing changed, the state file is not written" \
	test "$(json_get "$tmpdir/r.json" "d['devices'][0]['state']['saved']")" = False

# ---- the daily budget in the state file ---------------------------------
now=$(date +%s)
printf 'zswapctl-maintain 1\nday-start %s\nday-written 104857600\nlast-round 1\nlast-written 4096\nlast-recompress 0\nsuspend-base 0\n' \
	"$now" >"$state/maintain-zram0"
zm --json >"$tmpdir/r.json" 2>/dev/null
check "daily budget used up (from the state file): skipped, 0 left" \
	test "$(json_get "$tmpdir/r.json" "(d['devices'][0]['writeback']['skipped'], d['devices'][0]['writeback']['daily_left'])")" = \
	"('daily-limit', 0)"
check "daily budget used up: nothing written back" test -z "$(cat "$z/writeback")"
keep "$tmpdir/r.json"
check "daily budget used up: the day is kept" grep -q "^day-written 104857600$" "$state/maintain-zram0"
printf 'zswapctl-maintain 1\nday-start %s\nday-written 73400320\nlast-round 1\nlast-written 4096\nlast-recompress 0\nsuspend-base 0\n' \
	"$now" >"$state/maintain-zram0"
zm --json >"$tmpdir/r.json" 2>/dev/null
check "30 MiB left today: the round's budget is 30 MiB" \
	test "$(json_get "$tmpdir/r.json" "d['devices'][0]['writeback']['budget']")" = 31457280
check "30 MiB left today: writeback_limit 7680 pages" test "$(cat "$z/writeback_limit")" = 7680
keep "$tmpdir/r.json"

reset_attrs "$z"
sed 's/^writeback-round-min = .*/writeback-round-min = 0/' "$conf" >"$tmpdir/min0.conf"
printf 'zswapctl-maintain 1\nday-start %s\nday-written 104857500\nlast-round 1\nlast-written 4096\nlast-recompress 0\nsuspend-base 0\n' \
	"$now" >"$state/maintain-zram0"
"$ZSWAPCTL" --sysroot "$stock" maintain -c "$tmpdir/min0.conf" --state-dir "$state" --json >"$tmpdir/r.json" 2>/dev/null
check "100 bytes left, no round minimum: skipped as below the minimum" \
	test "$(json_get "$tmpdir/r.json" "(d['devices'][0]['writeback']['skipped'], d['devices'][0]['writeback']['budget'])")" = \
	"('below-minimum', 100)"
check "100 bytes left: no writeback_limit of 0 pages, nothing written back" \
	test -z "$(cat "$z/writeback_limit" "$z/writeback")"

# ---- a corrupt state file -------------------------------------------------
reset_attrs "$z"
printf 'zswapctl-maintain 1\nday-written 9\n' >"$state/maintain-zram0"
zm >"$tmpdir/out" 2>"$tmpdir/err"
check "corrupt state: exit 0" test $? -eq 0
check "corrupt state: a warning that names the file" grep -q "maintenance state $state/maintain-zram0 is not valid: starting afresh" "$tmpdir/err"
check "corrupt state: the round runs" test "$(cat "$z/idle")" = 7200
check "corrupt state: replaced by a valid one" grep -q "^day-written 0$" "$state/maintain-zram0"
head -c 3000 /dev/urandom >"$state/maintain-zram0"
zm >/dev/null 2>"$tmpdir/err"
check "random bytes as state: exit 0, no crash" sh -c '[ "$1" = 0 ] && ! grep -q "runtime error\|Sanitizer" "$2"' - $? "$tmpdir/err"

# ---- a state that cannot be read or saved ----------------------------------
reset_attrs "$z"
: >"$tmpdir/notadir"
zm --json --state-dir "$tmpdir/notadir" >"$tmpdir/r.json" 2>"$tmpdir/err"
rc=$?
check "state dir is a file: exit 1" test "$rc" -eq 1
check "state dir is a file: the JSON says the state failed" \
	test "$(json_get "$tmpdir/r.json" "(d['devices'][0]['failed'], d['devices'][0]['error'], d['devices'][0]['state']['saved'])")" = \
	"('state', 'Not a directory', False)"
keep "$tmpdir/r.json"
zm --state-dir "$tmpdir/notadir" >/dev/null 2>"$tmpdir/err"
check "state dir is a file: the read says why, after a colon" \
	grep -q "zram0: cannot read the maintenance state $tmpdir/notadir/maintain-zram0: Not a directory; starting afresh" "$tmpdir/err"
check "state dir is a file: the save says why" \
	grep -q "zram0: cannot save the maintenance state to $tmpdir/notadir/maintain-zram0: Not a directory" "$tmpdir/err"

# ---- a state file of a newer zswapctl ---------------------------------------
reset_attrs "$z"
printf 'zswapctl-maintain 2\nday-budget 104857600\n' >"$state/maintain-zram0"
cp "$state/maintain-zram0" "$tmpdir/newer"
zm >"$tmpdir/out" 2>"$tmpdir/err"
rc=$?
check "newer state: exit 0" test "$rc" -eq 0
check "newer state: a warning that it is left alone and the device skipped" \
	grep -q "warning: zram0: the maintenance state $state/maintain-zram0 was written by a newer zswapctl: left alone; this round skips zram0" "$tmpdir/err"
check "newer state: nothing marked idle or written back" \
	test -z "$(cat "$z/idle" "$z/writeback" "$z/writeback_limit")"
check "newer state: the file is not overwritten" cmp -s "$state/maintain-zram0" "$tmpdir/newer"
zm --json >"$tmpdir/r.json" 2>/dev/null
rc=$?
check "newer state --json: exit 0, writeback skipped as newer-state, nothing saved" \
	test "$rc:$(json_get "$tmpdir/r.json" "(d['devices'][0]['writeback']['skipped'], d['devices'][0]['failed'], d['devices'][0]['state']['saved'])")" = \
	"0:('newer-state', None, False)"
keep "$tmpdir/r.json"
check "newer state --json: the file is not overwritten" cmp -s "$state/maintain-zram0" "$tmpdir/newer"
rm "$state/maintain-zram0"

# ---- the state where the root says, without --state-dir -------------------
reset_attrs "$z"
"$ZSWAPCTL" --sysroot "$stock" maintain -c "$conf" >/dev/null 2>&1
check "without --state-dir: the state under the root's /var/lib/zswapctl" \
	test -s "$stock/var/lib/zswapctl/maintain-zram0"

# ---- an idle daemon leaves the state file alone ----------------------------
# Rounds every second that find nothing to write back: the first is
# written down, the empty ones after it are not (only their time would
# change); the daemon keeps their time itself. A file written by someone
# else meanwhile is read again.
cat >"$tmpdir/idle.conf" <<'EOF'
[zram0]
backing-device = /dev/vda
writeback-modes = idle
writeback-interval = 1s
writeback-backoff = 1s
writeback-idle-age = 2h
EOF
rm -rf "$tmpdir/idle-state"
wait_lines() { # wait_lines FILE N: until FILE has N lines (60 s at most)
	i=0
	while [ "$(wc -l <"$1")" -lt "$2" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
}
# Made before the daemon starts: the background shell opens its redirection
# some time after `&` returns, and a wait_lines on a file not there yet
# would end at once (wc fails, the test is false), before any round.
: >"$tmpdir/idle.jsonl"
"$ZSWAPCTL" --sysroot "$stock" --json maintain --daemon -c "$tmpdir/idle.conf" \
	--state-dir "$tmpdir/idle-state" >>"$tmpdir/idle.jsonl" 2>"$tmpdir/idle.err" &
daemon=$!
wait_lines "$tmpdir/idle.jsonl" 3
sed -n 1p "$tmpdir/idle.jsonl" >"$tmpdir/idle1.json"
sed -n 3p "$tmpdir/idle.jsonl" >"$tmpdir/idle3.json"
keep "$tmpdir/idle3.json"
cp "$tmpdir/idle-state/maintain-zram0" "$tmpdir/idle-state.after3"
check "idle daemon: the first round is written down" \
	test "$(json_get "$tmpdir/idle1.json" "d['devices'][0]['state']['saved']")" = True
check "idle daemon: the third, as empty as the second, is not" \
	test "$(json_get "$tmpdir/idle3.json" "(d['devices'][0]['writeback']['ran'], d['devices'][0]['writeback']['bytes'], d['devices'][0]['state']['saved'])")" = \
	"(True, 0, False)"
check "idle daemon: the file still has the first round's time" \
	grep -qx "last-round $(json_get "$tmpdir/idle1.json" "d['devices'][0]['state']['last_round']")" "$tmpdir/idle-state.after3"
check "idle daemon: the report has the third round's time" \
	test "$(json_get "$tmpdir/idle3.json" "d['devices'][0]['state']['last_round'] == d['time']")" = True
now=$(date +%s)
printf 'zswapctl-maintain 1\nday-start %s\nday-written 8192\nlast-round 1\nlast-written 4096\nlast-recompress 0\nsuspend-base 0\n' \
	"$now" >"$tmpdir/idle-state/maintain-zram0.new"
mv "$tmpdir/idle-state/maintain-zram0.new" "$tmpdir/idle-state/maintain-zram0"
n=$(wc -l <"$tmpdir/idle.jsonl")
wait_lines "$tmpdir/idle.jsonl" $((n + 2))
kill "$daemon"
wait "$daemon"
check "idle daemon: stops on SIGTERM (exit $?)" test $? -eq 0
tail -n 1 "$tmpdir/idle.jsonl" >"$tmpdir/idle-last.json"
check "idle daemon: a state file written by another is read again" \
	test "$(json_get "$tmpdir/idle-last.json" "d['devices'][0]['writeback']['written_today']")" = 8192
check "idle daemon: no sanitizer report" sh -c '! grep -q "runtime error\|Sanitizer" "$1"' - "$tmpdir/idle.err"

# ---- what stats shows of it -----------------------------------------------
mkdir -p "$stock/etc"
cp "$conf" "$stock/etc/zswapctl.conf"
"$ZSWAPCTL" --sysroot "$stock" stats --json zram0 >"$tmpdir/s.json" 2>"$tmpdir/err"
check "stats --json: the policy, the last round, today's writeback and the budget left" \
	test "$(json_get "$tmpdir/s.json" "(lambda m: (m['policy']['writeback']['modes'], m['last_round'] > 0, m['written_today'], m['daily_left']))(d['devices'][0]['maintain'])")" = \
	"(['huge_idle', 'idle', 'huge'], True, 0, 104857600)"
check "stats --json with maintain is valid against stats-schema.json" validate_json_all stats "$tmpdir/s.json"
"$ZSWAPCTL" --sysroot "$stock" stats --format=prometheus zram0 >"$tmpdir/s.prom" 2>&1
check "stats prometheus: the budget left" grep -qx 'zswapctl_maintain_daily_left_bytes{device="zram0"} 104857600' "$tmpdir/s.prom"
check "stats prometheus: the last round" grep -q '^zswapctl_maintain_last_round_timestamp_seconds{device="zram0"} [1-9]' "$tmpdir/s.prom"
"$ZSWAPCTL" --sysroot "$stock" stats zram0 >"$tmpdir/s.txt" 2>&1
check "stats table: the policy and the budget left" \
	sh -c 'grep -q "maintain *policy *writeback" "$1" && grep -q "maintain *daily_left *104857600" "$1"' - "$tmpdir/s.txt"
cols=NAME,MAINT-POLICY,MAINT-LAST,MAINT-TODAY,MAINT-LEFT,MAINT-NEXT
"$ZSWAPCTL" --sysroot "$stock" status --json -o "$cols" >"$tmpdir/st.json" 2>"$tmpdir/err"
check "status --json: the maintain columns agree with stats" \
	"$PYTHON" -c '
import json, sys
m = json.load(open(sys.argv[1]))["devices"][0]["maintain"]
r = json.load(open(sys.argv[2]))["zramdevices"][0]
ok = (r["maint-policy"] == "writeback" and r["maint-last"] == m["last_round"] > 0 and
      r["maint-today"] == m["written_today"] and r["maint-left"] == m["daily_left"] == 104857600 and
      r["maint-next"] == m["next_round"] == m["last_round"] + 3600)
sys.exit(0 if ok else print(m, r) or 1)' "$tmpdir/s.json" "$tmpdir/st.json"
check "status --json with the maintain columns is valid against status-schema.json" \
	validate_json_all status "$tmpdir/st.json"
"$ZSWAPCTL" --sysroot "$stock" status -o "$cols" --noheadings >"$tmpdir/st.txt" 2>&1
check "status table: the policy, a last round in the past, 100M left, the next round ahead" \
	grep -Eq '^/dev/zram0 +writeback +([0-9]+(h|min|s)[0-9 mins]* ago|now) +0B +100M +in [0-9]' "$tmpdir/st.txt"
rm "$stock/etc/zswapctl.conf"
"$ZSWAPCTL" --sysroot "$fixtures_dir/debian-6.12.117-cloud" stats --json zram0 >"$tmpdir/s.json" 2>&1
check "stats --json where maintain never ran: maintain is null" \
	test "$(json_get "$tmpdir/s.json" "d['devices'][0]['maintain']")" = null

# ---- devices without a policy, devices that are not there ----------------
reset_attrs "$z"
printf '[zram0]\nbacking-device = /dev/vda\n' >"$tmpdir/nopolicy.conf"
"$ZSWAPCTL" --sysroot "$stock" maintain -c "$tmpdir/nopolicy.conf" --state-dir "$state" >"$tmpdir/out" 2>&1
check "a backing device and no policy keys: exit 0" test $? -eq 0
check "a backing device and no policy keys: says so" grep -q "no device has a maintenance policy" "$tmpdir/out"
check "a backing device and no policy keys: nothing written" test -z "$(cat "$z/idle" "$z/writeback")"
"$ZSWAPCTL" --sysroot "$stock" maintain -c "$tmpdir/nopolicy.conf" --state-dir "$state" zram0 >/dev/null 2>"$tmpdir/err"
check "naming a device without a policy: exit 2" test $? -eq 2
check "naming a device without a policy: says which keys" grep -q "zram0 has no maintenance policy.*writeback-modes" "$tmpdir/err"
printf '[zram7]\nbacking-device = /dev/vda\nwriteback-modes = idle\n' >"$tmpdir/missing.conf"
"$ZSWAPCTL" --sysroot "$stock" maintain -c "$tmpdir/missing.conf" --state-dir "$state" >/dev/null 2>"$tmpdir/err"
check "a configured device that is not there: exit 0" test $? -eq 0
check "a configured device that is not there: a warning to run setup" grep -q "zram7: no such zram device; run 'zswapctl setup' first" "$tmpdir/err"
check "a configured device that is not there: no word of its state" sh -c '! grep -q "maintenance state" "$1"' - "$tmpdir/err"
"$ZSWAPCTL" --sysroot "$stock" maintain -c "$tmpdir/missing.conf" --state-dir "$state" --json zram7 >"$tmpdir/r.json" 2>"$tmpdir/err"
rc=$?
check "a named device that is not there: exit 1" test "$rc" -eq 1
check "a named device that is not there: an error to run setup" grep -q "^zswapctl: zram7: no such zram device; run 'zswapctl setup' first" "$tmpdir/err"
check "a named device that is not there: the JSON says it failed" \
	test "$(json_get "$tmpdir/r.json" "(d['devices'][0]['present'], d['devices'][0]['failed'])")" = "(False, 'device')"
keep "$tmpdir/r.json"

reset_attrs "$z"
echo 0 >"$z/initstate"
zm --json >"$tmpdir/r.json" 2>/dev/null
rc=$?
zm >/dev/null 2>"$tmpdir/err"
check "a device that is not initialised: exit 0, not present, nothing marked idle" \
	test "$rc:$(json_get "$tmpdir/r.json" "d['devices'][0]['present']"):$(cat "$z/idle" "$z/writeback")" = "0:False:"
check "a device that is not initialised: a warning to set it up" \
	grep -q "warning: zram0: not initialised (no disksize: reset?); run 'zswapctl setup' first" "$tmpdir/err"
zm zram0 >/dev/null 2>&1
check "a device named that is not initialised: exit 1" test $? -eq 1
echo 1 >"$z/initstate"

# ---- kernels without the features: one warning each, exit 0 ----------------
host=$tmpdir/host
cp -r "$fixtures_dir/host-6.18" "$host"
"$ZSWAPCTL" --sysroot "$host" maintain -c "$conf" --state-dir "$tmpdir/hstate" >"$tmpdir/out" 2>"$tmpdir/err"
check "kernel without writeback: exit 0" test $? -eq 0
check "kernel without writeback: one warning that names CONFIG_ZRAM_WRITEBACK" \
	test "$(grep -c "zram0: the kernel cannot write back (CONFIG_ZRAM_WRITEBACK); writeback skipped" "$tmpdir/err")" = 1
printf '[zram0]\nrecompress = zstd\nrecompress-interval = 5min\n' >"$tmpdir/rc.conf"
"$ZSWAPCTL" --sysroot "$stock" maintain -c "$tmpdir/rc.conf" --state-dir "$tmpdir/rstate" --json >"$tmpdir/r.json" 2>"$tmpdir/err"
check "kernel without multi-compression: exit 0, recompression skipped" \
	sh -c '[ "$1" = 0 ] && [ "$(cat "$2")" = no-recompress ]' - $? \
	"$(json_get "$tmpdir/r.json" "d['devices'][0]['recompress']['skipped']" >"$tmpdir/v"; echo "$tmpdir/v")"

# ---- recompression where the kernel has it -----------------------------------
p=$patched/sys/block/zram0
reset_attrs "$p"
cat >"$tmpdir/prc.conf" <<'EOF'
[zram0]
recompress = zstd:1 lz4hc:2
recompress-interval = 5min
recompress-type = huge_idle
recompress-idle-age = 3h
recompress-threshold = 1K
recompress-algorithm = lz4hc
recompress-max-pages = 4096
EOF
"$ZSWAPCTL" --sysroot "$patched" maintain -c "$tmpdir/prc.conf" --state-dir "$tmpdir/pstate" --json >"$tmpdir/r.json" 2>"$tmpdir/err"
check "recompression: exit 0" test $? -eq 0
keep "$tmpdir/r.json"
check "recompression: idle by its own age first" test "$(cat "$p/idle")" = 10800
check "recompression: every parameter in one write" \
	test "$(cat "$p/recompress")" = "type=huge_idle threshold=1024 algo=lz4hc max_pages=4096"
check "recompression: the JSON says it ran, with the sizes around it" \
	test "$(json_get "$tmpdir/r.json" "(d['devices'][0]['recompress']['ran'], type(d['devices'][0]['recompress']['compr_data_size_after']).__name__)")" = "(True, 'int')"
check "recompression: its state" grep -q '^last-recompress [1-9]' "$tmpdir/pstate/maintain-zram0"

"$ZSWAPCTL" --sysroot "$stock" maintain -c "$tmpdir/missing.conf" --state-dir "$state" --json >"$tmpdir/r.json" 2>/dev/null
keep "$tmpdir/r.json"
check "every JSON document above is valid against maintain-schema.json" \
	validate_json_all maintain "$tmpdir"/json/*.json
printf '{"dry_run": false, "time": 1, "devices": [{"name": "zram0"}]}\n' >"$tmpdir/bad.json"
check "maintain-schema.json refuses a device without its fields" \
	sh -c '! "$@" >/dev/null 2>&1' - "$PYTHON" "$top_srcdir/tests/json-schema-check" maintain "$tmpdir/bad.json"

# ---- usage -----------------------------------------------------------------
zm --daemon --dry-run >/dev/null 2>&1
check "--daemon --dry-run: exit 2" test $? -eq 2
zm --state-dir relative >/dev/null 2>&1
check "--state-dir relative: exit 2" test $? -eq 2
zm zram01 >/dev/null 2>&1
check "a bad device name: exit 2" test $? -eq 2
"$ZSWAPCTL" maintain --help >"$tmpdir/out" 2>&1
check "maintain --help" grep -q -- '--daemon' "$tmpdir/out"
done_testing
