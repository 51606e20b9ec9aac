/* test_csv.c - the CSV reader and writer on edge cases, atomic output, and
 * the MIS date and year group forms the importer accepts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "support.h"

/* Every record as "L:C=field|L:C=field" lines, for exact comparison. */
struct collect {
	char *out;
	size_t size;
	FILE *f;
	int bad_utf8;  /* fields that were not valid UTF-8 */
};

static int collect_record(const st_csv_record *rec, void *payload)
{
	struct collect *c = payload;
	for (int i = 0; i < rec->nfields; i++) {
		fprintf(c->f, "%s%ld:%ld=%s", i ? "|" : "", rec->lines[i], rec->columns[i],
			rec->lens[i] > 40 ? "(long)" : rec->fields[i]);
		c->bad_utf8 += !rec->utf8_ok[i];
	}
	fputc('\n', c->f);
	return ST_OK;
}

/* Read text and return what was collected (free it); rc into *rc. */
static char *read_text(const char *text, size_t n, int *rc, st_error *err, int *bad)
{
	struct collect c = {0};
	c.f = open_memstream(&c.out, &c.size);
	*rc = st_csv_read_buffer("x.csv", text, n, ',', collect_record, &c, NULL, err);
	fclose(c.f);
	if (bad)
		*bad = c.bad_utf8;
	return c.out;
}

static void expect_read(const char *text, const char *want)
{
	int rc;
	st_error err;
	char *got = read_text(text, strlen(text), &rc, &err, NULL);
	assert_ok(rc, err);
	assert_string_equal(got, want);
	free(got);
}

static void reads_quotes_and_newlines(void **state)
{
	(void)state;
	expect_read("a,\"b \"\"c\"\"\"\n", "1:1=a|1:3=b \"c\"\n");
	expect_read("\"x\ny\",z\nq,r\n", "1:1=x\ny|2:4=z\n3:1=q|3:3=r\n");
	expect_read("\"x\r\n\r\ny\",\"a,b\"\r\nq\r\n", "1:1=x\r\n\r\ny|3:4=a,b\n4:1=q\n");
}

static void reads_bom_crlf_and_empty_fields(void **state)
{
	(void)state;
	expect_read("\xEF\xBB\xBF" "a,b\r\nc,d\r\n", "1:1=a|1:3=b\n2:1=c|2:3=d\n");
	expect_read("a,,c\n,\n", "1:1=a|1:3=|1:4=c\n2:1=|2:2=\n");
	expect_read("a,\"\",c\n", "1:1=a|1:3=|1:6=c\n");
	expect_read("a\n\n\nb\n", "1:1=a\n4:1=b\n");
	/* blank lines, blank-only lines and CRLF between records are skipped */
	expect_read("a\r\n\r\n  \r\n\tb, c\r\n", "1:1=a\n4:1=b|4:4=c\n");
	expect_read("a,\n,b\n", "1:1=a|1:3=\n2:1=|2:2=b\n");
}

/* Positions after quoted fields that hold CRLF, LF and delimiters. */
static void positions_after_quoted_newlines(void **state)
{
	(void)state;
	expect_read("\"x\r\ny\",\"p\nq,r\"\r\n\"\",z\r\n",
		    "1:1=x\r\ny|2:4=p\nq,r\n4:1=|4:4=z\n");
	int rc;
	st_error err;
	char *got = read_text("\"x\r\ny\",z\r\nq,\"r\"s\r\n", 18, &rc, &err, NULL);
	free(got);
	assert_error(rc, err, ST_EINVAL, "x.csv:3:6: malformed CSV");
}

/* With tab as the delimiter, a tab ends an (empty) field: it is no blank. */
static void tab_delimited_empty_fields(void **state)
{
	(void)state;
	struct collect c = {0};
	c.f = open_memstream(&c.out, &c.size);
	st_error err;
	int rc = st_csv_read_buffer("x.tsv", "a\t\tb\n", 5, '\t', collect_record, &c, NULL, &err);
	fclose(c.f);
	assert_ok(rc, err);
	assert_string_equal(c.out, "1:1=a|1:3=|1:4=b\n");
	free(c.out);
}

static void reads_with_or_without_trailing_newline(void **state)
{
	(void)state;
	expect_read("a,b\nc,d", "1:1=a|1:3=b\n2:1=c|2:3=d\n");
	expect_read("a,b\nc,d\n", "1:1=a|1:3=b\n2:1=c|2:3=d\n");
	expect_read("", "");
}

