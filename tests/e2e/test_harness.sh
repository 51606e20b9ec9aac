# test_harness.sh - the harness itself: a failure anywhere (inside $(...),
# a pipeline, a background job) fails the script, a script that stops
# before done_testing fails, one that asserts nothing fails, and a clean
# run passes. Each case is a small script run in its own bash.
. "$(dirname "$0")/lib.sh"
LIB="$SENTRACK_SOURCE_DIR/tests/e2e/lib.sh"

# Run the body as a test script; keep its status and output.
child() {
	printf '. "%s"\n%s\n' "$LIB" "$1" >"$T_DIR/child.sh"
	mkdir -p "$T_DIR/tmp"
	TMPDIR="$T_DIR/tmp" bash "$T_DIR/child.sh" >"$OUT" 2>"$ERR"
	STATUS=$?
}
expect_fails() {
	if [ "$STATUS" != 0 ]; then pass; else fail "the child script passed (status 0)"; fi
}
expect_no_leftovers() { # the child removed its temporary directory
	if [ -z "$(ls -A "$T_DIR/tmp")" ]; then pass; else fail "left behind: $(ls "$T_DIR/tmp")"; fi
}

t "a passing run passes"
child 'new_db
id=$(must pupil add --surname A --forename B --dob 2016-01-01 --year 4)
[ "$id" = 1 ] && pass || fail "id $id"
done_testing'
expect_status 0
expect_out_has "2 passed, 0 failed, 0 skipped"
expect_no_leftovers

t "a failed command inside \$(must ...) fails the suite"
child 'new_db
x=$(must pupil show 99)
done_testing'
expect_fails
expect_err_has "FAIL: (setup): expected success: sentrack pupil show 99"
expect_out_has "1 failed"
expect_no_leftovers

t "fail inside \$(...), a pipeline and a background job each count"
child 'pass
y=$(fail "in a command substitution")
echo x | fail "in a pipeline"
( fail "in a background job" ) &
wait
done_testing'
expect_fails
expect_out_has "1 passed, 3 failed"

t "a script that exits before done_testing fails, even with status 0"
child 'pass
exit 0
done_testing'
expect_fails
expect_err_has "before done_testing"
expect_no_leftovers

t "a script stopped by an unset variable fails"
child 'pass
echo "$no_such_variable"
done_testing'
expect_fails
expect_err_has "before done_testing"

t "a script that asserts nothing fails"
child 'done_testing'
expect_fails
expect_err_has "no assertion ran"

t "a skip is visible, and a failure under SENTRACK_E2E_NO_SKIP=1"
child 'pass
t "needs a tmpfs"
skip "cannot mount"
done_testing'
expect_status 0
expect_out_has "1 passed, 0 failed, 1 skipped"
expect_err_has "SKIP: needs a tmpfs: cannot mount"
SENTRACK_E2E_NO_SKIP=1 child 'pass
skip "cannot mount"
done_testing'
expect_fails
expect_out_has "1 failed"

t "SENTRACK_UPDATE_EXPECTED=1 rewrites a differing expected file, and fails"
mkdir -p "$T_DIR/src/tests"
echo old >"$T_DIR/src/tests/x.txt"
echo same >"$T_DIR/src/tests/same.txt"
body='pass
echo new >"$OUT"
expect_out_file "$SENTRACK_SOURCE_DIR/tests/x.txt"
echo same >"$OUT"
expect_out_file "$SENTRACK_SOURCE_DIR/tests/same.txt"
done_testing'
SENTRACK_SOURCE_DIR="$T_DIR/src" SENTRACK_UPDATE_EXPECTED=1 child "$body"
expect_fails
expect_err_has "rewrote $T_DIR/src/tests/x.txt: check it by hand"
[ "$(cat "$T_DIR/src/tests/x.txt")" = new ] && pass || fail "not rewritten"
SENTRACK_SOURCE_DIR="$T_DIR/src" child "$body"
expect_status 0
t "SENTRACK_UPDATE_EXPECTED=1 never rewrites a file outside the source tree's tests/"
echo old >"$T_DIR/out.txt"
SENTRACK_UPDATE_EXPECTED=1 child 'echo new >"$OUT"
expect_out_file "'"$T_DIR"'/out.txt"
done_testing'
expect_fails
[ "$(cat "$T_DIR/out.txt")" = old ] && pass || fail "a file outside tests/ was rewritten"

done_testing
