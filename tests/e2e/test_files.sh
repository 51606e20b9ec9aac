# test_files.sh - files and other users (issue 11): saved copies are never
# overwritten, temporaries are recognisable and cleaned, the database path and
# its directory are checked before anything is opened, --output writes only
# where it should. Permission tests run as an unprivileged user (root passes
# every permission check).
. "$(dirname "$0")/lib.sh"

# An unprivileged user for the permission tests, when we are root.
AS=()
if [ "$(id -u)" = 0 ]; then
	id sentrack_t1 >/dev/null 2>&1 || useradd -m sentrack_t1 >/dev/null 2>&1
	id sentrack_t2 >/dev/null 2>&1 || useradd -m sentrack_t2 >/dev/null 2>&1
fi
# Run sentrack as user $1 (any user when not root: the test then runs as us).
st_as() {
	local user=$1; shift
	if [ "$(id -u)" = 0 ]; then
		runuser -u "$user" -- "$SENTRACK_BIN" --today "$TODAY" "$@" >"$OUT" 2>"$ERR" </dev/null
	else
		"$SENTRACK_BIN" --today "$TODAY" "$@" >"$OUT" 2>"$ERR" </dev/null
	fi
	STATUS=$?
}

t "demo --force run twice and three times keeps every saved database"
export SENTRACK_DB="$T_DIR/d/sentrack.db"
st init
expect_status 0
must pupil add --surname Real --forename One --dob 2015-01-01 --year 5 >/dev/null
st demo --force
expect_status 0
expect_err_has "moved the existing database to $SENTRACK_DB.before-demo"
st demo --force
expect_status 0
expect_err_has "$SENTRACK_DB.before-demo.2"
st demo --force
expect_status 0
expect_err_has "$SENTRACK_DB.before-demo.3"
[ "$(sqlite3 "$SENTRACK_DB.before-demo" "SELECT surname FROM pupil")" = Real ] && pass ||
	fail "the real database saved by the first run was overwritten"
[ "$(sqlite3 "$SENTRACK_DB.before-demo.2" "SELECT count(*) FROM pupil")" -ge 30 ] && pass ||
	fail "second saved copy is not the first demo"
[ -e "$SENTRACK_DB.before-demo.4" ] && fail "a fourth copy from three runs" || pass

# A directory of the unprivileged user's own (T_DIR stays private to us).
U1=$T_DIR/u1
mkdir -p "$U1"
if [ "$(id -u)" = 0 ]; then chmod 711 "$T_DIR"; chown sentrack_t1: "$U1"; fi
chmod 700 "$U1"

t "a database in a directory other users can write is refused (77), even sticky"
mkdir -m 1777 "$U1/shared"
[ "$(id -u)" = 0 ] && chown sentrack_t1: "$U1/shared"
st_as sentrack_t1 --db "$U1/shared/s.db" init
expect_status 77
expect_err_has "directory $U1/shared can be written by other users (mode 1777)"
expect_err_has "chmod go-w $U1/shared"
[ -e "$U1/shared/s.db" ] && fail "database created in a shared directory" || pass
st_as sentrack_t1 --db "$U1/p.db" init
expect_status 0
# the -wal is kept between commands: fold it into the file before a plain cp
sqlite3 "$U1/p.db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp -p "$U1/p.db" "$U1/shared/s.db"
st_as sentrack_t1 --db "$U1/shared/s.db" pupil list
expect_status 77
chmod 700 "$U1/shared"
st_as sentrack_t1 --db "$U1/shared/s.db" pupil list
expect_status 0

