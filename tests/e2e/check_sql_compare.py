# check_sql_compare.py - compare `sentrack check --format csv` (FILE1) with
# bench/check.sql's rows (FILE2): the same findings in the same order, every
# column but the detail. Prints the first difference; exit 1 when they differ.
import csv
import sys

ours = [row[:8] for row in csv.reader(open(sys.argv[1], newline=""))]
theirs = [row[:8] for row in csv.reader(open(sys.argv[2], newline=""))]
if ours == theirs:
    sys.exit(0)
a, b = set(map(tuple, ours)), set(map(tuple, theirs))
for row in sorted(a - b)[:5]:
    print("only in sentrack:", ",".join(row))
for row in sorted(b - a)[:5]:
    print("only in check.sql:", ",".join(row))
if a == b:
    i = next(i for i, (x, y) in enumerate(zip(ours, theirs)) if x != y)
    print("same findings, different order at row", i, ours[i], theirs[i])
print(len(ours), "rows from sentrack,", len(theirs), "from check.sql")
sys.exit(1)
