# SPDX-License-Identifier: GPL-2.0-or-later
"""Whole processes timed side by side, for the start-up benchmarks
(stats-vs-zramctl, build-vs-build): one run of A next to one of B, the
order alternating from pair to pair (ABBA), so that a change in the host's
speed lands on both sides. Each process is started with posix_spawn (no
shell), standard output to /dev/null, and reaped with wait4, which gives
its CPU time."""
import os
import statistics
import sys
import time

_DEVNULL = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]


def run(argv):
    """One process: (wall seconds, user+sys seconds); exits on a failure."""
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, os.environ, file_actions=_DEVNULL)
    _, status, ru = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(argv)}: exit status {code}")
    return wall, ru.ru_utime + ru.ru_stime


def pairs(a, b, runs, warmup):
    """WARMUP untimed pairs, then RUNS timed ones: A's samples, B's, and the
    per-pair wall time ratios A / B."""
    for _ in range(warmup):
        run(a), run(b)
    sa, sb, ratios = [], [], []
    for i in range(runs):
        if i % 2 == 0:
            x = run(a); y = run(b)
        else:
            y = run(b); x = run(a)
        sa.append(x); sb.append(y)
        ratios.append(x[0] / y[0])
    return sa, sb, ratios


def wall(samples):
    """Median wall time."""
    return statistics.median(s[0] for s in samples)


def cpu(samples):
    """Mean CPU time, not the median: the kernel may count it in whole ticks."""
    return statistics.mean(s[1] for s in samples)
