# test_code_of_practice.sh - issue 12: the Code of Practice, faithfully.
# EHC plans belong to the local authority; needs the census accepts; each
# rule at its date boundary (with --today).
. "$(dirname "$0")/lib.sh"
new_db
on() { TODAY=$1; }

on 2026-09-07
luke=$(must pupil add --surname Kowalski --forename Luke --dob 2015-05-01 --year 6 --upn B801200005001)
amir=$(must pupil add --surname Khan --forename Amir --dob 2017-11-02 --year 4)
must register add "$luke" --status E --date 2026-09-01 --plan-date 2026-08-20 --parents-informed 2026-09-01 >/dev/null
must register add "$amir" --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null

t "only the LA ceases an EHC plan: register remove and add --status K at E are refused"
refuse 65 "has an EHC plan (E since 2026-09-01); only the local authority ceases an EHC plan (Code 9.199-9.210): give --ceased-by-la DATE" \
	register remove "$luke"
refuse 65 "only the local authority ceases an EHC plan" register add "$luke" --status K
refuse 65 "--ceased-by-la 2026-09-08: is in the future" register remove "$luke" --ceased-by-la 2026-09-08
refuse 65 "--ceased-by-la 2026-08-19: is before the EHC plan date 2026-08-20" \
	register remove "$luke" --ceased-by-la 2026-08-19
refuse 65 "--ceased-by-la: only applies when a pupil leaves E" register remove "$amir" --ceased-by-la 2026-09-07

t "cycle review: exit at E needs --ceased-by-la; ehcna at E goes to an early review"
must cycle open "$luke" --date 2026-09-07 >/dev/null
must cycle assess "$luke" --summary "Plan targets reviewed" >/dev/null
must outcome add "$luke" "Writes a paragraph unaided" --area CL --measure "3 of 4 pieces" --by 2026-12-01 >/dev/null
must cycle plan "$luke" --review-date 2026-12-01 >/dev/null
must provision add "$luke" "Writing group" --staff TA --sessions 5 --minutes 60 --group-size 1 --hourly-cost 40 >/dev/null
must cycle do "$luke" >/dev/null
on 2026-12-01
must outcome rate 1 achieved >/dev/null
refuse 65 "--decision ehcna: pupil 1 already has an EHC plan (E); ask the local authority for an early review instead (\`sentrack ehcp review 1 --early --date DATE\`, Code 9.174)" \
	cycle review "$luke" --decision ehcna
refuse 65 "only the local authority ceases an EHC plan" cycle review "$luke" --decision exit
refuse 65 "--ceased-by-la: only applies to --decision exit" cycle review "$luke" --decision close --ceased-by-la 2026-11-30

t "provision list advises top-up or an EHC needs assessment only at K"
st provision list
expect_status 0
expect_out_has "AT OR ABOVE THRESHOLD"
expect_out_lacks "consider top-up funding"
must provision add "$amir" "One to one" --staff TA --sessions 5 --minutes 60 --group-size 1 --hourly-cost 40 --start 2026-11-01 >/dev/null
st provision list --pupil "$amir"
expect_out_has "consider top-up funding or an EHC needs assessment"

t "exit at E with the LA's decision: the event keeps the date and reason"
st cycle review "$luke" --decision exit --ceased-by-la 2026-11-28
expect_status 0
st register history "$luke"
expect_out_has "EHC plan ceased by the local authority on 2026-11-28"
expect_out_has "reason: exit at review"
st register add "$amir" --status E --plan-date 2026-11-20 --date 2026-11-25
expect_status 0
st register add "$amir" --status K --ceased-by-la 2026-12-01 --reason "needs met at SEN support"
expect_status 0
st register history "$amir"
expect_out_has "EHC plan ceased by the local authority on 2026-12-01"
expect_out_has "reason: needs met at SEN support"

t "ehcp review --early"
must register add "$luke" --status E --plan-date 2026-12-01 --date 2026-12-01 >/dev/null
st ehcp review "$luke" --early --date 2026-12-01
expect_status 0
expect_out 1

done_testing
