#!/usr/bin/env python3
# pg_replay.py - turn the statements one sentrack command sent to PostgreSQL
# (the server's csvlog, written with log_statement=all) into a psql script
# that sends the same SQL with the same parameters, in the same order.
#
#   pg_replay.py CSVLOG APPLICATION_NAME >replay.sql
#
# bench/run_pg runs each benchmarked command once with a unique
# application_name, then times `psql -f replay.sql` as the baseline: the
# server does the same work (same statements, same plans, same rows sent
# back, inside sentrack's own BEGIN ... COMMIT), and psql only sends text and
# prints the rows, so the ratio measures what sentrack adds on the client.
#
# A statement sentrack prepared once and executed many times (PQprepare,
# PQexecPrepared) becomes one PREPARE and as many EXECUTEs, with the logged
# parameters as literals (their types are inferred by the server, as for
# PQprepare with no types); one sent with PQexecParams (unnamed) becomes
# PREPARE, EXECUTE, DEALLOCATE (copied as it is when it has no parameters:
# BEGIN, SET); one sent with PQexec is copied as it is.
# Exits 65 when the log has no statement for that name, or a statement the
# replay cannot carry (COPY ... FROM STDIN: the log has no data).
import csv
import re
import sys

# PostgreSQL 15 csvlog columns (0-based): 22 application_name, 13 message,
# 14 detail
APP, MESSAGE, DETAIL = 22, 13, 14
PARAM = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')", re.S)
EXECUTE = re.compile(r"execute ([^:]+): (.*)", re.S)


def params(detail):
    if not detail.startswith("parameters: "):
        return []
    found = PARAM.findall(detail)
    found.sort(key=lambda p: int(p[0]))
    return [v for _, v in found]


def main():
    path, app = sys.argv[1], sys.argv[2]
    csv.field_size_limit(1 << 30)
    out = []
    prepared = {}
    unnamed = 0
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.reader(f):
            if len(row) <= APP or row[APP] != app:
                continue
            msg = row[MESSAGE]
            if msg.startswith("statement: "):
                sql = msg[len("statement: "):]
                if re.search(r"\bCOPY\b.*\bFROM\s+STDIN\b", sql, re.I | re.S):
                    print(f"pg_replay: {app}: COPY FROM STDIN cannot be replayed from the log",
                          file=sys.stderr)
                    sys.exit(65)
                out.append(sql.rstrip().rstrip(";") + ";")
                continue
            m = EXECUTE.match(msg)
            if not m:
                continue
            name, sql = m.group(1), m.group(2).rstrip().rstrip(";")
            name = name.split("/")[0]  # "name/portal"
            args = params(row[DETAIL])
            call = "(" + ", ".join(args) + ")" if args else ""
            if name == "<unnamed>" and not args:  # BEGIN, SET...: not preparable
                out.append(sql + ";")
                continue
            if name == "<unnamed>":
                unnamed += 1
                q = f'"u{unnamed}"'
                out.append(f"PREPARE {q} AS {sql};\nEXECUTE {q}{call};\nDEALLOCATE {q};")
                continue
            q = '"' + name.replace('"', '""') + '"'
            if prepared.get(name) != sql:
                if name in prepared:
                    out.append(f"DEALLOCATE {q};")
                out.append(f"PREPARE {q} AS {sql};")
                prepared[name] = sql
            out.append(f"EXECUTE {q}{call};")
    if not out:
        print(f"pg_replay: no statement logged for {app}", file=sys.stderr)
        sys.exit(65)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