static void counts_columns_in_characters(void **state)
{
	(void)state;
	expect_read("Zoë,Nguyễn,x\n", "1:1=Zoë|1:5=Nguyễn|1:12=x\n");
}

static void flags_invalid_utf8(void **state)
{
	(void)state;
	int rc, bad;
	st_error err;
	char *got = read_text("ok,\xff\xfe,\xC3\n", 8, &rc, &err, &bad);
	assert_ok(rc, err);
	assert_int_equal(bad, 2);
	free(got);
}

/* A NUL byte would cut the text short where C strings take over. */
static void flags_nul_bytes(void **state)
{
	(void)state;
	int rc, bad;
	st_error err;
	char *got = read_text("ok,L\0e,x\n", 9, &rc, &err, &bad);
	assert_ok(rc, err);
	assert_int_equal(bad, 1);
	free(got);
}

static void reports_malformed_csv_with_position(void **state)
{
	(void)state;
	int rc;
	st_error err;
	st_csv_position where = {0, 0};
	struct collect c = {0};
	c.f = open_memstream(&c.out, &c.size);
	rc = st_csv_read_buffer("x.csv", "a,b\nc,d\"e\n", 10, ',', collect_record, &c, &where,
				&err);
	fclose(c.f);
	free(c.out);
	assert_error(rc, err, ST_EINVAL, "x.csv:2:4: malformed CSV");
	assert_int_equal(where.line, 2);
	assert_int_equal(where.column, 4);
	char *got = read_text("a,\"bc\nd", 7, &rc, &err, NULL);
	free(got);
	assert_error(rc, err, ST_EINVAL, "x.csv:1:3: quoted field is never closed");
}

/* Checks the one long field of a record against the expected value. */
struct long_field {
	struct collect c;
	const char *value;
	int matched;
};

static int check_long(const st_csv_record *rec, void *payload)
{
	struct long_field *l = payload;
	for (int i = 0; i < rec->nfields; i++)
		if (rec->lens[i] > 40)
			l->matched += rec->lens[i] == strlen(l->value) &&
				      memcmp(rec->fields[i], l->value, rec->lens[i]) == 0;
	return collect_record(rec, &l->c);
}

static void round_trips_a_1mib_field_through_a_file(void **state)
{
	(void)state;
	size_t big = 1 << 20;
	char *value = malloc(big + 1);
	for (size_t i = 0; i < big; i++)
		value[i] = "ab,\"\n"[i % 5];
	value[big] = '\0';
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	st_csv_writer *w;
	st_error err;
	assert_ok(st_csv_writer_new(&w, f, NULL, &err), err);
	const char *cells[] = {"first", value, "last"};
	for (int i = 0; i < 3; i++)
		assert_ok(st_csv_text(w, cells[i], &err), err);
	assert_ok(st_csv_end_row(w, &err), err);
	assert_ok(st_csv_text(w, "next", &err), err);
	assert_ok(st_csv_end_row(w, &err), err);
	assert_ok(st_csv_flush(w, &err), err);
	st_csv_writer_free(w);
	fclose(f);

	FILE *in = fmemopen(buf, size, "r");
	struct long_field l = {.value = value};
	l.c.f = open_memstream(&l.c.out, &l.c.size);
	assert_ok(st_csv_read("big.csv", in, ',', check_long, &l, NULL, &err), err);
	fclose(l.c.f);
	fclose(in);
	assert_int_equal(l.matched, 1);
	/* "last" starts on the line after the value's last newline, past the
	 * rest of the value (quotes doubled), the closing quote and a comma */
	const char *after = strrchr(value, '\n') + 1;
	size_t tail = strlen(after), quotes = 0;
	for (const char *p = after; *p; p++)
		quotes += *p == '"';
	long lines = (long)(big / 5) + 1;
	char want[200];
	snprintf(want, sizeof want, "1:1=first|1:9=(long)|%ld:%zu=last\n%ld:1=next\n", lines,
		 tail + quotes + 3, lines + 1);
	assert_string_equal(l.c.out, want);
	free(l.c.out);
	free(buf);
	free(value);
}

static char *write_cells(const st_csv_options *o, const char *const *cells, int n)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	st_csv_writer *w;
	st_error err;
	assert_ok(st_csv_writer_new(&w, f, o, &err), err);
	for (int i = 0; i < n; i++)
		assert_ok(st_csv_text(w, cells[i], &err), err);
	assert_ok(st_csv_end_row(w, &err), err);
	assert_ok(st_csv_flush(w, &err), err);
	st_csv_writer_free(w);
	fclose(f);
	return buf;
}

