#!/usr/bin/env python3
# rounds.py - time two commands in turns and print the median of the
# per-round ratios, for wall time and for CPU time (user + sys).
#
#   rounds.py NAME RUNS "OURS" "THEIRS" ["PREPARE"]   (shell command lines)
#
# Each round runs PREPARE, then both commands, alternating which goes
# first, so a burst of load from another process hits both sides of some
# rounds rather than all of one side. The ratio of each round is ours /
# theirs; the median of those ratios is reported, which survives a noisy
# machine far better than a ratio of medians, and the CPU ratio better
# still (CPU time does not count the time spent waiting for the cores).
# One warm-up round is not counted. Prints one CSV line:
#   name,ours_wall,theirs_wall,wall_ratio,ours_cpu,theirs_cpu,cpu_ratio
# (Peak memory is measured apart, by bench/run with GNU time: a child forked
# from this script starts with the script's own pages counted.)
import os
import statistics
import subprocess
import sys
import time


def run(cmd):
    """Wall seconds and CPU seconds (user + sys of it and its children) of
    one shell command line."""
    t0 = time.perf_counter()
    p = subprocess.Popen(["sh", "-c", cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, ru.ru_utime + ru.ru_stime


def main():
    name, runs, ours, theirs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    prepare = sys.argv[5] if len(sys.argv) > 5 else None
    rows = []
    for r in range(runs + 1):
        if prepare:
            subprocess.run(["sh", "-c", prepare], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        if r % 2:
            b = run(theirs)
            a = run(ours)
        else:
            a = run(ours)
            b = run(theirs)
        if r:
            rows.append((a, b))
    med = statistics.median
    ours_wall = med(a[0] for a, _ in rows)
    theirs_wall = med(b[0] for _, b in rows)
    ours_cpu = med(a[1] for a, _ in rows)
    theirs_cpu = med(b[1] for _, b in rows)
    wall_ratio = med(a[0] / b[0] for a, b in rows)
    cpu_ratio = med(a[1] / max(b[1], 1e-4) for a, b in rows)
    print(f"{name},{ours_wall:.4f},{theirs_wall:.4f},{wall_ratio:.3f},"
          f"{ours_cpu:.4f},{theirs_cpu:.4f},{cpu_ratio:.3f}")


if __name__ == "__main__":
    main()
