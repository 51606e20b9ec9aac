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
# With ROUNDS_PREPARE_EACH=1 in the environment PREPARE runs before each
# of the two commands instead of once a round (both write to one place,
# e.g. the same empty school of a PostgreSQL trust); it is never timed.
# With ROUNDS_SERVER_PID=PID (a PostgreSQL postmaster), the CPU time of the
# server processes each command's session used is counted too: the
# postmaster's reaped children's time (/proc/PID/stat cutime + cstime,
# clock ticks) before and after, a moment after the command ends; three
# more fields then follow: ours_cpu_with_server, theirs_..., their ratio.
# (Peak memory is measured apart, by bench/run with GNU time: a child forked
# from this script starts with the script's own pages counted.)
import os
import statistics
import subprocess
import sys
import time


SERVER = os.environ.get("ROUNDS_SERVER_PID")
TICK = os.sysconf("SC_CLK_TCK")


def server_cpu():
    """CPU seconds of the server's ended sessions so far (0 without one)."""
    if not SERVER:
        return 0.0
    with open(f"/proc/{SERVER}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[13]) + int(fields[14])) / TICK  # cutime, cstime


def run(cmd):
    """Wall seconds and CPU seconds (user + sys of it and its children) of
    one shell command line, and the server's CPU seconds for it."""
    s0 = server_cpu()
    t0 = time.perf_counter()
    p = subprocess.Popen(["sh", "-c", cmd], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    server = 0.0
    if SERVER:
        time.sleep(0.05)  # the postmaster reaps the session's process
        server = server_cpu() - s0
    return wall, ru.ru_utime + ru.ru_stime, server


def main():
    name, runs, ours, theirs = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    prepare = sys.argv[5] if len(sys.argv) > 5 else None
    each = os.environ.get("ROUNDS_PREPARE_EACH") == "1"

    def prep():
        if prepare:
            subprocess.run(["sh", "-c", prepare], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            if SERVER:
                time.sleep(0.05)  # its session's time is not the next command's

    rows = []
    for r in range(runs + 1):
        prep()
        if r % 2:
            b = run(theirs)
            if each:
                prep()
            a = run(ours)
        else:
            a = run(ours)
            if each:
                prep()
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
          f"{ours_cpu:.4f},{theirs_cpu:.4f},{cpu_ratio:.3f}", end="")
    if SERVER:
        ours_all = med(a[1] + a[2] for a, _ in rows)
        theirs_all = med(b[1] + b[2] for _, b in rows)
        all_ratio = med((a[1] + a[2]) / max(b[1] + b[2], 1e-4) for a, b in rows)
        print(f",{ours_all:.4f},{theirs_all:.4f},{all_ratio:.3f}", end="")
    print()


if __name__ == "__main__":
    main()