static void writes_rfc4180_with_crlf(void **state)
{
	(void)state;
	const char *cells[] = {"O'Brien", "Zoë", NULL, "", "a,b", "say \"hi\"", "two\nlines"};
	char *got = write_cells(NULL, cells, 7);
	assert_string_equal(got, "\"O'Brien\",\"Zoë\",,,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n");
	free(got);
	st_csv_options o = {';', ST_CSV_BOM};
	got = write_cells(&o, cells, 2);
	assert_string_equal(got, "\xEF\xBB\xBF\"O'Brien\";\"Zoë\"\r\n");
	free(got);
}

static void guards_formulas_unless_raw(void **state)
{
	(void)state;
	const char *cells[] = {"=HYPERLINK(\"http://x\",\"y\")", "+1", "-2", "@SUM(A1)", "\tx",
			       "\rx", "a=b"};
	char *got = write_cells(NULL, cells, 7);
	assert_string_equal(got, "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"'+1\",\"'-2\","
				 "\"'@SUM(A1)\",\"'\tx\",\"'\rx\",\"a=b\"\r\n");
	free(got);
	st_csv_options raw = {0, ST_CSV_RAW};
	got = write_cells(&raw, cells, 3);
	assert_string_equal(got, "\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",\"+1\",\"-2\"\r\n");
	free(got);
}

/* Blanks and invisible characters before the formula, and the fullwidth
 * forms, are guarded too; text that merely contains them is not. */
static void guards_hidden_and_fullwidth_formulas(void **state)
{
	(void)state;
	const char *const guarded[] = {
		" =1+1", "\t=1", "  \t@SUM(A1)", "\n-2", "＝1+1", "＋1", "－2", "＠SUM(A1)",
		"\xE2\x80\x8B=1", "\xEF\xBB\xBF=1", "\xE2\x80\x8C\xE2\x80\x8D+1",
		"\xE2\x81\xA0-1", "\xC2\xA0=1", " \xEF\xBB\xBF ＝1", "\xE2\x80\x8F@x",
	};
	for (size_t i = 0; i < sizeof guarded / sizeof *guarded; i++)
		if (!st_csv_needs_guard(guarded[i]))
			fail_msg("not guarded: case %zu", i);
	const char *const plain[] = {"a=b", " a", "Zoë", "\xE2\x80\x8Bx", "", "1-2", "x＝1"};
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
		if (st_csv_needs_guard(plain[i]))
			fail_msg("guarded: case %zu", i);
	const char *cells[] = {" =1+1", "＝1"};
	char *got = write_cells(NULL, cells, 2);
	assert_string_equal(got, "\"' =1+1\",\"'＝1\"\r\n");
	free(got);
}

static void typed_cells_are_not_guarded(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);
	st_csv_writer *w;
	st_error err;
	assert_ok(st_csv_writer_new(&w, f, NULL, &err), err);
	assert_ok(st_csv_int(w, -12, &err), err);
	assert_ok(st_csv_date(w, D("2026-11-25"), &err), err);
	assert_ok(st_csv_date(w, ST_DATE_NONE, &err), err);
	assert_ok(st_csv_money(w, 600050, &err), err);
	assert_ok(st_csv_end_row(w, &err), err);
	assert_ok(st_csv_flush(w, &err), err);
	st_csv_writer_free(w);
	fclose(f);
	assert_string_equal(buf, "\"-12\",\"2026-11-25\",,\"6000.50\"\r\n");
	free(buf);
}

static void parses_delimiters(void **state)
{
	(void)state;
	char d;
	st_error err;
	assert_ok(st_csv_parse_delimiter("--delimiter", ";", &d, &err), err);
	assert_int_equal(d, ';');
	assert_ok(st_csv_parse_delimiter("--delimiter", "tab", &d, &err), err);
	assert_int_equal(d, '\t');
	assert_error(st_csv_parse_delimiter("--delimiter", "\"", &d, &err), err, ST_EINVAL,
		     "--delimiter \": not a delimiter");
	assert_error(st_csv_parse_delimiter("--delimiter", ";;", &d, &err), err, ST_EINVAL,
		     "not a delimiter");
}

