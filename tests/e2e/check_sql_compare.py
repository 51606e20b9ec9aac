# check_sql_compare.py - compare `sentrack check --format csv` (FILE1) with
# bench/check.sql's rows (FILE2): the same findings in the same order, every
# column but the detail. Prints the first difference; exit 1 when they differ.
# FILE3, when given, lists rules check.sql does not yet cover
# (bench/check_sql_pending): their findings are left out of both sides.
import csv
import sys

pending = set()
if len(sys.argv) > 3:
    pending = {line.strip() for line in open(sys.argv[3])
               if line.strip() and not line.startswith("#")}
ours = [row[:8] for row in csv.reader(open(sys.argv[1], newline=""))
        if len(row) < 2 or row[1] not in pending]
theirs = [row[:8] for row in csv.reader(open(sys.argv[2], newline=""))
          if len(row) < 2 or row[1] not in pending]
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
