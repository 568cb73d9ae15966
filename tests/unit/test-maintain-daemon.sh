#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# `zswapctl maintain --daemon` and the service manager's notification
# protocol, with a socket this test owns in place of systemd's: READY=1
# before the first round (also one held in a writeback), a STATUS= after it, WATCHDOG=1 pings from the watchdog
# timer, RELOADING=1 then READY=1 on SIGHUP, STOPPING=1 and exit 0 on
# SIGTERM; the abstract-namespace form of $NOTIFY_SOCKET; a configuration
# without a policy (READY=1, then a clean exit). Waits are for events, with
# generous limits; nothing asserts how long anything took.
. "$top_srcdir/tests/unit/lib.sh"

stock=$tmpdir/stock
cp -r "$fixtures_dir/debian-6.12.117-cloud" "$stock"
cat >"$tmpdir/m.conf" <<'EOF'
[zram0]
backing-device = /dev/vda
writeback-modes = huge_idle idle huge
writeback-interval = 1h
EOF
printf '[zram0]\nbacking-device = /dev/vda\n' >"$tmpdir/none.conf"

"$PYTHON" - "$ZSWAPCTL" "$stock" "$tmpdir" >"$tmpdir/results" 2>"$tmpdir/py.err" <<'PY'
import os, signal, socket, subprocess, sys, time

zswapctl, root, tmp = sys.argv[1:4]

def result(ok, name):
    print(("PASS " if ok else "FAIL ") + name, flush=True)

def listen(addr):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(addr)
    s.settimeout(120)
    return s

def until(sock, word, seen=None, limit=120):
    """Datagrams until one has the line WORD (into SEEN, if given); None when
    the socket is quiet for its timeout, or LIMIT seconds from now (WATCHDOG=1
    pings may keep coming from a daemon that never says WORD: a limit, not a
    timing to assert)."""
    end = time.monotonic() + limit
    while time.monotonic() < end:
        try:
            msg = sock.recv(4096).decode()
        except socket.timeout:
            return None
        if seen is not None:
            seen.append(msg)
        if word in msg.split("\n"):
            return msg
    return None

def exit_status(p):
    """The daemon's exit status, or "hung" (killed) after 120 s."""
    try:
        return p.wait(120)
    except subprocess.TimeoutExpired:
        p.kill()
        return "hung"

def daemon(conf, notify, extra_env=None):
    env = dict(os.environ, NOTIFY_SOCKET=notify)
    env.update(extra_env or {})
    return subprocess.Popen([zswapctl, "--sysroot", root, "maintain", "--daemon", "-c", conf,
                             "--state-dir", tmp + "/state"], env=env,
                            stdout=open(tmp + "/daemon.out", "w"),
                            stderr=open(tmp + "/daemon.err", "w"))

path = tmp + "/notify"
sock = listen(path)
seen = []
p = daemon(tmp + "/m.conf", path, {"WATCHDOG_USEC": "400000", "WATCHDOG_PID": ""})
ready = until(sock, "READY=1", seen)
result(ready is not None, "READY=1 at the start")
status = ready
while status is not None and not any(l.startswith("STATUS=next round ") for l in status.split("\n")):
    status = until(sock, "WATCHDOG=1", seen)
result(status is not None and any(l.startswith("STATUS=next round ") and "zram0: 0B written back today" in l
                                  for l in status.split("\n")),
       "after the first round a STATUS= that says the next round and today's writeback")
result(os.path.exists(tmp + "/state/maintain-zram0"), "the first round kept its state")
seen.clear()
ping = until(sock, "WATCHDOG=1", seen)
result(ping == "WATCHDOG=1", "WATCHDOG=1 pings from the watchdog timer between rounds")
p.send_signal(signal.SIGHUP)
seen.clear()
reload = until(sock, "RELOADING=1", seen)
result(reload is not None and any(l.startswith("MONOTONIC_USEC=") for l in reload.split("\n")),
       "SIGHUP: RELOADING=1 with MONOTONIC_USEC=")
result(until(sock, "READY=1", seen) is not None, "SIGHUP: READY=1 again after reading the configuration")
result(p.poll() is None, "SIGHUP: the daemon goes on")
p.send_signal(signal.SIGTERM)
seen.clear()
result(until(sock, "STOPPING=1", seen) is not None, "SIGTERM: STOPPING=1")
rc = exit_status(p)
result(rc == 0, "SIGTERM: exit 0 (got %s)" % rc)
err = open(tmp + "/daemon.err").read()
result("runtime error" not in err and "Sanitizer" not in err, "no sanitizer report")
sock.close()

# The abstract namespace: "@name".
name = "zswapctl-test-%d" % os.getpid()
asock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
asock.bind("\0" + name)
asock.settimeout(120)
p = daemon(tmp + "/m.conf", "@" + name)
result(until(asock, "READY=1", []) is not None, "an abstract $NOTIFY_SOCKET (@name) gets READY=1")
p.send_signal(signal.SIGTERM)
result(exit_status(p) == 0, "and the daemon stops on SIGTERM")
asock.close()

