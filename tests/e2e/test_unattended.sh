# test_unattended.sh - the documented crontab command line, run as cron would
# run it (sh -c), against a test database: silent when nothing is due,
# findings when something is, a retry after "busy" (exit 75).
. "$(dirname "$0")/lib.sh"
CRONTAB="$SENTRACK_SOURCE_DIR/docs/examples/sentrack.crontab"
line=$(grep -E '^[0-9*]' "$CRONTAB" | head -1)
command=$(printf '%s\n' "$line" | awk '{ for (i = 6; i <= NF; i++) printf "%s%s", $i, (i < NF ? " " : "") }')
[ -n "$command" ] && pass || fail "no command in $CRONTAB"

# a PATH where `sentrack` is the binary under test (pinned to a date) and
# `sleep` only records that it was called
mkdir -p "$T_DIR/bin"
cat >"$T_DIR/bin/sentrack" <<WRAP
#!/bin/sh
exec ${SENTRACK_WRAPPER:-} "$SENTRACK_BIN" --today "\$FAKE_TODAY" "\$@"
WRAP
printf '#!/bin/sh\necho slept >>"%s/slept"\n' "$T_DIR" >"$T_DIR/bin/sleep"
chmod +x "$T_DIR/bin/sentrack" "$T_DIR/bin/sleep"
cron() { env PATH="$T_DIR/bin:$PATH" FAKE_TODAY="$1" sh -c "$command" >"$OUT" 2>"$ERR"; STATUS=$?; }

new_db
must pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4 >/dev/null
must register add 1 --status K --date 2026-11-20 --parents-informed 2026-11-20 >/dev/null
must need add 1 SPLD --rank 1 >/dev/null

t "nothing due: no output at all, so cron sends no mail"
cron 2026-11-25
expect_out_empty
[ -s "$ERR" ] && fail "stderr not empty" || pass

t "something due: the findings are printed"
cron 2026-12-10
expect_out_has "attention  no-active-cycle  2026-11-20  #1 Amir Khan (Y4)"
expect_err_has "sentrack: check: 0 overdue, 0 due, 1 for attention"

t "busy: the line retries after exit 75"
mkfifo "$T_DIR/fifo"
sqlite3 "$SENTRACK_DB" <"$T_DIR/fifo" >"$T_DIR/holder.out" 2>&1 &
holder=$!
exec 3>"$T_DIR/fifo"
# an exclusive lock blocks even readers of a WAL database
printf 'PRAGMA locking_mode=EXCLUSIVE;\nBEGIN EXCLUSIVE;\nSELECT 1;\n' >&3
for _ in $(seq 1 100); do grep -q . "$T_DIR/holder.out" && break; sleep 0.05; done
SENTRACK_BUSY_TIMEOUT=100 cron 2026-12-10
printf 'COMMIT;\n' >&3
exec 3>&-
wait "$holder"
[ "$(grep -c slept "$T_DIR/slept" 2>/dev/null)" = 3 ] && pass || fail "expected three waits, got $(cat "$T_DIR/slept" 2>/dev/null | wc -l)"
expect_err_has "database is busy"

done_testing
