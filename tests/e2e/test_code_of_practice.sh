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

t "census: needs only at K or E, NSA rules, explained when refused"
new_db
on 2026-11-25
ann=$(must pupil add --surname Able --forename Ann --dob 2017-05-01 --year 4 --upn B801200005001)
ben=$(must pupil add --surname Bell --forename Ben --dob 2017-05-01 --year 4)
refuse 65 "pupil 1: is not on the SEN register; (DfE school census: a need is recorded only for a pupil at K or E; NSA only as the primary need of a pupil at K, with no secondary need)" \
	need add "$ann" MLD --rank 1
must register add "$ann" --status K --date 2026-09-01 --parents-informed 2026-09-01 >/dev/null
must register add "$ben" --status E --date 2026-09-01 --plan-date 2026-08-01 --parents-informed 2026-09-01 >/dev/null
refuse 65 "TYPE NSA: cannot be a secondary need" need add "$ann" NSA --rank 2
refuse 65 "TYPE NSA: pupil 2 has an EHC plan (E)" need add "$ben" NSA --rank 1
must need add "$ann" NSA --rank 1 >/dev/null
refuse 65 "primary need is NSA, which takes no secondary need" need add "$ann" SLCN --rank 2

t "primary-need-missing (attention) and census check list what the census rejects"
st check --rule primary-need-missing
expect_status 1
expect_out "attention  primary-need-missing  2026-11-25  #2 Ben Bell (Y4)  at E with no primary need recorded; the school census rejects it (\`sentrack need add\`)  [DfE school census guide, SEN need type]"
st census check
expect_status 1
expect_out_has "     2  -              Ben Bell                   4    UPN             missing: the census needs a UPN for every pupil"
expect_out_lacks "Ann Able"
must pupil edit "$ben" --upn A801200005010 --year 7 >/dev/null
st census check
expect_status 1
expect_out_has "Primary Need    missing: a pupil at K or E must have a primary need type"
must need add "$ben" ASD --rank 1 >/dev/null
st census check
expect_status 1
expect_out_has "Year            year 7: outside the census range for a pupil aged 9 on 31 August (expected year 5, one either side allowed)"
must pupil edit "$ben" --year 6 >/dev/null
st census check
expect_status 0
expect_out_empty

t "the census year range turns over on 1 September"
on 2027-08-31
st census check
expect_status 0
on 2027-09-01
st census check
expect_status 1
expect_out_has "year 4: outside the census range for a pupil aged 10 on 31 August (expected year 6"
on 2026-11-25

t "export census: the census columns, top-up funding set with pupil edit"
refuse 65 "--top-up maybe: must be yes or no" pupil edit "$ben" --top-up maybe
st pupil edit "$ben" --top-up yes
expect_status 0
st export census
expect_status 0
sed -i 's/\r$//' "$OUT"
expect_out '"UPN","Surname","Forename","Date of Birth","Year","SEN Provision","Primary Need","Secondary Need","Top-up Funding"
"B801200005001","Able","Ann","2017-05-01","4","K","NSA",,"N"
"A801200005010","Bell","Ben","2017-05-01","6","E","ASD",,"Y"'

t "a move to N ends the needs; they stay in the history"
st register remove "$ann" --date 2026-11-25
expect_status 0
expect_err_has "current needs ended (kept in the history)"
st pupil show "$ann"
expect_out_has "NSA"
expect_out_has "ended 2026-11-25"
st export census
expect_out_lacks "Able"

t "concerns (Code 6.45): recorded, listed, shown while assessing since the last review"
on 2026-11-25
refuse 65 "--from aunt: must be parent, teacher, pupil or other" concern add "$ben" --from aunt --text "x"
refuse 65 "--date 2026-11-26: is in the future" concern add "$ben" --from parent --date 2026-11-26 --text "x"
refuse 64 "--text is required" concern add "$ben" --from parent
st concern add "$ben" --from parent --date 2026-11-25 --text "Struggles with homework every night"
expect_status 0
expect_out 1
must concern add "$ben" --from teacher --date 2026-09-20 --text "Reading age falling behind" >/dev/null
st concern list "$ben"
expect_out_has "2026-09-20 teacher  Reading age falling behind"
st concern list --since 2026-11-25
expect_out_lacks "Reading age"
expect_out_has "Struggles with homework"
must cycle open "$ben" --date 2026-11-25 >/dev/null
st cycle show "$ben"
expect_out_has "Concerns since the last review:"
expect_out_has "2026-11-25 from parent:"
expect_out_has "2026-09-20 from teacher:"

done_testing
