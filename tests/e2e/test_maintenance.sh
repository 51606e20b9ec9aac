# test_maintenance.sh - backup and restore, doctor, pupil erase, purge.
. "$(dirname "$0")/lib.sh"
export SENTRACK_DB="$T_DIR/demo.db"
st demo
expect_status 0

t "backup copies the database 0600 whatever the umask; a restore holds the same data"
if file_only "backup copies a database file (a trust's is backed up with pg_dump)"; then
(umask 000; "$SENTRACK_BIN" backup "$T_DIR/b1.db" 2>"$ERR")
[ "$(stat -c %a "$T_DIR/b1.db")" = 600 ] && pass || fail "mode $(stat -c %a "$T_DIR/b1.db")"
sqlite3 "$SENTRACK_DB" .dump >"$T_DIR/orig.dump"
# restore as docs/reliability.md says: make the backup directory private,
# check the copy, then put it in place. A directory made by mkdir under the
# usual umask is open to others, and doctor says so until step 2.
mkdir -m 755 "$T_DIR/backups"
cp "$T_DIR/b1.db" "$T_DIR/backups/sentrack-Mon.db"
st --db "$T_DIR/backups/sentrack-Mon.db" doctor
expect_status 65
expect_out_has "directory $T_DIR/backups is open to other users"
chmod 700 "$T_DIR/backups" && chmod 600 "$T_DIR/backups"/sentrack-*.db
st --db "$T_DIR/backups/sentrack-Mon.db" doctor
expect_status 0
install -m 600 "$T_DIR/backups/sentrack-Mon.db" "$T_DIR/restored.db"
SENTRACK_DB="$T_DIR/restored.db" st doctor
expect_status 0
sqlite3 "$T_DIR/restored.db" .dump >"$T_DIR/restored.dump"
cmp -s "$T_DIR/orig.dump" "$T_DIR/restored.dump" && pass || fail "restored dump differs"
ls "$T_DIR" | grep -q 'tmp-' && fail "temporary file left" || pass
fi

t "backup refuses an existing file unless --force, and a missing directory"
if file_only "backup copies a database file"; then
refuse 65 "already exists" backup "$T_DIR/b1.db"
st backup --force "$T_DIR/b1.db"
expect_status 0
refuse 73 "No such file or directory" backup "$T_DIR/nodir/b.db"
else
	t "backup on a trust is refused (64), naming pg_dump"
	refuse 64 "pg_dump" backup "$T_DIR/b1.db"
fi
refuse 64 "FILE" backup

t "doctor: a healthy database passes every check"
st doctor
expect_status 0
journal="journal mode: wal"
on_pg && journal="journal mode: not run"
for check in integrity_check foreign_key_check "schema version" "$journal" \
	permissions config; do expect_out_has "$check"; done
expect_out_lacks PROBLEM

t "doctor: a database readable by others is a problem (65), each listed"
if file_only "the modes of a database file and its directory"; then
chmod 644 "$SENTRACK_DB"
chmod 755 "$T_DIR"
st doctor
expect_status 65
expect_out_has "PROBLEM permissions: file $SENTRACK_DB is open to other users (mode 0644)"
expect_out_has "PROBLEM permissions: directory $T_DIR is open to other users"
expect_err_has "problems found"
# doctor's own -wal and -shm took the database's mode 0644: doctor lists
# them, and every other command now refuses them (77) until fixed too.
expect_out_has "PROBLEM permissions: file $SENTRACK_DB-wal is open to other users"
st pupil list
expect_status 77
expect_err_has "chmod 600 $SENTRACK_DB-"
chmod 600 "$SENTRACK_DB" "$SENTRACK_DB"-wal "$SENTRACK_DB"-shm
chmod 700 "$T_DIR"
fi

t "doctor: a broken reference and a bad setting are found"
if file_only "a broken reference (SQLite's foreign keys can be turned off; PostgreSQL's cannot)"; then
cp "$SENTRACK_DB" "$T_DIR/broken.db"
sqlite3 "$T_DIR/broken.db" "PRAGMA foreign_keys=OFF; INSERT INTO pupil_need VALUES (9999, 1, 'SPLD', '2025-01-01');
	INSERT OR REPLACE INTO config VALUES ('term.autumn.start', '13-45');"
