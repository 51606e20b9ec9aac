# test_trust.sh - the `trust` commands on a throwaway PostgreSQL cluster,
# and the database locator: a PostgreSQL locator is refused by every other
# command, a file path by the trust commands (issue 14).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/pg_lib.sh"

t "every command takes a PostgreSQL locator: an unreachable one is 66, and nothing is created"
cd "$T_DIR" || exit 1
for locator in "service=trust" "postgresql://senco@db.example/trust" "host=/run/pg dbname=trust"; do
	for cmd in "pupil list" "pupil add --surname Lee --forename Ann --dob 2016-01-02 --year 3" \
		"check" "doctor" "config list" "export register" "log" "today" "backup $T_DIR/copy.db"; do
		# shellcheck disable=SC2086 # the command's words
		st --db "$locator" $cmd
		expect_status 66
		expect_err_has "cannot connect to the PostgreSQL database"
	done
	SENTRACK_DB=$locator st pupil list
	expect_status 66
	for cmd in init demo; do
		st --db "$locator" $cmd
		expect_status 64
		expect_err_has "made by its admin's \`sentrack trust init\`"
	done
done
st --db "postgresql://senco:secret@db.example/trust" pupil list
expect_status 66
if grep -q secret "$ERR"; then fail "the message repeats the locator's password"; else pass; fi
[ "$(find "$T_DIR" -maxdepth 1 \( -name 'service=*' -o -name 'host=*' -o -name 'postgres*' \) | wc -l)" = 0 ] &&
	pass || fail "a file named like a locator was created"

t "--no-wal with a PostgreSQL locator: a journal option of database files (64)"
st --db service=trust init --no-wal
expect_status 64
expect_err_has "--no-wal: a journal option of database files"

t "a malformed libpq keyword string names what is wrong (65)"
st --db "host=/run/pg colour=blue" pupil list
expect_status 65
expect_err_has "'colour' is not a libpq connection keyword"
st --db "host=/run/pg colour=blue" trust list
expect_status 65

t "a file that looks like a keyword string is given as ./name"
st --db ./service=trust init
expect_status 0
[ -f "$T_DIR/service=trust" ] && pass || fail "./service=trust was not created"

t "the trust commands check their arguments before connecting"
st trust school add 12345 "Ashfield"; expect_status 65; expect_err_has "URN 12345: a URN is six digits"
st trust school add 100001 ""; expect_status 65; expect_err_has "NAME: a school name is 1 to 100 characters"
st trust school remove 100001 X; expect_status 64; expect_err_has "remove: unknown subcommand"
st trust school add 100001; expect_status 64; expect_err_has "missing"
st trust grant senco_a; expect_status 64; expect_err_has "--school URN or --all-schools is required"
st trust grant senco_a --school 100001 --all-schools; expect_status 64
st trust grant Senco --school 100001; expect_status 65; expect_err_has "ROLE Senco: a role name is a lower-case letter"
st trust grant pg_monitor --school 100001; expect_status 65; expect_err_has "reserved"
st trust grant senco_a --school 1; expect_status 65; expect_err_has "--school 1: a URN is six digits"

t "the trust commands refuse a database file (66)"
st trust list
expect_status 66
expect_err_has "the \`trust\` commands need a PostgreSQL database"

t "libpq is loaded for a PostgreSQL locator alone: the program does not link it (start-up cost)"
if ldd "$SENTRACK_BIN" | grep -q 'libpq'; then fail "sentrack links libpq"; else pass; fi
if command -v strace >/dev/null; then
	strace -f -e trace=openat -o "$T_DIR/open.trace" "$SENTRACK_BIN" --today "$TODAY" pupil list \
		>/dev/null 2>&1
	if grep -q 'libpq\|sentrack-pg' "$T_DIR/open.trace"; then fail "pupil list opened libpq"; else pass; fi
	strace -f -e trace=openat -o "$T_DIR/open.trace" "$SENTRACK_BIN" \
		--db "host=$T_DIR/no-server dbname=trust" trust list >/dev/null 2>&1
	grep -q 'sentrack-pg.so' "$T_DIR/open.trace" && grep -q 'libpq' "$T_DIR/open.trace" && pass ||
		fail "trust list did not load the PostgreSQL module"