t "-wal, -shm and -journal files another user owns or can read are refused (77)"
for suffix in -wal -shm -journal; do
	if [ "$(id -u)" = 0 ]; then
		: >"$U1/p.db$suffix"; chown sentrack_t2: "$U1/p.db$suffix"; chmod 600 "$U1/p.db$suffix"
		st_as sentrack_t1 --db "$U1/p.db" pupil list
		expect_status 77
		expect_err_has "$U1/p.db$suffix belongs to another user"
		rm -f "$U1/p.db$suffix"
	else
		echo "SKIP: $suffix of another user needs root to chown"
	fi
	st_as sentrack_t1 --db "$U1/p.db" pupil list   # our own, mode 0644
	expect_status 0
	rm -f "$U1/p.db$suffix"   # a reader leaves -wal and -shm (mode 0600) behind
	if [ "$(id -u)" = 0 ]; then runuser -u sentrack_t1 -- sh -c "umask 022; : >'$U1/p.db$suffix'"
	else (umask 022; : >"$U1/p.db$suffix"); fi
	st_as sentrack_t1 --db "$U1/p.db" pupil list
	expect_status 77
	expect_err_has "chmod 600 $U1/p.db$suffix"
	rm -f "$U1/p.db$suffix"
done

t "a FIFO, a socket or a device at the database path is refused at once (66)"
mkfifo "$T_DIR/fifo.db"
SENTRACK_DB="$T_DIR/fifo.db" timeout 20 "$SENTRACK_BIN" check >"$OUT" 2>"$ERR"
STATUS=$?
expect_status 66
expect_err_has "$T_DIR/fifo.db is a named pipe (FIFO), not a database file"
ln -s /dev/null "$T_DIR/dev.db"
SENTRACK_DB="$T_DIR/dev.db" st pupil list
expect_status 66
expect_err_has "is a device"
python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T_DIR/sock.db"
SENTRACK_DB="$T_DIR/sock.db" st doctor
expect_status 66
expect_err_has "is a socket"
SENTRACK_DB="$T_DIR" st pupil list
expect_status 66
expect_err_has "$T_DIR is a directory"

t "an empty file is not a sentrack database (65), except for init"
: >"$T_DIR/empty.db"
chmod 644 "$T_DIR/empty.db"
for cmd in "pupil list" "pupil add --surname A --forename B --dob 2015-01-01 --year 5" check doctor; do
	SENTRACK_DB="$T_DIR/empty.db" st $cmd
	expect_status 65
	expect_err_has "$T_DIR/empty.db is empty (0 bytes): not a sentrack database"
done
[ -s "$T_DIR/empty.db" ] && fail "the empty file was written" || pass
[ -e "$T_DIR/empty.db-journal" ] && fail "a journal was made" || pass
SENTRACK_DB="$T_DIR/empty.db" st init
expect_status 0
[ "$(stat -c %a "$T_DIR/empty.db")" = 600 ] && pass || fail "init left the empty file's mode"
SENTRACK_DB="$T_DIR/empty.db" st pupil list
expect_status 0

# A run killed while writing: SIGXFSZ (file size limit $1 KiB) stops the
# process inside its first write past the limit, a kill that always lands
# mid-write. (The limit must leave room for SQLite's 32 KiB -shm file.)
killed_mid_write() {
	local kib=$1; shift
	( (ulimit -f "$kib"; exec "$SENTRACK_BIN" --today "$TODAY" "$@") ) >/dev/null 2>&1
}

t "a killed export leaves a recognisable temporary; the next export removes it"
export SENTRACK_DB="$T_DIR/d/sentrack.db"   # the demo from the first test
mkdir -m 700 "$T_DIR/out"
# the -wal is kept between commands: fold it into the file before a plain cp
sqlite3 "$SENTRACK_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp "$SENTRACK_DB" "$T_DIR/nowal.db"
sqlite3 "$T_DIR/nowal.db" "PRAGMA journal_mode=DELETE" >/dev/null   # no -shm to write
SENTRACK_DB="$T_DIR/nowal.db" killed_mid_write 1 export register --output "$T_DIR/out/reg.csv"
[ $? -gt 128 ] && pass || fail "export was not killed"
left=$(ls -A "$T_DIR/out")
case $left in .reg.csv.sentrack-tmp.[0-9]*.??????) pass ;; *) fail "left behind: '$left'" ;; esac
st export register --output "$T_DIR/out/reg.csv"
expect_status 0
[ "$(ls -A "$T_DIR/out")" = reg.csv ] && pass || fail "left: $(ls -A "$T_DIR/out")"