# A reload that takes the last policy away: no round timer (the realtime
# timerfd disarmed, as /proc/PID/fdinfo shows it), the watchdog pings go
# on, a SIGHUP with a policy arms it again.
def round_timer(pid):
    """it_value of the daemon's CLOCK_REALTIME timerfd (clockid 0)."""
    for fd in os.listdir("/proc/%d/fd" % pid):
        try:
            if os.readlink("/proc/%d/fd/%s" % (pid, fd)) != "anon_inode:[timerfd]":
                continue
            info = dict(l.split(":", 1) for l in open("/proc/%d/fdinfo/%s" % (pid, fd)).read().splitlines()
                        if ":" in l)
        except OSError:
            continue
        if info.get("clockid", "").strip() == "0":
            return info["it_value"].strip()
    return None

def armed(pid):
    """Until the round timer is set (the round sets it after its report)."""
    for _ in range(2400):
        if round_timer(pid) not in (None, "(0, 0)"):
            return True
        time.sleep(0.05)
    return False

path3 = tmp + "/notify3"
sock3 = listen(path3)
conf = tmp + "/r.conf"
open(conf, "w").write(open(tmp + "/m.conf").read())
p = daemon(conf, path3, {"WATCHDOG_USEC": "400000", "WATCHDOG_PID": ""})
msg = until(sock3, "READY=1")
result(msg is not None and armed(p.pid), "with a policy: the round timer is set")
open(conf, "w").write(open(tmp + "/none.conf").read())
p.send_signal(signal.SIGHUP)
msg = until(sock3, "STATUS=no device has a maintenance policy; waiting for SIGHUP")
result(msg is not None, "SIGHUP to no policy: a STATUS= that says it waits for SIGHUP")
result(round_timer(p.pid) == "(0, 0)",
       "SIGHUP to no policy: the round timer is off (it_value %s)" % round_timer(p.pid))
result(until(sock3, "WATCHDOG=1") is not None and p.poll() is None,
       "SIGHUP to no policy: the daemon goes on, pinging the watchdog")
open(conf, "w").write(open(tmp + "/m.conf").read())
p.send_signal(signal.SIGHUP)
result(until(sock3, "RELOADING=1") is not None and armed(p.pid),
       "SIGHUP with a policy again: the round timer is set again")
p.send_signal(signal.SIGTERM)
result(exit_status(p) == 0, "and SIGTERM still ends it with exit 0")
out = open(tmp + "/daemon.out").read()
result(out.count("no device has a maintenance policy") == 1,
       "the log says once that no device has a policy (%d)" % out.count("no device has a maintenance policy"))
sock3.close()

# READY=1 comes before the first round: a round held in a writeback (the
# attribute a FIFO nobody reads yet) does not hold it back.
blocked = tmp + "/blocked"
subprocess.run(["cp", "-r", root, blocked], check=True)
os.unlink(blocked + "/sys/block/zram0/writeback")
os.mkfifo(blocked + "/sys/block/zram0/writeback")
open(tmp + "/one.conf", "w").write("[zram0]\nbacking-device = /dev/vda\nwriteback-modes = huge\n")
path4 = tmp + "/notify4"
sock4 = listen(path4)
env = dict(os.environ, NOTIFY_SOCKET=path4)
p = subprocess.Popen([zswapctl, "--sysroot", blocked, "maintain", "--daemon", "-c", tmp + "/one.conf",
                      "--state-dir", tmp + "/state4"], env=env,
                     stdout=open(tmp + "/daemon4.out", "w"), stderr=open(tmp + "/daemon4.err", "w"))
result(until(sock4, "READY=1") is not None, "READY=1 while the first round is still in its writeback")
fd = os.open(blocked + "/sys/block/zram0/writeback", os.O_RDONLY)
os.read(fd, 100)
os.close(fd)
p.send_signal(signal.SIGTERM)
rc = exit_status(p)
result(rc == 0, "and once it is done, SIGTERM ends it with exit 0 (got %s)" % rc)
sock4.close()

# No policy at all: ready, then a successful end.
path2 = tmp + "/notify2"
sock2 = listen(path2)
p = daemon(tmp + "/none.conf", path2)
msg = until(sock2, "READY=1", [])
result(msg is not None and "STATUS=no device has a maintenance policy" in msg.split("\n"),
       "no policy: READY=1 with a STATUS= that says why")
result(exit_status(p) == 0, "no policy: exit 0")
print("END", flush=True)
PY
py_rc=$?
# An exception (a daemon that never answers: TimeoutExpired) ends the
# script early: the results after it are missing, so the end must be seen.
check "the notification test ran to its end (python exit $py_rc)" \
	eval 'test $py_rc = 0 && test "$(tail -n 1 "$tmpdir/results")" = END'

# What the daemon maps at start: libc, and json-c only where configure
# found no archive of it (JSONC_CLI_LIBS); nothing else (libm was half a
# MiB of its resident set for one exp(); the libraries of other commands
# are dlopen()ed by them). The sanitizers bring their own; ld.so is the
# program's interpreter, mapped whatever it needs (json-c's archive asks it
# for __tls_get_addr in a build without the sanitizers, which intercept it).
case "${JSONC_CLI_LIBS:-}" in
*.a) want="libc.so.6 " ;;
*) want="libc.so.6 libjson-c.so.5 " ;;
esac
needed=$(readelf -d "$ZSWAPCTL" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
	grep -v -e '^libasan' -e '^libubsan' -e '^ld-linux' | sort | tr '\n' ' ')
check "zswapctl needs only: $want(got: $needed)" test "$needed" = "$want"
sed 's/^/# /' "$tmpdir/py.err"
while read -r word name; do
	case $word in
	END) ;;
	PASS) ok "$name" ;;
	*) not_ok "$name" ;;
	esac
done <"$tmpdir/results"
done_testing
