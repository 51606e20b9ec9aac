-- check.sql - the findings of `sentrack check --format csv` as one SQL
-- statement, for the "check against sqlite3" benchmark: the same tables,
-- indexes, settings (the config table, else the defaults) and rules, so the
-- baseline does the work sentrack does. Run it as
--   sqlite3 -csv -header DB -cmd '.parameter set @today 2026-11-25' < bench/check.sql
-- Its rows are sentrack's CSV without the detail column, in sentrack's order
-- (severity, date, surname and forename keys, pupil id, rule), and a test
-- holds them equal (tests/e2e/test_check_sql.sh), on the demo and on a
-- generated trust. A new rule adds one `UNION ALL` block below and its
-- name to the `rule` table; tests/unit/test_check_sql.c fails until it has.
WITH
setting(key, value) AS (VALUES ('due-window-days', '14'), ('assess-max-days', '28'),
  ('gap-max-days', '14'), ('inform-max-days', '7'), ('ehcna-after-cycles', '3'),
  ('school-weeks', '38'), ('sen-support-threshold', '6000.00'),
  ('meeting-warn-days', '21'), ('meeting-grace-days', '28'), ('ehcp-book-weeks', '10'),
  ('ehcp-under5-months', '6'),
  ('term.autumn.start', '09-01'), ('term.spring.start', '01-01'),
  ('term.summer.start', '04-15'), ('term.summer.end', '07-22')),
conf AS (SELECT s.key, coalesce(c.value, s.value) AS value FROM setting s
  LEFT JOIN config c ON c.key = s.key),
t AS (SELECT @today AS today,
  -- the academic year today is in (it starts on 1 September)
  CAST(strftime('%Y', @today) AS INTEGER) - (CAST(strftime('%m', @today) AS INTEGER) < 9) AS ay,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'due-window-days') AS due_window,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'assess-max-days') AS assess_max,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'gap-max-days') AS gap_max,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'inform-max-days') AS inform_max,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'ehcna-after-cycles') AS ehcna_after,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'school-weeks') AS school_weeks,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'meeting-warn-days') AS meeting_warn,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'meeting-grace-days') AS meeting_grace,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'ehcp-book-weeks') AS book_weeks,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'ehcp-under5-months') AS under5,
  (SELECT CAST(round(replace(value, ',', '') * 100) AS INTEGER) FROM conf
    WHERE key = 'sen-support-threshold') AS threshold),
-- the term.* month-days in the years around today (02-29 is 02-28 in other years)
term_md(y, key, d) AS (SELECT y.y, c.key, CASE WHEN c.value = '02-29'
    THEN date(printf('%04d-03-01', y.y), '-1 day') ELSE printf('%04d-%s', y.y, c.value) END
  FROM conf c, (SELECT ay - 1 AS y FROM t UNION ALL SELECT ay FROM t UNION ALL
    SELECT ay + 1 FROM t) y WHERE c.key LIKE 'term.%'),
-- the terms of last academic year (k 0) and this one (k 1) from the settings:
-- autumn to the day before spring, spring to the day before summer
ty(k, y) AS (SELECT 0, ay - 1 FROM t UNION ALL SELECT 1, ay FROM t),
term_set(k, y, tno, name, starts, ends) AS (
  SELECT k, y, 0, 'autumn', (SELECT d FROM term_md WHERE y = ty.y AND key = 'term.autumn.start'),
    date((SELECT d FROM term_md WHERE y = ty.y + 1 AND key = 'term.spring.start'), '-1 day')
    FROM ty
  UNION ALL SELECT k, y, 1, 'spring',
    (SELECT d FROM term_md WHERE y = ty.y + 1 AND key = 'term.spring.start'),
    date((SELECT d FROM term_md WHERE y = ty.y + 1 AND key = 'term.summer.start'), '-1 day')
    FROM ty
  UNION ALL SELECT k, y, 2, 'summer',
    (SELECT d FROM term_md WHERE y = ty.y + 1 AND key = 'term.summer.start'),
    (SELECT d FROM term_md WHERE y = ty.y + 1 AND key = 'term.summer.end') FROM ty),
-- ... replaced by the dates set with `term set` for that year and term
terms(idx, y, tno, starts, ends, from_settings) AS (
  SELECT 3 * s.k + s.tno, s.y, s.tno, coalesce(x.starts, s.starts), coalesce(x.ends, s.ends),
    x.id IS NULL FROM term_set s LEFT JOIN term x
    ON x.academic_year = printf('%04d-%02d', s.y, (s.y + 1) % 100) AND x.term = s.name),
