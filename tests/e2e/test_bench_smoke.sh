# test_bench_smoke.sh - the benchmark kit at smoke size, so it never rots:
# generate, import the generated CSV, and run every benchmarked command
# once. Nothing is timed here (timings belong to bench/run).
. "$(dirname "$0")/lib.sh"
: "${SENTRACK_BENCH_GEN:?}"
t "generate a small trust"
"$SENTRACK_BENCH_GEN" --db "$SENTRACK_DB" --csv "$T_DIR/pupils.csv" --pupils 600 --register 120 --cycles 360 --seed 7
[ $? = 0 ] && pass || fail "generator failed"
# some histories end early (a cycle closed, a pupil moved to N), some
# cycles stay in assess: see `struct variant` in bench/gen.c
cycles=$(sqlite3 "$SENTRACK_DB" 'SELECT count(*) FROM cycle')
[ "$cycles" -gt 300 ] && [ "$cycles" -le 360 ] && pass || fail "cycles $cycles"
open=$(sqlite3 "$SENTRACK_DB" "SELECT count(*) FROM cycle c JOIN pupil p ON p.id = c.pupil_id
	WHERE c.phase <> 'closed' AND p.left_on IS NULL")
[ "$open" -gt 90 ] && [ "$open" -le 120 ] && pass || fail "open cycles $open"
[ "$(sqlite3 "$SENTRACK_DB" 'PRAGMA foreign_key_check' | wc -l)" = 0 ] && pass || fail "foreign keys"

t "every benchmarked command runs on it"
st check --quiet
[ "$STATUS" -le 2 ] && pass || fail "check exit $STATUS"
st export reviews
expect_status 0
[ "$(wc -l <"$OUT")" = $((open + 1)) ] && pass || fail "reviews rows $(wc -l <"$OUT")"
st export register
expect_status 0
st pupil show 1
expect_status 0
st cycle show 1
expect_status 0

t "bench/rounds.py takes turns and prints the median ratios (wall, CPU)"
line=$(python3 "$SENTRACK_SOURCE_DIR/bench/rounds.py" smoke 3 "$SENTRACK_BIN --db $SENTRACK_DB --today $TODAY check --quiet" "sqlite3 $SENTRACK_DB 'SELECT 1'")
case $line in
smoke,[0-9]*.[0-9]*,[0-9]*.[0-9]*,[0-9]*.[0-9]*,[0-9]*.[0-9]*,[0-9]*.[0-9]*,[0-9]*.[0-9]*) pass ;;
*) fail "rounds.py printed: $line" ;;
esac

t "the generated CSV imports cleanly into a fresh database"
export SENTRACK_DB="$T_DIR/fresh.db"
st init
st import pupils "$T_DIR/pupils.csv"
expect_status 0
[ "$(sqlite3 "$SENTRACK_DB" 'SELECT count(*) FROM pupil')" = 600 ] && pass || fail "imported"
t "bench/pg_replay.py turns a logged session into psql: PREPARE once, EXECUTE with the logged parameters"
# csvlog rows as PostgreSQL 15 writes them: message is field 14, detail 15,
# application_name 23 (1-based); another session's rows are left out
python3 - "$T_DIR/pg.csv" <<'PY'
import csv, sys
def row(app, msg, detail=""):
    r = [""] * 26
    r[13], r[14], r[22] = msg, detail, app
    return r
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(row("b", "statement: BEGIN ISOLATION LEVEL REPEATABLE READ"))
    w.writerow(row("other", "statement: DROP TABLE pupil"))
    w.writerow(row("b", "execute <unnamed>: SET search_path = sentrack"))
    w.writerow(row("b", "execute <unnamed>: SELECT id FROM school WHERE urn = $1", "parameters: $1 = '140001'"))
    w.writerow(row("b", "execute pgst_0: SELECT value FROM config\nWHERE school_id = $1 AND key = $2",
                   "parameters: $1 = '1', $2 = 'O''Brien, $2'"))
    w.writerow(row("b", "execute pgst_0: SELECT value FROM config\nWHERE school_id = $1 AND key = $2",
                   "parameters: $2 = NULL, $1 = '2'"))
    w.writerow(row("b", "statement: COMMIT"))
    w.writerow(row("c", "statement: COPY pupil FROM STDIN"))
PY
st_out=$(python3 "$SENTRACK_SOURCE_DIR/bench/pg_replay.py" "$T_DIR/pg.csv" b)
expected=$(cat <<'SQL'
BEGIN ISOLATION LEVEL REPEATABLE READ;
SET search_path = sentrack;
PREPARE "u1" AS SELECT id FROM school WHERE urn = $1;
EXECUTE "u1"('140001');
DEALLOCATE "u1";
PREPARE "pgst_0" AS SELECT value FROM config
WHERE school_id = $1 AND key = $2;
EXECUTE "pgst_0"('1', 'O''Brien, $2');
EXECUTE "pgst_0"('2', NULL);
COMMIT;
SQL
)
[ "$st_out" = "$expected" ] && pass || fail "pg_replay.py printed: $st_out"
python3 "$SENTRACK_SOURCE_DIR/bench/pg_replay.py" "$T_DIR/pg.csv" c >/dev/null 2>"$T_DIR/err"
[ $? = 65 ] && grep -q 'COPY FROM STDIN cannot be replayed' "$T_DIR/err" && pass || fail "COPY not refused"
python3 "$SENTRACK_SOURCE_DIR/bench/pg_replay.py" "$T_DIR/pg.csv" nobody >/dev/null 2>&1
[ $? = 65 ] && pass || fail "a session with no statement not refused"
done_testing
