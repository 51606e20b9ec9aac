# test_corrections.sh - corrections without rewriting history (issue 16):
# provision edit and provision remove --entered-in-error, register correct,
# pupil leave ending provision and closing the cycle, one way of numbering
# cycles, and the register export round trip through import.
. "$(dirname "$0")/lib.sh"
new_db

must pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4 >/dev/null
must pupil add --surname Brown --forename "Zoë" --dob 2017-07-22 --year 4 >/dev/null
must register add 1 --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null
must register add 2 --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null
# 3 x 30 min x £15 / 4 = £5.63 a week (5.625 rounds up); x 38 = £213.94
V1=$(must provision add 1 Reading --staff TA --sessions 3 --minutes 30 --group-size 4 \
	--hourly-cost 15 --start 2026-09-02)
# typed for the wrong pupil: 2 x 60 min x £20 / 1 = £40 a week, £1,520 a year
V2=$(must provision add 1 "Speech therapy" --staff external --sessions 2 --minutes 60 \
	--group-size 1 --hourly-cost 20 --start 2026-09-02)

t "provision edit corrects a detail; costs follow; the audit log keeps old and new"
st provision edit "$V1" --sessions 2 --hourly-cost 18
expect_status 0
expect_err_has "provision $V1 updated"
st provision list --pupil 1
# 2 x 30 min x £18 / 4 = £4.50 a week, £171.00 a year
expect_out_has "Reading                TA       2x30m 1:4      18.00     4.50    171.00  2026-09-02 -"
st log
expect_out_has "provision edit     update provision $V1  pupil 1  (edited: --sessions 3 -> 2; --hourly-cost 15.00 -> 18.00)"

t "provision edit: names and roles are named, not quoted, in the audit log"
st provision edit "$V1" --name "Reading Recovery" --staff teacher
expect_status 0
st log
expect_out_has "(edited: NAME old -> new; --staff old -> new)"
st provision list --pupil 1
expect_out_has "Reading Recovery"

t "provision edit refuses what add refuses, and nothing changes"
refuse 65 "--end 2026-09-01: is before the start 2026-09-02" provision edit "$V1" --end 2026-09-01
refuse 65 "--sessions 0: must be between 1 and 50" provision edit "$V1" --sessions 0
refuse 65 "--hourly-cost lots" provision edit "$V1" --hourly-cost lots
refuse 64 "nothing to change" provision edit "$V1"
refuse 65 "PROVISION_ID 99: no such provision" provision edit 99 --minutes 20
refuse 65 "already has these details" provision edit "$V1" --minutes 30

t "provision remove needs --entered-in-error: provision that happened is ended"
refuse 64 "--entered-in-error is required" provision remove "$V2"
refuse 64 "missing PROVISION_ID" provision remove --entered-in-error

t "provision remove --entered-in-error keeps the row, marked, out of costs and lists"
st provision remove "$V2" --entered-in-error --reason "typed for the wrong pupil"
expect_status 0
expect_err_has "provision $V2 marked as entered in error"
st provision list
expect_status 0
expect_out_lacks "Speech therapy"
expect_out_has "total a year for Amir Khan, active today: 171.00"
st provision list --include-void
expect_out_has "Speech therapy"
expect_out_has "VOID: entered in error, marked 2026-11-25 (typed for the wrong pupil); not counted"
expect_out_has "total a year for Amir Khan, active today: 171.00"
st export provision
expect_out_lacks "Speech therapy"
st export register
expect_out_has '"171.00"'
st report provision-map --format text
expect_out_lacks "Speech therapy"
st export pupil 1
expect_out_has '"provision","2","void_reason","typed for the wrong pupil"'
st log
expect_out_has "provision remove   update provision $V2  pupil 1  on 2026-11-25  (entered in error)"

t "provision entered in error is not edited, ended or removed again"
refuse 65 "PROVISION_ID $V2: was marked as entered in error on 2026-11-25" \
	provision edit "$V2" --minutes 20
refuse 65 "was marked as entered in error" provision end "$V2"
refuse 65 "was marked as entered in error" provision remove "$V2" --entered-in-error

t "provision remove without --reason records 'entered in error'"
V3=$(must provision add 2 Maths --staff TA --sessions 1 --minutes 20 --group-size 2 \
	--hourly-cost 12 --start 2026-10-01)
st provision remove "$V3" --entered-in-error
expect_status 0
st provision list --include-void --pupil 2
expect_out_has "VOID: entered in error, marked 2026-11-25 (entered in error); not counted"

done_testing
