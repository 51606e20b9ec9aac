# test_documents.sh - every document of the demo school, in a real browser:
# printed to PDF by chromium-headless-shell, checked with pdfinfo (A4, page
# counts) and pdftotext (names, outcomes, dates, totals); each document's
# text form against a golden file in tests/e2e/expected/documents/ (checked
# by hand; SENTRACK_UPDATE_EXPECTED=1 rewrites them); the commands' errors.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/docs_lib.sh"
EXP="$SENTRACK_SOURCE_DIR/tests/e2e/expected/documents"
st demo
D="$T_DIR/docs"
mkdir -p "$D"

# doc NAME ARGS...: the HTML to $D/NAME.html, the text against the golden file
doc() {
	local name=$1; shift
	t "$name: text"
	st "$@" --format text
	expect_status 0
	expect_out_file "$EXP/$name.txt"
	if awk 'length($0) > 80 { bad = 1 } END { exit !bad }' "$OUT"; then
		fail "$name: a text line is wider than 80 columns"; else pass; fi
	t "$name: html"
	st "$@" --output "$D/$name.html"
	expect_status 0
	expect_out_empty
	pdf "$D/$name.html"
}

doc plan plan "Amir Khan" --with-costs
doc passport-4M passport --class 4M
doc letter-placement letter placement "Yusuf Ahmed"
doc letter-review letter review-invitation "Amir Khan" --meeting 2026-12-10
doc letter-ehcna letter ehcna-request "Hattie Smith-Jones"
doc provision-map report provision-map
doc summary report summary --academic-year 2025-26

t "plan: two A4 pages with the pupil, outcomes, dates and costs; no UPN without --with-ids"
expect_pdf "$D/plan.pdf" 1 2
expect_pdf_text "$D/plan.pdf" "SEN support plan: Amir Khan" "Riverside Primary School" \
	"Reads 40 words per minute on a year 2 text" "2026-12-25" "Precision teaching" "£722.00" \
	"Parent or carer" "Ms Alex Morgan"
if grep -q "V999200121004" "$D/plan.pdf.txt"; then fail "the plan shows a UPN"; else pass; fi
st plan "Amir Khan" --format text --with-ids
expect_out_has "UPN: V999200121004"
st plan "Amir Khan" --format text
expect_out_lacks "£"

t "passports: one A4 page per pupil of the class, in name order"
expect_pdf "$D/passport-4M.pdf" 2 2
expect_pdf_text "$D/passport-4M.pdf" "Pupil passport: Zoë Brown" "Pupil passport: Amir Khan" \
	"How best to support me"
if [ "$(pdftotext -f 1 -l 1 "$D/passport-4M.pdf" - | grep -c 'Pupil passport:')" = 1 ]; then pass; else
	fail "page 1 holds more than one passport"; fi

t "letters: one A4 page each, the school, the pupil and the dates"
expect_pdf "$D/letter-placement.pdf" 1 1
expect_pdf_text "$D/letter-placement.pdf" "Dear parent or carer of Yusuf Ahmed" \
	"1 River Lane" "2026-11-25" "Ms Alex Morgan"
expect_pdf "$D/letter-review.pdf" 1 1
expect_pdf_text "$D/letter-review.pdf" "meeting on 2026-12-10"
expect_pdf "$D/letter-ehcna.pdf" 1 1
expect_pdf_text "$D/letter-ehcna.pdf" "EHC needs assessment for Hattie"

t "provision map: interventions once, totals, the budget"
expect_pdf "$D/provision-map.pdf" 1 3
expect_pdf_text "$D/provision-map.pdf" "Provision map" "Nurture group" "Amélie Dubois (Y5)" \
	"£4560.00" "School total" "£45000.00"
st report provision-map --format csv
expect_status 0
expect_out_has '"intervention","Nurture group","teacher","5","45","6","3"'
expect_out_has '"school","School total"'
expect_out_file "$EXP/provision-map.csv"
st report provision-map --year 2 --format text
expect_out_has "Mateo García (Y2)"
expect_out_lacks "Amir Khan"

t "summary: the year's figures, small numbers suppressed, bar charts as inline SVG"
expect_pdf "$D/summary.pdf" 1 3
expect_pdf_text "$D/summary.pdf" "the figures for 2025-26" "<5" "Reviews held" "Cost of provision"
if grep -q "<svg" "$D/summary.html"; then pass; else fail "no inline SVG chart"; fi
st report summary --academic-year 2025-26 --format csv
expect_out_file "$EXP/summary.csv"
st config set suppress-below 1
st report summary --academic-year 2025-26 --format csv
expect_out_lacks '"<'

