# test_cycle_show_wrap.sh - `cycle show` never cuts a provision's name or
# staff role ("ELSA T", "1:1 TA support in~" before issue 13): a long one
# gets its own line, and every line fits 80 columns.
. "$(dirname "$0")/lib.sh"
st demo
t "long provision names and staff roles are wrapped, not cut"
must provision add "Amir Khan" "1:1 TA support in class for writing and spelling" --staff "ELSA TA" \
	--sessions 2 --minutes 30 --group-size 1 --hourly-cost 15 --start 2026-11-01 >/dev/null
st cycle show "Amir Khan"
expect_status 0
expect_out_has "1:1 TA support in class for writing and spelling"
expect_out_has "ELSA TA  2x30min 1:1  15.00/h  15.00/wk  570.00/yr"
expect_out_has "Precision teaching TA     3x20min 1:1   15.50/h    15.50/wk    589.00/yr"
expect_out_lacks "~"
if awk 'length($0) > 80 { bad = 1 } END { exit !bad }' "$OUT"; then fail "a line is wider than 80 columns"; else pass; fi
done_testing
