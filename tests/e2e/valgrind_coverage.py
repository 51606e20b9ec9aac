#!/usr/bin/env python3
"""valgrind_coverage.py - which end-to-end scripts add code valgrind sees.

The valgrind preset costs ~2 s a command (valgrind translating sqlite and
libc afresh in every process), so it skips the scripts of valgrind_skip.txt.
This tool is how that list is chosen and kept honest: it runs each e2e/
script alone in a gcov build, records the lines of src/ it runs, and for
each script prints the lines no other valgrind-run script runs.

    cmake -S . -B build/cov -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS=--coverage \\
        -DCMAKE_EXE_LINKER_FLAGS=--coverage -DCMAKE_SHARED_LINKER_FLAGS=--coverage \\
        -DCMAKE_MODULE_LINKER_FLAGS=--coverage
    cmake --build build/cov
    python3 tests/e2e/valgrind_coverage.py build/cov

A skipped script whose line below is not "none" is one whose only lines
valgrind misses are those printed (ASan and UBSan still run it).
"""
import glob
import json
import os
import subprocess
import sys


def lines_run(build, name):
    """The src/ lines ctest test NAME runs (gcov counters reset first)."""
    for gcda in glob.glob(os.path.join(build, '**/*.gcda'), recursive=True):
        os.unlink(gcda)
    env = dict(os.environ, SENTRACK_CONCURRENCY_ROUNDS='2',
               SENTRACK_PG_RELIABILITY_SECONDS='3', SENTRACK_PG_RESTART_SECONDS='3')
    run = subprocess.run(['ctest', '--test-dir', build, '-R', '^' + name + '$'],
                         env=env, capture_output=True, text=True, check=False)
    if run.returncode != 0:
        sys.exit(f'{name} failed in {build}:\n{run.stdout[-2000:]}')
    lines = set()
    for gcda in glob.glob(os.path.join(build, '**/*.gcda'), recursive=True):
        out = subprocess.run(['gcov', '--json-format', '--stdout', '-o', os.path.dirname(gcda),
                              gcda], capture_output=True, text=True, check=True).stdout
        for doc in filter(str.strip, out.splitlines()):
            for f in json.loads(doc)['files']:
                if 'src/' not in f['file']:
                    continue
                path = f['file'].split('src/', 1)[1]
                lines.update(f'{path}:{n["line_number"]}' for n in f['lines'] if n['count'])
    return lines


def main():
    build = sys.argv[1] if len(sys.argv) > 1 else 'build/cov'
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, 'valgrind_skip.txt'), encoding='utf-8') as f:
        skipped = {line.split()[0] for line in f if line.startswith('test_')}
    listing = subprocess.run(['ctest', '--test-dir', build, '-N', '-R', '^e2e/'],
                             capture_output=True, text=True, check=True).stdout
    names = [w.split()[-1] for w in listing.splitlines() if ' Test ' in w and '#' in w]
    runs = {n: lines_run(build, n) for n in names}
    valgrinded = set().union(*(v for n, v in runs.items() if n[4:] not in skipped))
    for n in sorted(runs):
        if n[4:] in skipped:
            missed = sorted(runs[n] - valgrinded)
            print(f'skipped {n}: lines valgrind misses: {" ".join(missed) or "none"}')
        else:
            others = set().union(*(v for m, v in runs.items() if m != n and m[4:] not in skipped))
            print(f'run     {n}: {len(runs[n] - others)} lines only it runs under valgrind')


if __name__ == '__main__':
    main()