static void output_is_atomic(void **state)
{
	(void)state;
	char dir[] = "/tmp/sentrack-out.XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[300];
	snprintf(path, sizeof path, "%s/out.csv", dir);
	st_output *o;
	st_error err;
	assert_ok(st_output_open(&o, path, &err), err);
	fputs("half", st_output_file(o));
	st_output_abort(o);
	assert_int_equal(access(path, F_OK), -1);
	assert_ok(st_output_open(&o, path, &err), err);
	fputs("whole\r\n", st_output_file(o));
	assert_int_equal(access(path, F_OK), -1); /* nothing until commit */
	assert_ok(st_output_commit(o, &err), err);
	struct stat sb;
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(sb.st_size, 7);
	assert_error(st_output_open(&o, dir, &err), err, ST_ECANTCREATE, "is a directory");
	char missing[300];
	snprintf(missing, sizeof missing, "%s/no/such/dir/x.csv", dir);
	assert_error(st_output_open(&o, missing, &err), err, ST_ECANTCREATE, "cannot create");
	unlink(path);
	rmdir(dir);
}

static void parses_mis_dates(void **state)
{
	(void)state;
	st_date d;
	st_error err;
	char buf[ST_DATE_BUFSZ];
	assert_ok(st_import_parse_date("DOB", "14/03/2016", ST_DATES_DMY, &d, &err), err);
	assert_string_equal(st_date_format(d, buf), "2016-03-14");
	assert_ok(st_import_parse_date("DOB", "4/3/2016", ST_DATES_DMY, &d, &err), err);
	assert_string_equal(st_date_format(d, buf), "2016-03-04");
	assert_ok(st_import_parse_date("DOB", "2016/03/04", ST_DATES_YMD, &d, &err), err);
	assert_string_equal(st_date_format(d, buf), "2016-03-04");
	assert_ok(st_import_parse_date("DOB", "2016-03-04", ST_DATES_DMY, &d, &err), err);
	assert_ok(st_import_parse_date("DOB", "04/03/2016 00:00:00", ST_DATES_DMY, &d, &err), err);
	assert_string_equal(st_date_format(d, buf), "2016-03-04");
	assert_ok(st_import_parse_date("DOB", "2016-03-04 00:00", ST_DATES_DMY, &d, &err), err);
	assert_error(st_import_parse_date("DOB", "04/03/2016 10:00", ST_DATES_DMY, &d, &err), err,
		     ST_EINVAL, "not a date");
	assert_error(st_import_parse_date("DOB", "31/02/2016", ST_DATES_DMY, &d, &err), err,
		     ST_EINVAL, "DOB 31/02/2016: not a calendar date");
	assert_error(st_import_parse_date("DOB", "2016/03/04", ST_DATES_DMY, &d, &err), err,
		     ST_EINVAL, "not a date (DD/MM/YYYY or YYYY-MM-DD)");
	assert_error(st_import_parse_date("DOB", "14.03.2016", ST_DATES_DMY, &d, &err), err,
		     ST_EINVAL, "not a date");
	assert_error(st_import_parse_date("DOB", "14/03/16", ST_DATES_DMY, &d, &err), err,
		     ST_EINVAL, "not a date");
}

static void parses_mis_year_groups(void **state)
{
	(void)state;
	const char *cases[][2] = {{"Y7", "7"}, {"Year 7", "7"}, {"7", "7"}, {"07", "7"},
				  {"R", "R"}, {"Reception", "R"}, {"Year R", "R"}, {"N1", "N1"},
				  {"Nursery 2", "N2"}, {"NC Year 10", "10"}, {"yr 3", "3"}};
	char out[8];
	st_error err;
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		assert_ok(st_import_parse_year("Year", cases[i][0], out, sizeof out, &err), err);
		assert_string_equal(out, cases[i][1]);
	}
	assert_error(st_import_parse_year("Year", "Year Seven", out, sizeof out, &err), err,
		     ST_EINVAL, "Year Year Seven: not a year group");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_quotes_and_newlines),
		cmocka_unit_test(reads_bom_crlf_and_empty_fields),
		cmocka_unit_test(positions_after_quoted_newlines),
		cmocka_unit_test(tab_delimited_empty_fields),
		cmocka_unit_test(reads_with_or_without_trailing_newline),
		cmocka_unit_test(counts_columns_in_characters),
		cmocka_unit_test(flags_invalid_utf8),
		cmocka_unit_test(flags_nul_bytes),
		cmocka_unit_test(reports_malformed_csv_with_position),
		cmocka_unit_test(round_trips_a_1mib_field_through_a_file),
		cmocka_unit_test(writes_rfc4180_with_crlf),
		cmocka_unit_test(guards_formulas_unless_raw),
		cmocka_unit_test(guards_hidden_and_fullwidth_formulas),
		cmocka_unit_test(typed_cells_are_not_guarded),
		cmocka_unit_test(parses_delimiters),
		cmocka_unit_test(output_is_atomic),
		cmocka_unit_test(parses_mis_dates),
		cmocka_unit_test(parses_mis_year_groups),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
