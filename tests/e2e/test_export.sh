# test_export.sh - CSV exports: exact files, the formula-injection guard,
# --bom, --delimiter, atomic --output, and the register round trip.
. "$(dirname "$0")/lib.sh"
DATA="$SENTRACK_SOURCE_DIR/tests/data"
EXPECTED="$DATA/expected"

# A small school: names that break naive CSV, a would-be formula, a leaver.
setup_school() {
	new_db
	must pupil add --surname "O'Brien" --forename Siobhan --dob 2016-03-14 --year 5 \
		--upn G999300024001 --class 5H >/dev/null
	must pupil add --surname Brown --forename "Zoë" --dob 2017-07-22 --year 4 \
		--upn W999300024002 --class 4M >/dev/null
	must pupil add --surname "Nguyễn" --forename Minh --preferred Minnie --dob 2018-01-30 \
		--year 3 --upn K999300024003 --class 3S >/dev/null
	must pupil add --surname "Smith, Jones" --forename '=HYPERLINK("http://evil","x")' \
		--dob 2017-11-02 --year 4 --upn Z999300024004 --class '-4M' >/dev/null
	must pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4 >/dev/null
	must register add 1 --status K --date 2026-09-15 --parents-informed 2026-09-16 >/dev/null
	must register add 2 --status K --date 2026-10-01 >/dev/null
	must register add 3 --status K --date 2026-02-02 --parents-informed 2026-02-03 >/dev/null
	must register remove 3 --date 2026-07-10 --reason "good progress" >/dev/null
	must register add 4 --status E --date 2026-01-12 --plan-date 2026-01-05 \
		--parents-informed 2026-01-12 >/dev/null
	must register add 5 --status K --date 2026-03-01 >/dev/null
	must need add 1 SPLD --rank 1 >/dev/null
	must need add 2 slcn --rank 1 >/dev/null
	must need add 2 ASD --rank 2 >/dev/null
	must need add 4 SEMH --rank 1 >/dev/null
	must pupil leave 5 --date 2026-11-01 >/dev/null
}
setup_school

t "export register: the exact file (CRLF, quoting, guard, areas, cost)"
st export register
expect_status 0
expect_out_file "$EXPECTED/register.csv"
[ "$(head -c 5 "$OUT" | od -An -c | tr -d ' ')" = '"UPN"' ] && pass || fail "starts with a BOM"
grep -q $'\r$' "$OUT" && pass || fail "no CRLF"

t "export register --status N, --include-left, --year"
st export register --status N
expect_status 0
expect_out_file "$EXPECTED/register-n.csv"
st export register --include-left --year 4
expect_status 0
expect_out_file "$EXPECTED/register-left-y4.csv"
refuse 65 "--year 15: not a year group" export register --year 15
refuse 65 "--status X: not a register status" export register --status X

t "formula injection: guarded unless --raw; negative numbers stay numbers"
st export register --year 4
expect_out_has "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""
expect_out_has "\"'-4M\""
st export register --year 4 --raw
expect_out_has "\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""
expect_out_lacks "'="

t "--bom and --delimiter"
st export register --bom --delimiter ';'
expect_status 0
[ "$(head -c 3 "$OUT" | od -An -tx1 | tr -d ' ')" = efbbbf ] && pass || fail "no BOM"
expect_out_has '"UPN";"Surname";"Forename"'
expect_out_has '"Smith, Jones"'
st export register --delimiter tab
expect_out_has $'"UPN"\t"Surname"'
st export register --delimiter '"'
expect_status 65
expect_err_has 'not a delimiter'

t "--output is atomic, mode 0600, and replaces an old file whole"
echo "old contents" >"$T_DIR/reg.csv"
chmod 644 "$T_DIR/reg.csv"
st export register --output "$T_DIR/reg.csv"
expect_status 0
expect_out_empty
expect_err_has "wrote 3 rows to $T_DIR/reg.csv"
cmp -s "$T_DIR/reg.csv" "$EXPECTED/register.csv" && pass || fail "file differs"
[ "$(stat -c %a "$T_DIR/reg.csv")" = 600 ] && pass || fail "mode $(stat -c %a "$T_DIR/reg.csv")"
[ -z "$(find "$T_DIR" -name '.reg.csv.*')" ] && pass || fail "temporary file left behind"