fi

pg_start
admin=$(pg_db trust_admin)

t "trust init creates the schema and roles, once"
st --db "$admin" trust init
expect_status 0; expect_out_empty
expect_err_has "trust database at schema version 4 (was 0)"
st --db "$admin" trust init
expect_status 0; expect_err_has "already at schema version 4"
pg_sql postgres "SELECT string_agg(rolname, ' ' ORDER BY rolname) FROM pg_roles WHERE rolname LIKE 'sentrack\_%'"
expect_out "sentrack_admin sentrack_senco sentrack_trust"
pg_sql postgres "SELECT tableowner FROM pg_tables WHERE schemaname = 'sentrack' GROUP BY 1"
expect_out sentrack_admin

t "trust school add prints the URN; a second school with it is refused"
st --db "$admin" trust school add 100002 "Beech Academy"; expect_status 0; expect_out 100002
st --db "$admin" trust school add 100001 "Ashfield Primary"; expect_status 0; expect_out 100001
st --db "$admin" trust school add 100001 "Ashfield Again"
expect_status 65; expect_err_has "URN 100001: a school with this URN already exists"

t "trust grant: a school's SENCO, a read-only role, a trust-wide reader"
st --db "$admin" trust grant senco_a --school 100001
expect_status 0; expect_err_has "created role senco_a"; expect_err_has "senco_a may read and write school 100001"
st --db "$admin" trust grant senco_b --school 100002; expect_status 0
st --db "$admin" trust grant governor_a --school 100001 --read-only; expect_status 0
st --db "$admin" trust grant lead --all-schools
expect_status 0; expect_err_has "lead may read every school and write none"
st --db "$admin" trust grant senco_a --school 100009
expect_status 65; expect_err_has "--school 100009: no such school"
st --db "$admin" trust grant postgres --school 100001
expect_status 65; expect_err_has "a superuser or BYPASSRLS role ignores row-level security"

t "trust list: every school and its roles for the admin"
st --db "$admin" trust list
expect_status 0
expect_out "URN     SCHOOL                          ROLE                    ACCESS
100001  Ashfield Primary                governor_a              read-only
100001  Ashfield Primary                senco_a                 read-write
100002  Beech Academy                   senco_b                 read-write
all     every school                    lead                    read-only"

t "trust list as a SENCO: its own school only (row-level security)"
st --db "$(pg_db senco_a)" trust list
expect_status 0
expect_out "URN     SCHOOL                          ROLE                    ACCESS
100001  Ashfield Primary                senco_a                 read-write"

t "a SENCO or the trust role cannot add a school or grant (77)"
st --db "$(pg_db senco_a)" trust school add 100003 "Cedar"; expect_status 77; expect_err_has "permission denied"
st --db "$(pg_db lead)" trust grant lead --school 100001; expect_status 77

t "the locator as a URI, from SENTRACK_DB and from a service file"
st --db "postgresql:///trust?host=$PG_DIR&user=senco_b" trust list
expect_status 0; expect_out_has "100002  Beech Academy"
SENTRACK_DB="$(pg_db senco_b)" st trust list
expect_status 0; expect_out_has "senco_b"
printf '[trust]\nhost=%s\ndbname=trust\nuser=governor_a\n' "$PG_DIR" >"$T_DIR/pg_service.conf"
PGSERVICEFILE="$T_DIR/pg_service.conf" st --db service=trust trust list
expect_status 0; expect_out_has "governor_a              read-only"

t "output that cannot be delivered: 74 and nothing written"
"$SENTRACK_BIN" --db "$admin" trust school add 100003 "Cedar School" >/dev/full 2>"$ERR"
STATUS=$?
expect_status 74
st --db "$admin" trust list
expect_out_lacks "Cedar"

t "an unreachable server or database: 66"
st --db "$(pg_db trust_admin nosuchdb)" trust list
expect_status 66; expect_err_has "cannot connect to the PostgreSQL database"