t "every HTML document is self-contained and printable"
for f in "$D"/*.html; do
	if grep -q "Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"" "$f" &&
	   grep -q '<html lang="en-GB">' "$f" && grep -q '@page{size:A4' "$f" &&
	   ! grep -qiE '<script|<link|src=|url\(' "$f"; then pass; else fail "$f: not self-contained"; fi
	if grep -q '<th scope="col"' "$f" || ! grep -q '<table' "$f"; then pass; else fail "$f: table without scope"; fi
done

t "letter --record records parents informed (Code 6.43)"
st register list
expect_out_has "MISSING"
st letter placement "Yusuf Ahmed" --record --date 2026-11-20 --output "$D/rec.html"
expect_status 0
st register history "Yusuf Ahmed"
expect_out_has "2026-11-20"
refuse 64 "only the placement letter records" letter review-invitation "Amir Khan" --meeting 2026-12-10 --record
refuse 65 "is in the future" letter placement "Minnie Nguyễn" --record --date 2026-12-01

t "letters: missing values and unknown placeholders are errors naming the line"
refuse 64 "review-invitation.txt:5: {{meeting.date}}: --meeting DATE is required" letter review-invitation "Amir Khan"
refuse 65 "no such letter" letter thank-you "Amir Khan"
refuse 65 "not a template name" letter ../../etc/passwd "Amir Khan"
mkdir -p "$T_DIR/letters"
printf 'Subject: Hello\n\nDear {{pupil.forename}},\n\nSee you {{meetng.date}}.\n' >"$T_DIR/letters/hello.txt"
refuse 65 "letters/hello.txt:5: {{meetng.date}}: unknown placeholder" letter hello "Amir Khan"
printf 'Subject: Hello\n\nDear {{pupil.forename}} at {{school.name}}.\n' >"$T_DIR/letters/hello.txt"
st letter hello "Amir Khan" --format text
expect_status 0
expect_out_has "Dear Amir at Riverside Primary School."
st letter templates
expect_out_has "hello"
expect_out_has "{{pupil.forename}}"

t "letters: SENTRACK_LETTERS names the school's templates directory, on either backend"
mkdir -p "$T_DIR/shared-letters"
printf 'Subject: Shared\n\nHello {{pupil.forename}} from the shared folder.\n' >"$T_DIR/shared-letters/hello.txt"
SENTRACK_LETTERS="$T_DIR/shared-letters" st letter hello "Amir Khan" --format text
expect_status 0
expect_out_has "Hello Amir from the shared folder."
SENTRACK_LETTERS="$T_DIR/shared-letters" st letter templates
expect_out_has "$T_DIR/shared-letters/hello.txt"
SENTRACK_LETTERS="$T_DIR/nowhere" refuse 65 "no such letter" letter hello "Amir Khan"
if on_pg; then
	t "letters: a trust's default is the user's data directory (its locator names no directory)"
	mkdir -p "$T_DIR/xdg/sentrack/letters"
	printf 'Subject: Mine\n\nHi {{pupil.forename}}, from my own folder.\n' >"$T_DIR/xdg/sentrack/letters/hello.txt"
	SENTRACK_LETTERS='' XDG_DATA_HOME="$T_DIR/xdg" st letter hello "Amir Khan" --format text
	expect_status 0
	expect_out_has "Hi Amir, from my own folder."
	mkdir -p "$T_DIR/home/.local/share/sentrack/letters"
	SENTRACK_LETTERS='' HOME="$T_DIR/home" refuse 65 "no such letter" letter hello "Amir Khan"
	SENTRACK_LETTERS='' HOME="$T_DIR/home" st letter review-invitation "Amir Khan" --meeting 2026-12-10 --format text
	expect_status 0
fi

st config unset school-name
refuse 65 "school-name is not set" letter placement "Amir Khan"

t "passport set: words kept, cleared with \"\", files, errors"
printf 'Loves drawing\nand football\n' >"$T_DIR/about.txt"
st passport set "Amir Khan" --about-file "$T_DIR/about.txt" --important "My dog"
expect_status 0
st passport "Amir Khan" --format text
expect_out_has "Loves drawing"
expect_out_has "My dog"
st passport set "Amir Khan" --important ""
st passport "Amir Khan" --format text
expect_out_lacks "My dog"
expect_out_has "Loves drawing"
refuse 64 "give --about" passport set "Amir Khan"
refuse 66 "cannot read" passport set "Amir Khan" --support-file "$T_DIR/none.txt"
refuse 64 "give only one of PUPIL, --class or --year" passport --class 4M --year 4
refuse 65 "no pupil on the SEN register" passport --class 9Z

t "plan: the cycle's strategies and named lead (issue 12)"
st pupil add --surname Lee --forename Ada --dob 2018-02-01 --year 3
ada=$(cat "$OUT")
st register add "$ada" --status K --parents-informed "$TODAY"
st need add "$ada" SPLD --rank 1
st cycle open "$ada"
st cycle assess "$ada" --summary "Reads slowly"
st outcome add "$ada" "Reads 30 words a minute" --measure "30 wpm" --by 2027-02-01
printf 'Coloured overlay\nShort daily reading\n' >"$T_DIR/strategies.txt"
st cycle plan "$ada" --review-date 2027-02-01 --strategies-file "$T_DIR/strategies.txt" \
	--lead "Mr Ben Cole"
expect_status 0
st plan "$ada" --format text
expect_status 0
expect_out_has "Coloured overlay"
expect_out_has "Short daily reading"
expect_out_has "Plan lead: Mr Ben Cole"
expect_out_lacks "Ms Alex Morgan"
st plan "$ada" --output "$D/plan-lead.html"
expect_status 0
if grep -q "Mr Ben Cole" "$D/plan-lead.html" && grep -q "Coloured overlay" "$D/plan-lead.html"; then
	pass; else fail "the html plan lacks the strategies or the lead"; fi

t "formats and options"
refuse 65 "not a format (one of text, html)" plan "Amir Khan" --format csv
refuse 64 "--academic-year is required" report summary
refuse 65 "not an academic year" report summary --academic-year 2025-27
refuse 65 "has no such cycle" plan "Amir Khan" --cycle 9
st plan "Amir Khan" --cycle 1 --format text
expect_status 0
expect_out_has "This plan: number 1"
st plan "Amir Khan" --output "$T_DIR/nodir/plan.html"
expect_status 73
if [ "$(stat -c %a "$D/plan.html")" = 600 ]; then pass; else fail "plan.html is not private (0600)"; fi
"$SENTRACK_BIN" --today "$TODAY" plan "Amir Khan" >/dev/full 2>"$ERR"; STATUS=$?
expect_status 74

done_testing