t "a killed backup leaves a recognisable temporary; doctor reports and removes it, as does the next backup"
killed_mid_write 100 backup "$T_DIR/d/b.db"
[ $? -gt 128 ] && pass || fail "backup was not killed"
left=$(cd "$T_DIR/d" && ls -A | grep -v -e '^sentrack.db' )
case $left in .b.db.sentrack-tmp.[0-9]*.??????*) pass ;; *) fail "left behind: '$left'" ;; esac
st doctor
expect_status 0
expect_out_has "temporary files: removed $T_DIR/d/.b.db.sentrack-tmp."
[ -z "$(cd "$T_DIR/d" && ls -A | grep sentrack-tmp)" ] && pass || fail "doctor left a temporary"
st doctor
expect_out_has "temporary files: none left behind in $T_DIR/d"
killed_mid_write 100 backup "$T_DIR/out/b.db"
[ -n "$(ls -A "$T_DIR/out" | grep sentrack-tmp)" ] && pass || fail "no temporary to remove"
st backup "$T_DIR/out/b2.db"
expect_status 0
[ -z "$(ls -A "$T_DIR/out" | grep sentrack-tmp)" ] && pass || fail "backup left a temporary"

t "a temporary of a process still running, or another user's, is kept"
sleep 30 & live=$!
: >"$T_DIR/out/.x.csv.sentrack-tmp.$live.abcdef"
st export register --output "$T_DIR/out/reg.csv"
expect_status 0
[ -e "$T_DIR/out/.x.csv.sentrack-tmp.$live.abcdef" ] && pass || fail "a live run's temporary was removed"
kill $live; wait $live 2>/dev/null
if [ "$(id -u)" = 0 ]; then
	: >"$T_DIR/out/.y.csv.sentrack-tmp.$live.abcdef"; chown sentrack_t2: "$T_DIR/out/.y.csv.sentrack-tmp.$live.abcdef"
	st export register --output "$T_DIR/out/reg.csv"
	[ -e "$T_DIR/out/.y.csv.sentrack-tmp.$live.abcdef" ] && pass || fail "another user's file was removed"
	[ -e "$T_DIR/out/.x.csv.sentrack-tmp.$live.abcdef" ] && fail "a dead run's temporary was kept" || pass
fi

t "--output to a FIFO, a socket, or a link to one, is refused (73) before any data is read"
st_as sentrack_t1 --db "$U1/p.db" pupil add --surname Secret --forename Sam --dob 2015-01-01 --year 5
expect_status 0
mkdir -m 1777 "$T_DIR/pub"
if [ "$(id -u)" = 0 ]; then runuser -u sentrack_t2 -- mkfifo "$T_DIR/pub/r.csv"; else mkfifo "$T_DIR/pub/r.csv"; fi
ln -s "$T_DIR/pub/r.csv" "$U1/link.csv"
[ "$(id -u)" = 0 ] && chown -h sentrack_t1: "$U1/link.csv"
python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$T_DIR/pub/s.csv"
for target in "$T_DIR/pub/r.csv" "$U1/link.csv" "$T_DIR/pub/s.csv"; do
	for export in "register" "pupil 1" "pupils" ; do
		[ "$export" = pupils ] && export="pupil Secret"
		st_as sentrack_t1 --db "$U1/p.db" export $export --output "$target"
		expect_status 73
		expect_err_has "--output $target: is a"
	done
done
st_as sentrack_t1 --db "$U1/p.db" export pupil 1 --output "$U1/sar/"
expect_status 0
[ "$(stat -c %a "$U1/sar/pupil.csv")" = 600 ] && pass || fail "export file mode"
mkfifo "$U1/sar2.csv" 2>/dev/null; mkdir "$U1/sar2"; mkfifo "$U1/sar2/pupil.csv"
[ "$(id -u)" = 0 ] && chown -R sentrack_t1: "$U1/sar2"
st_as sentrack_t1 --db "$U1/p.db" export pupil 1 --output "$U1/sar2"
expect_status 73
expect_err_has "$U1/sar2/pupil.csv: is a named pipe"
[ "$(ls "$U1/sar2")" = pupil.csv ] && pass || fail "wrote part of the export: $(ls "$U1/sar2")"