-- the term today is in, and the latest that ended before today
term_now AS (SELECT idx, y, tno, starts, ends FROM terms, t
  WHERE ends >= starts AND starts <= today AND today <= ends ORDER BY idx DESC LIMIT 1),
term_ended AS (SELECT idx, y, tno, starts, ends FROM terms, t
  WHERE ends >= starts AND ends < today ORDER BY ends DESC, idx LIMIT 1),
-- the terms in use (this academic year's, and the term just ended) not set
unset AS (SELECT s.y, s.idx, s.starts FROM terms s, t WHERE s.from_settings
  AND s.starts IS NOT NULL AND (s.y = ay OR EXISTS (SELECT 1 FROM term_ended e
  WHERE e.y = s.y AND e.tno = s.tno))),
-- pupils on the register (K or E) who have not left, with their facts
reg AS (
  SELECT p.id, p.status, e.event_date, e.parents_informed, e.plan_date,
    (SELECT min(x.event_date) FROM register_event x WHERE x.pupil_id = p.id AND x.status <> 'N'
      AND x.voided_on IS NULL AND x.event_date >= coalesce((SELECT max(y.event_date)
      FROM register_event y WHERE y.pupil_id = p.id AND y.status = 'N'
      AND y.voided_on IS NULL), '')) AS joined,
    (SELECT max(c.closed_on) FROM cycle c WHERE c.pupil_id = p.id) AS last_closed,
    (SELECT count(*) FROM cycle c WHERE c.pupil_id = p.id AND c.phase <> 'closed') AS open_n,
    (SELECT coalesce(sum((2 * v.sessions_per_week * v.minutes * v.hourly_cost_pence +
       60 * v.group_size) / (120 * v.group_size)), 0) FROM provision v, t
       WHERE v.pupil_id = p.id AND v.start_date <= today AND v.voided_on IS NULL
       AND (v.end_date IS NULL OR v.end_date >= today)) AS weekly,
    EXISTS (SELECT 1 FROM ehcna_request q WHERE q.pupil_id = p.id) AS requested
  FROM pupil p JOIN register_event e ON e.id = p.status_event
  WHERE (p.status = 'K' OR p.status = 'E') AND p.left_on IS NULL),
-- the open cycles through the index sentrack reads them by (schema step 7), outer
-- so the pupils come in rowid order, as sentrack reads them (CROSS JOIN)
open_cycle AS (
  SELECT c.pupil_id AS id, c.phase, c.opened_on, c.planned_on, c.review_date
  FROM cycle c INDEXED BY cycle_open_covering CROSS JOIN pupil p ON p.id = c.pupil_id
  WHERE c.phase <> 'closed' AND p.left_on IS NULL AND (p.status = 'K' OR p.status = 'E')),
-- each pupil at K's last n closed cycles, for consider-ehcna
recent AS (
  SELECT c.id, c.pupil_id, c.reviewed_on,
    row_number() OVER (PARTITION BY c.pupil_id ORDER BY c.seq DESC) AS rn
  FROM cycle c JOIN pupil p ON p.id = c.pupil_id
  WHERE c.phase = 'closed' AND p.status = 'K' AND p.left_on IS NULL),
-- EHC plans: the last review (or the plan), the latest scheduled review
ehcp_facts AS (
  SELECT p.id, p.dob, p.year, e.plan_date, x.id AS sched, x.meeting_on, x.invite_on,
    x.advice_on, x.report_on, x.decision_on, x.review_id,
    (SELECT max(r.review_date) FROM ehcp_review r WHERE r.pupil_id = p.id) AS last_review,
    (SELECT max(a.amended_on) FROM ehcp_amended a WHERE a.pupil_id = p.id) AS amended
  FROM pupil p JOIN register_event e ON e.id = p.status_event
  LEFT JOIN ehcp_schedule x ON x.id = (SELECT max(y.id) FROM ehcp_schedule y
    WHERE y.pupil_id = p.id)
  WHERE p.status = 'E' AND p.left_on IS NULL),
ehcp_last AS (SELECT *, CASE WHEN last_review > coalesce(plan_date, '') THEN last_review
    ELSE plan_date END AS last FROM ehcp_facts),
-- the annual review is due a year after the last (29 February: 28 February),
-- for a child under 5 ehcp-under5-months after it (the day brought back to
-- the month's last)
ehcp AS (SELECT l.*, CASE
    WHEN dob IS NOT NULL AND last < CASE WHEN substr(dob, 6) = '02-29'
      THEN date(printf('%04d-03-01', substr(dob, 1, 4) + 5), '-1 day')
      ELSE date(dob, '+5 years') END
    THEN min(date(last, 'start of month', printf('+%d months', under5),
        printf('+%d days', substr(last, 9) - 1)),
      date(last, 'start of month', printf('+%d months', under5 + 1), '-1 day'))
    WHEN substr(last, 6) = '02-29' THEN date(printf('%04d-03-01', substr(last, 1, 4) + 1), '-1 day')
    ELSE date(last, '+1 year') END AS due
  FROM ehcp_last l, t),
-- needs assessment requests still waiting on the local authority
ehcna_open AS (SELECT q.pupil_id AS id, q.request_date, q.assess
  FROM ehcna_request q JOIN pupil p ON p.id = q.pupil_id
  WHERE q.plan IS NULL AND (q.assess IS NULL OR q.assess = 'yes') AND p.left_on IS NULL
  AND p.status IS NOT 'E'),
-- every EHC deadline, as st_ehc_deadlines makes them; kind says when it is
-- reported: a step when overdue or within the window, the review only when
-- overdue, the phase transfer all year
ehc_deadline(id, rule, kind, date) AS (
  SELECT id, 'ehcp-review-step', 'step', date(due, printf('-%d days', 7 * book_weeks))
    FROM ehcp, t WHERE (sched IS NULL OR review_id IS NOT NULL) AND today <= due
  UNION ALL SELECT id, 'ehcp-annual-review', 'review', due FROM ehcp WHERE due IS NOT NULL
  UNION ALL SELECT id, 'ehcp-review-step', 'step', date(meeting_on, '-14 days') FROM ehcp
    WHERE sched IS NOT NULL AND review_id IS NULL AND invite_on IS NULL
  UNION ALL SELECT id, 'ehcp-review-step', 'step', date(meeting_on, '-14 days') FROM ehcp
    WHERE sched IS NOT NULL AND review_id IS NULL AND advice_on IS NULL
  UNION ALL SELECT id, 'ehcp-review-step', 'step', meeting_on FROM ehcp
    WHERE sched IS NOT NULL AND review_id IS NULL
  UNION ALL SELECT id, 'ehcp-review-step', 'step', date(meeting_on, '+14 days') FROM ehcp
    WHERE sched IS NOT NULL AND report_on IS NULL
  UNION ALL SELECT id, 'ehcp-review-step', 'step', date(meeting_on, '+28 days') FROM ehcp
    WHERE sched IS NOT NULL AND decision_on IS NULL
  UNION ALL SELECT id, 'ehcp-phase-transfer', 'transfer',
      printf('%04d-%s', ay + 1, CASE year WHEN '6' THEN '02-15' ELSE '03-31' END) FROM ehcp, t
    WHERE year IN ('6', '11') AND (amended IS NULL OR amended < printf('%04d-09-01', ay))
  UNION ALL SELECT id, 'ehcna-decision', 'step', date(request_date, '+42 days') FROM ehcna_open
    WHERE assess IS NULL
  UNION ALL SELECT id, 'ehcna-plan', 'step', date(request_date, '+140 days') FROM ehcna_open),
rule(name, n) AS (VALUES ('review-overdue', 0), ('review-due', 1), ('no-review-date', 2),
  ('plan-missing', 3), ('no-active-cycle', 4), ('parents-not-informed', 5),
  ('parent-meeting-gap', 6), ('outcome-overdue', 7), ('consider-ehcna', 8),
  ('provision-over-threshold', 9), ('ehcp-annual-review', 10),
  ('primary-need-missing', 11), ('ehcp-review-step', 12), ('ehcp-phase-transfer', 13),
  ('ehcna-decision', 14), ('ehcna-plan', 15), ('terms-not-set', 16)),
finding(severity, rule, date, id) AS (
  SELECT 'overdue', 'review-overdue', review_date, id FROM open_cycle, t
    WHERE phase <> 'assess' AND review_date < today
  UNION ALL SELECT 'due', 'review-due', review_date, id FROM open_cycle, t
    WHERE phase <> 'assess' AND review_date BETWEEN today AND date(today, printf('+%d days', due_window))
  UNION ALL SELECT 'attention', 'no-review-date', coalesce(planned_on, opened_on), id
    FROM open_cycle WHERE phase <> 'assess' AND review_date IS NULL
  UNION ALL SELECT 'attention', 'plan-missing', opened_on, id FROM open_cycle, t
    WHERE phase = 'assess' AND julianday(today) - julianday(opened_on) > assess_max
  UNION ALL SELECT 'overdue', 'parents-not-informed', event_date, id FROM reg, t
    WHERE parents_informed IS NULL AND julianday(today) - julianday(event_date) > inform_max
  UNION ALL SELECT 'attention', 'no-active-cycle', max(event_date, coalesce(last_closed, '')), id
    FROM reg, t WHERE status = 'K' AND open_n = 0
    AND julianday(today) - julianday(max(event_date, coalesce(last_closed, ''))) > gap_max
  -- parents met once a term: the current term from meeting-warn-days before
  -- it ends (a meeting booked from today on counts), the term just ended
  -- (held meetings only); none for a pupil placed fewer than
  -- meeting-grace-days before the term's end
  UNION ALL SELECT 'due', 'parent-meeting-gap', n.ends, reg.id FROM reg, term_now n, t
    WHERE julianday(n.ends) - julianday(today) <= meeting_warn
    AND julianday(n.ends) - julianday(coalesce(joined, '0001-01-01')) >= meeting_grace
    AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.pupil_id = reg.id AND m.with_parents = 1
      AND m.meeting_date BETWEEN n.starts AND n.ends AND (m.planned = 0 OR m.meeting_date >= today))
  UNION ALL SELECT 'overdue', 'parent-meeting-gap', e.ends, reg.id FROM reg, term_ended e, t
    WHERE julianday(e.ends) - julianday(coalesce(joined, '0001-01-01')) >= meeting_grace
    AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.pupil_id = reg.id AND m.with_parents = 1
      AND m.meeting_date BETWEEN e.starts AND e.ends AND m.planned = 0)
  UNION ALL SELECT 'attention', 'provision-over-threshold', today, id FROM reg, t
    WHERE NOT requested AND status = 'K' AND weekly * school_weeks >= threshold
  UNION ALL SELECT CASE WHEN date < today THEN 'overdue' ELSE 'due' END, rule, date, id
    FROM ehc_deadline, t WHERE date < today OR kind = 'transfer'
    OR (kind = 'step' AND julianday(date) - julianday(today) <= due_window)
  UNION ALL SELECT 'attention', 'outcome-overdue', o.target_date, p.id
    FROM outcome o JOIN cycle c ON c.id = o.cycle_id JOIN pupil p ON p.id = c.pupil_id, t
    WHERE o.rating IS NULL AND o.target_date < today AND c.phase <> 'closed'
    AND p.left_on IS NULL AND (p.status = 'K' OR p.status = 'E')
  UNION ALL SELECT 'attention', 'consider-ehcna', x.last, x.pupil_id FROM (
      SELECT r.pupil_id, max(r.reviewed_on) AS last, count(*) AS n,
        sum((SELECT 2 * count(*) FILTER (WHERE o.rating = 'not-achieved') > count(*)
          FROM outcome o WHERE o.cycle_id = r.id)) AS mostly_not
      FROM recent r, t WHERE r.rn <= ehcna_after GROUP BY r.pupil_id) x, t
    WHERE x.n = ehcna_after AND x.mostly_not = ehcna_after
    AND NOT EXISTS (SELECT 1 FROM ehcna_request q WHERE q.pupil_id = x.pupil_id)
  UNION ALL SELECT 'attention', 'primary-need-missing', today, id FROM reg, t
    WHERE NOT EXISTS (SELECT 1 FROM pupil_need n WHERE n.pupil_id = reg.id AND n.rank = 1)
  -- the school's own finding (pupil 0): once per academic year in use whose
  -- terms are not all set, at its first unset term, when anyone is on the register
  UNION ALL SELECT 'attention', 'terms-not-set', (SELECT u2.starts FROM unset u2
      WHERE u2.y = u.y ORDER BY u2.idx LIMIT 1), 0
    FROM unset u WHERE EXISTS (SELECT 1 FROM reg) GROUP BY u.y)
SELECT f.severity, f.rule, f.date, f.id AS pupil_id, p.upn, coalesce(p.surname, '') AS surname,
  coalesce(p.forename, '') AS forename, coalesce(p.year, '') AS year
FROM finding f LEFT JOIN pupil p ON p.id = f.id JOIN rule ON rule.name = f.rule
ORDER BY CASE f.severity WHEN 'overdue' THEN 0 WHEN 'due' THEN 1 ELSE 2 END, f.date,
  coalesce(p.surname_key || ' ' || p.forename_key, ''), f.id, rule.n;
