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
# cron's own environment: nothing but PATH=/usr/bin:/bin, HOME and SHELL,
# then the crontab's variable lines (its PATH= line with the test's install
# directory standing for /usr/local/bin, and the test database: the one
# new_db makes, a file or a trust's connection string, read when cron runs)
grep -q '^SENTRACK_DB=' "$CRONTAB" && pass || fail "no SENTRACK_DB= line in $CRONTAB"
cron_env=$(grep -E '^[A-Z_]+=' "$CRONTAB" | grep -v -e '^MAILTO=' -e '^SENTRACK_DB=' |
	sed -e "s#/usr/local/bin#$T_DIR/bin#")
cron() {
	# shellcheck disable=SC2086 # one NAME=value per word
	env -i PATH=/usr/bin:/bin HOME="$T_DIR" SHELL=/bin/sh FAKE_TODAY="$1" $cron_env \
		SENTRACK_DB="$SENTRACK_DB" sh -c "$command" >"$OUT" 2>"$ERR"
	STATUS=$?
}

t "the crontab sets a PATH that finds an installed sentrack"
printf '%s\n' "$cron_env" | grep -q "^PATH=$T_DIR/bin:" && pass ||
	fail "no PATH= line with /usr/local/bin in $CRONTAB"

new_db
must pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4 >/dev/null
must register add 1 --status K --date 2026-11-20 --parents-informed 2026-11-20 >/dev/null
must need add 1 SPLD --rank 1 >/dev/null
# the school's terms are set (otherwise check says so, as terms-not-set)
must term set 2025-26 summer 2026-04-13 2026-07-22 >/dev/null
must term set 2026-27 autumn 2026-09-03 2026-12-17 >/dev/null
must term set 2026-27 spring 2027-01-05 2027-03-26 >/dev/null
must term set 2026-27 summer 2027-04-12 2027-07-21 >/dev/null

t "nothing due: no output at all, so cron sends no mail"
cron 2026-11-25
expect_out_empty
[ -s "$ERR" ] && fail "stderr not empty" || pass

t "something due: the findings are printed"
cron 2026-12-10
expect_out_has "attention  no-active-cycle  2026-11-20  #1 Amir Khan (Y4)"
expect_err_has "sentrack: check: 0 overdue, 0 due, 1 for attention"

t "busy: the line retries after exit 75"
if file_only "a file's lock blocks readers (a trust's writer lock does not: below)"; then
# an exclusive lock blocks even readers of a WAL database
hold_lock 'PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;'
SENTRACK_BUSY_TIMEOUT=100 cron 2026-12-10
release_lock
[ "$(grep -c slept "$T_DIR/slept" 2>/dev/null)" = 3 ] && pass || fail "expected three waits, got $(cat "$T_DIR/slept" 2>/dev/null | wc -l)"
expect_err_has "database is busy"
else
	t "a writer holding the school's lock does not hold up the check: one run, no wait"
	pg_hold_school_lock
	SENTRACK_BUSY_TIMEOUT=100 cron 2026-12-10
	expect_status 0
	expect_out_has "attention  no-active-cycle  2026-11-20  #1 Amir Khan (Y4)"
	[ -e "$T_DIR/slept" ] && fail "the line waited: $(wc -l <"$T_DIR/slept")" || pass
	pg_release_school_lock

	t "a server's notices (an admin's trigger's NOTICE and WARNING) stay off stderr"
	db_sql "CREATE FUNCTION noisy() RETURNS trigger LANGUAGE plpgsql AS
		\$\$BEGIN RAISE NOTICE 'a pupil named %', NEW.surname; RAISE WARNING 'watch out';
		RETURN NEW; END\$\$;
		CREATE TRIGGER noisy AFTER INSERT ON pupil FOR EACH ROW EXECUTE FUNCTION noisy()" >/dev/null
	st pupil add --surname Noisy --forename Nat --dob 2017-01-02 --year 4
	expect_status 0
	expect_err_lines 1
	expect_err_has "added pupil"
	db_sql "DROP TRIGGER noisy ON pupil; DROP FUNCTION noisy()" >/dev/null
	cron 2026-11-25
	expect_out_empty
	[ -s "$ERR" ] && fail "stderr not empty" || pass

	t "notices sent while the connection is made (client_min_messages = debug5) stay off stderr"
	PGOPTIONS='-c client_min_messages=debug5' st pupil list
	expect_status 0
	expect_err_lines 1
	expect_err_has "pupils"

	t "a server that never answers, with connect_timeout=2: 66, named, not a hang"
	python3 -c 'import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(8)
print(s.getsockname()[1], flush=True); time.sleep(120)' >"$T_DIR/port" &
	silent=$!
	wait_until 10 test -s "$T_DIR/port"
	SECONDS=0
	st --db "host=127.0.0.1 port=$(cat "$T_DIR/port") dbname=trust connect_timeout=2" check
	kill "$silent"
	expect_status 66
	expect_err_has "timeout expired"
	# a bound on a hang, not a timing target: the wait is 2 s
	[ "$SECONDS" -le 30 ] && pass || fail "took ${SECONDS}s for connect_timeout=2"
fi

done_testing