SENTRACK_DB="$T_DIR/broken.db" st doctor
expect_status 65
expect_out_has "PROBLEM foreign_key_check: pupil_need"
expect_out_has "PROBLEM config:"
else
	t "doctor: a bad setting written behind sentrack's back is found"
	db_sql "INSERT INTO config VALUES (1, 'term.autumn.start', '13-45')
		ON CONFLICT (school_id, key) DO UPDATE SET value = excluded.value"
	st doctor
	expect_status 65
	expect_out_has "PROBLEM config:"
	expect_out_lacks "PROBLEM foreign_key_check"
	db_sql "DELETE FROM config WHERE key = 'term.autumn.start'"
	st doctor
	expect_status 0
fi

t "doctor: not a database, and a missing one"
if file_only "a database file that is not one, or is missing"; then
printf 'hello\n' >"$T_DIR/text.db"
SENTRACK_DB="$T_DIR/text.db" st doctor
expect_status 65
SENTRACK_DB="$T_DIR/none.db" st doctor
expect_status 66
fi

t "pupil erase needs --confirm matching the UPN or id"
id=$(must pupil add --surname Erasable --forename Ella --dob 2016-03-04 --year 4 --upn A123456789012)
must register add "$id" --status K --date 2026-09-10 --parents-informed 2026-09-10 >/dev/null
must need add "$id" SPLD --rank 1 >/dev/null
refuse 64 "--confirm" pupil erase "$id"
refuse 65 "must repeat" pupil erase "$id" --confirm 1
refuse 65 "must repeat" pupil erase "$id" --confirm "Ella Erasable"
refuse 65 "no pupil has this id" pupil erase 99999 --confirm 99999

t "pupil erase removes the pupil and everything about them; the log keeps only that it happened"
st pupil erase "Ella Erasable" --confirm a123456789012
expect_status 0
expect_err_has "erased pupil $id"
for table in pupil register_event pupil_need cycle provision meeting specialist ehcna_request ehcp_review; do
	col=pupil_id; [ "$table" = pupil ] && col=id
	n=$(db_sql "SELECT count(*) FROM $table WHERE $col = $id")
	[ "$n" = 0 ] && pass || fail "$table still has $n rows"
done
user_col=user; on_pg && user_col=user_name
[ "$(db_sql "SELECT count(*) FROM audit WHERE pupil_id = $id AND action = 'erase' AND $user_col = 'tester'")" = 1 ] && pass || fail "no erase audit row"
[ "$(db_sql "SELECT count(*) FROM audit WHERE pupil_id = $id AND detail IS NOT NULL AND action <> 'erase'")" = 0 ] && pass || fail "old audit details kept"
db_dump | grep -q -e Erasable -e A123456789012 && fail "personal data left in the dump" || pass
if file_only "a database file's free pages"; then
sqlite3 "$SENTRACK_DB" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
grep -aq Erasable "$SENTRACK_DB" && fail "name left in the file's free pages" || pass
fi

t "pupil erase of a demo pupil with a whole graduated approach leaves foreign keys clean"
pid=$(db_sql "SELECT pupil_id FROM cycle LIMIT 1")
st pupil erase "$pid" --confirm "$pid"
expect_status 0
[ "$(db_sql "SELECT count(*) FROM cycle WHERE pupil_id = $pid")" = 0 ] && pass || fail "cycles left"
if file_only "SQLite's foreign_key_check (PostgreSQL enforces every key at each statement)"; then
[ -z "$(sqlite3 "$SENTRACK_DB" 'PRAGMA foreign_key_check')" ] && pass || fail "foreign keys"
fi
st doctor
expect_status 0

t "purge --dry-run lists leavers and changes nothing; purge erases them"
a=$(must pupil add --surname Old --forename Leaver --dob 2010-01-01 --year 6 --joined 2015-09-01)
b=$(must pupil add --surname Recent --forename Leaver --dob 2012-01-01 --year 6 --joined 2016-09-01)
must pupil leave "$a" --date 2019-07-20 >/dev/null
must pupil leave "$b" --date 2026-07-20 >/dev/null
snapshot before
st purge --left-before 2020-08-31 --dry-run
expect_status 0
expect_out_has "$a	-	Old, Leaver	2019-07-20"
expect_out_lacks "Recent"
expect_err_has "would erase 1 pupil who left before 2020-08-31"
expect_same_as before
st purge --left-before 2020-08-31
expect_status 0
expect_err_has "erased 1 pupil"
[ "$(db_sql "SELECT count(*) FROM pupil WHERE id IN ($a, $b)")" = 1 ] && pass || fail "wrong pupils erased"
refuse 65 "2026-13-01" purge --left-before 2026-13-01
refuse 65 "future" purge --left-before 2027-01-01

done_testing