t "an unwritable output exits 73 and leaves nothing"
mkdir -p "$T_DIR/ro" && chmod 500 "$T_DIR/ro"
# On a trust, root without its override must still reach the server's
# socket: it and its directory (the throwaway cluster's, pg_lib.sh) are
# opened for this one command, the data directory staying 0700.
on_pg && chmod 711 "$PG_DIR" && chmod 777 "$PG_DIR/.s.PGSQL.5432"
st_nodac export register --output "$T_DIR/ro/reg.csv"
on_pg && chmod 700 "$PG_DIR" "$PG_DIR/.s.PGSQL.5432"
expect_status 73
[ -z "$(ls -A "$T_DIR/ro")" ] && pass || fail "files left in a read-only directory"
st export register --output "$T_DIR/no/such/dir/reg.csv"
expect_status 73
expect_err_has "cannot create a file in $T_DIR/no/such/dir"
st export register --output "$T_DIR"
expect_status 73
expect_err_has "is a directory"

t "a failed export leaves the old file untouched"
echo "keep me" >"$T_DIR/keep.csv"
st export register --year 99 --output "$T_DIR/keep.csv"
expect_status 65
[ "$(cat "$T_DIR/keep.csv")" = "keep me" ] && pass || fail "old file changed"
[ -z "$(find "$T_DIR" -name '.keep.csv.*')" ] && pass || fail "temporary file left behind"

t "export pupil: everything about one pupil, one long CSV"
st export pupil "Zoë Brown"
expect_status 0
expect_out_has '"section","record","field","value"'
expect_out_has '"pupil","1","surname","Brown"'
expect_out_has '"register","1","status","K"'
expect_out_has '"needs","2","need_code","ASD"'
expect_out_has '"audit","1","command","pupil add"'
expect_out_lacks 'Siobhan'
sed -n "1,13p" "$OUT" | tr -d '\r' >"$T_DIR/head"
diff -u <(tr -d '\r' <"$EXPECTED/pupil-head.csv") "$T_DIR/head" >&2 && pass || fail "pupil export head"
refuse 65 "no pupil has this id" export pupil 99

t "export pupil --output DIR/: one file per table"
st export pupil 2 --output "$T_DIR/sar/"
expect_status 0
[ "$(stat -c %a "$T_DIR/sar")" = 700 ] && pass || fail "directory mode"
for f in pupil register needs cycles outcomes provision meetings specialists audit; do
	[ -f "$T_DIR/sar/$f.csv" ] && pass || fail "no $f.csv"
done
[ "$(stat -c %a "$T_DIR/sar/pupil.csv")" = 600 ] && pass || fail "file mode"
[ "$(head -1 "$T_DIR/sar/needs.csv")" = $'"rank","need_code","need","area","since"\r' ] \
	&& pass || fail "needs header: $(head -1 "$T_DIR/sar/needs.csv")"
[ "$(wc -l <"$T_DIR/sar/needs.csv")" = 3 ] && pass || fail "needs rows"
[ "$(wc -l <"$T_DIR/sar/cycles.csv")" = 1 ] && pass || fail "empty table has its header only"

t "round trip: export register -> import into a fresh database -> export again"
st export register --output "$T_DIR/round.csv"
expect_status 0
export SENTRACK_DB="$T_DIR/fresh.db"
new_db
st import pupils "$T_DIR/round.csv"
expect_status 0
expect_err_has "3 new, 0 updated, 0 unchanged"
st export register
expect_status 0
expect_out_file "$T_DIR/round.csv"
t "re-importing the same file with --update changes nothing and logs nothing"
st log
cp "$OUT" "$T_DIR/log.before"
snapshot before
st import pupils "$T_DIR/round.csv" --update
expect_status 0
expect_err_has "0 new, 0 updated, 3 unchanged"
expect_same_as before

t "usage"
st export register --from 2026-01-01
expect_status 64
st export pupil
expect_status 64
expect_err_has "missing PUPIL"
st export reviews --within 7 --to 2026-12-01
expect_status 64
expect_err_has "not both"

done_testing
