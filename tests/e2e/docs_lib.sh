# docs_lib.sh - rendering documents in a real browser for the document tests:
# chromium-headless-shell prints HTML to PDF (or dumps the DOM), poppler's
# pdfinfo and pdftotext read the result. Sourced after lib.sh.
for tool in chromium-headless-shell pdfinfo pdftotext; do
	if ! command -v "$tool" >/dev/null; then
		echo "FAIL: $tool is not installed (apt-get install chromium-headless-shell poppler-utils)" >&2
		exit 1
	fi
done
# --single-process: about twice as fast for one page; --no-sandbox: root in CI
BROWSER="chromium-headless-shell --no-sandbox --single-process --disable-gpu --no-first-run"

# pdf FILE.html: print to FILE.pdf (A4 comes from the page's @page rule)
pdf() {
	$BROWSER --no-pdf-header-footer --print-to-pdf="${1%.html}.pdf" "file://$1" >/dev/null 2>&1
}
# dom FILE.html: the DOM after parsing, into FILE.dom
dom() { $BROWSER --dump-dom "file://$1" >"${1%.html}.dom" 2>/dev/null; }
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }

# expect_pdf FILE.pdf MIN MAX: A4, MIN..MAX pages
expect_pdf() {
	if ! pdfinfo "$1" 2>/dev/null | grep -q '^Page size:.*(A4)'; then
		fail "$1: not A4: $(pdfinfo "$1" 2>&1 | grep -i 'size\|error')"; return; fi
	local n; n=$(pages "$1")
	if [ "$n" -ge "$2" ] && [ "$n" -le "$3" ]; then pass; else fail "$1: $n pages, expected $2..$3"; fi
}
# expect_pdf_text FILE.pdf TEXT...: each text is in the PDF (spaces collapsed)
expect_pdf_text() {
	local f=$1; shift
	pdftotext "$f" - | tr -s ' \n' '  ' >"$f.txt"
	for want in "$@"; do
		if grep -qF -- "$want" "$f.txt"; then pass; else fail "$f lacks: $want"; fi
	done
}