t "init by a role that may not create roles: 77, nothing written"
pg_sql postgres "CREATE DATABASE trust2 OWNER senco_a" postgres; expect_status 0
st --db "$(pg_db senco_a trust2)" trust init
expect_status 77; expect_err_has "(SQLSTATE 42501)"
pg_sql postgres "SELECT count(*) FROM pg_namespace WHERE nspname = 'sentrack'" trust2; expect_out 0

t "two trust inits at once: one migrates, the other waits and finds it done"
pg_sql postgres "CREATE DATABASE trust3 OWNER trust_admin" postgres; expect_status 0
for i in 1 2; do
	"$SENTRACK_BIN" --db "$(pg_db trust_admin trust3)" trust init >"$T_DIR/init$i.out" 2>&1 &
	eval "pid$i=\$!"
done
wait "$pid1"; STATUS=$?; expect_status 0
wait "$pid2"; STATUS=$?; expect_status 0
grep -h . "$T_DIR"/init?.out >"$ERR"
expect_err_has "already at schema version 4"
pg_sql postgres "SELECT count(*) FROM sentrack.schema_version" trust3; expect_out 4

t "trust revoke: the role no longer sees the school; the role itself is kept"
st --db "$admin" trust grant governor_a --school 100002 --read-only; expect_status 0
st --db "$admin" trust revoke governor_a --school 100001
expect_status 0; expect_err_has "governor_a may no longer see school 100001"
pg_sql governor_a "SELECT count(*) FROM sentrack.member WHERE school_id = (SELECT id FROM sentrack.school WHERE urn = '100001')"
expect_out 0
pg_sql postgres "SELECT pg_has_role('governor_a', 'sentrack_senco', 'MEMBER')"; expect_out t
st --db "$admin" trust revoke governor_a --school 100002; expect_status 0
pg_sql postgres "SELECT pg_has_role('governor_a', 'sentrack_senco', 'MEMBER'), count(*) FROM pg_roles WHERE rolname = 'governor_a'"
expect_out "f|1"
st --db "$admin" trust revoke governor_a --school 100002
expect_status 0; expect_err_has "governor_a had no access to school 100002: nothing to revoke"
st --db "$admin" trust revoke lead --all-schools
expect_status 0; expect_err_has "lead may no longer read every school"
pg_sql postgres "SELECT pg_has_role('lead', 'sentrack_trust', 'MEMBER')"; expect_out f
st --db "$admin" trust list
expect_status 0
expect_out "URN     SCHOOL                          ROLE                    ACCESS
100001  Ashfield Primary                senco_a                 read-write
100002  Beech Academy                   senco_b                 read-write"
st --db "$admin" trust revoke nobody_here --school 100001; expect_status 65; expect_err_has "ROLE nobody_here: no such role"
st --db "$admin" trust revoke senco_a --school 100009; expect_status 65; expect_err_has "--school 100009: no such school"
st --db "$admin" trust revoke senco_a; expect_status 64; expect_err_has "--school URN or --all-schools is required"
st --db "$(pg_db senco_a)" trust revoke senco_b --school 100002; expect_status 77
st --db "$(pg_db senco_a)" trust revoke senco_a --school 100001
expect_status 77; expect_err_has "only the trust's admin (a member of sentrack_admin) revokes"
st --db "$admin" trust list; expect_out_has "senco_b"

t "a newer schema is refused and left as it was (65)"
pg_sql postgres "INSERT INTO sentrack.schema_version (version) VALUES (99)"; expect_status 0
st --db "$admin" trust init
expect_status 65
expect_err_has "database schema version 99 is newer than this sentrack understands (4)"
st --db "$admin" trust school add 100004 "Damson"
expect_status 65; expect_err_has "version 99 is newer"
st --db "$admin" trust list; expect_status 65
pg_sql postgres "SELECT string_agg(version::text, ',' ORDER BY version) FROM sentrack.schema_version"
expect_out "1,2,3,4,99"
pg_sql postgres "SELECT count(*) FROM sentrack.school"; expect_out 2

done_testing