t "--output to /dev/null and /dev/stdout is written in place"
st_as sentrack_t1 --db "$U1/p.db" export pupil 1 --output /dev/null
expect_status 0
expect_out_empty
st_as sentrack_t1 --db "$U1/p.db" export pupil 1 --output /dev/stdout
expect_status 0
expect_out_has "Secret"

t "damaged schema text: doctor reports the drift (65); commands exit 65 'schema damaged'"
# One flipped byte in a column name, as a bad sector or a stray edit would
# leave it: 'preferred' only in its own column, 'surname' also in a CHECK.
for flip in "preferred |preferrec " "surname       TEXT|surnbme       TEXT"; do
	cp "$T_DIR/d/sentrack.db" "$T_DIR/flip.db"
	sqlite3 "$T_DIR/flip.db" "PRAGMA writable_schema=ON; UPDATE sqlite_schema SET sql =
		replace(sql, '${flip%%|*}', '${flip#*|}') WHERE name = 'pupil'"
	SENTRACK_DB="$T_DIR/flip.db" st doctor
	expect_status 65
	expect_out_has "PROBLEM schema text: table pupil: stored definition (damaged or edited) differs from the version "
	for cmd in "pupil add --surname A --forename B --dob 2015-01-01 --year 5" "pupil list" \
		"pupil edit 1 --class 5Q"; do
		SENTRACK_DB="$T_DIR/flip.db" st $cmd
		expect_status 65
		expect_err_has "schema damaged; run sentrack doctor"
	done
done
st doctor
expect_out_has "ok      schema text: every table and index as version "

t "a truncated database is named as truncated (65), for every command and doctor"
for size in 20 1000 100000; do
	cp "$T_DIR/d/sentrack.db" "$T_DIR/cut.db"
	truncate -s "$size" "$T_DIR/cut.db"
	for cmd in "pupil list" "pupil add --surname A --forename B --dob 2015-01-01 --year 5" doctor; do
		SENTRACK_DB="$T_DIR/cut.db" st $cmd
		expect_status 65
		expect_err_has "database $T_DIR/cut.db is truncated: $size bytes where its header promises"
		expect_err_has "restore it from a backup"
	done
done

t "unprivileged, umask 000: the writes of issues 12 and 16 leave nothing another user can read"
P=$U1/priv
mkdir -m 755 "$P"
[ "$(id -u)" = 0 ] && chown sentrack_t1: "$P"
# Run as sentrack_t1 (or as us) with a umask that would share every file.
st_open() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u sentrack_t1 -- sh -c 'umask 000; exec "$@"' sh "$SENTRACK_BIN" --today \
			"$TODAY" --db "$P/s.db" "$@" >"$OUT" 2>"$ERR" </dev/null
	else
		(umask 000; exec "$SENTRACK_BIN" --today "$TODAY" --db "$P/s.db" "$@") >"$OUT" \
			2>"$ERR" </dev/null
	fi
	STATUS=$?
}
for cmd in "demo --force" "term set 2026-27 autumn 2026-09-01 2026-12-18" \
	"ehcna request 2 --by parent --date 2026-11-20" \
	"meeting add 2 --date 2026-12-10 --with parents --purpose other" \
	"provision edit 1 --minutes 40" "export calendar --output $P/sen.ics" \
	"export register --output $P/register.csv" "backup $P/backup.db"; do
	# shellcheck disable=SC2086 # one command line a word at a time
	st_open $cmd
	expect_status 0
done
ls "$P/s.db-wal" >/dev/null && pass || fail "the -wal is not kept between commands"
for f in "$P"/*; do
	mode=$(stat -c %a "$f")
	[ $((8#$mode & 8#077)) = 0 ] && pass || fail "$f has mode $mode"
	if [ "$(id -u)" = 0 ]; then
		runuser -u sentrack_t2 -- cat "$f" >/dev/null 2>&1 && fail "another user reads $f" || pass
	fi
done

done_testing
