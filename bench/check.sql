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
  ('term.autumn.start', '09-01'), ('term.spring.start', '01-01'),
  ('term.summer.start', '04-15'), ('term.summer.end', '07-22')),
conf AS (SELECT s.key, coalesce(c.value, s.value) AS value FROM setting s
  LEFT JOIN config c ON c.key = s.key),
t AS (SELECT @today AS today,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'due-window-days') AS due_window,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'assess-max-days') AS assess_max,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'gap-max-days') AS gap_max,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'inform-max-days') AS inform_max,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'ehcna-after-cycles') AS ehcna_after,
  (SELECT CAST(value AS INTEGER) FROM conf WHERE key = 'school-weeks') AS school_weeks,
  (SELECT CAST(round(replace(value, ',', '') * 100) AS INTEGER) FROM conf
    WHERE key = 'sen-support-threshold') AS threshold),
-- the last three terms that ended before today, newest first
md AS (SELECT (SELECT value FROM conf WHERE key = 'term.autumn.start') AS aut,
  (SELECT value FROM conf WHERE key = 'term.spring.start') AS spr,
  (SELECT value FROM conf WHERE key = 'term.summer.start') AS sum,
  (SELECT value FROM conf WHERE key = 'term.summer.end') AS fin),
ay(y) AS (SELECT CAST(strftime('%Y', today) AS INTEGER) - k FROM t,
  (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3)),
term_all(starts, ends) AS (
  SELECT printf('%04d-%s', y + 1, sum), printf('%04d-%s', y + 1, fin) FROM ay, md
  UNION ALL SELECT printf('%04d-%s', y + 1, spr), date(printf('%04d-%s', y + 1, sum), '-1 day')
    FROM ay, md
  UNION ALL SELECT printf('%04d-%s', y, aut), date(printf('%04d-%s', y + 1, spr), '-1 day')
    FROM ay, md),
term AS (SELECT starts, ends, row_number() OVER (ORDER BY ends DESC) AS n FROM term_all, t
  WHERE ends < today AND ends >= starts ORDER BY ends DESC LIMIT 3),
-- pupils on the register (K or E) who have not left, with their facts
reg AS (
  SELECT p.id, p.status, e.event_date, e.parents_informed, e.plan_date,
    (SELECT min(x.event_date) FROM register_event x WHERE x.pupil_id = p.id AND x.status <> 'N'
      AND x.event_date >= coalesce((SELECT max(y.event_date) FROM register_event y
      WHERE y.pupil_id = p.id AND y.status = 'N'), '')) AS joined,
    (SELECT max(c.closed_on) FROM cycle c WHERE c.pupil_id = p.id) AS last_closed,
    (SELECT max(r.review_date) FROM ehcp_review r WHERE r.pupil_id = p.id) AS last_ehcp,
    (SELECT count(*) FROM cycle c WHERE c.pupil_id = p.id AND c.phase <> 'closed') AS open_n,
    (SELECT coalesce(sum((2 * v.sessions_per_week * v.minutes * v.hourly_cost_pence +
       60 * v.group_size) / (120 * v.group_size)), 0) FROM provision v, t
       WHERE v.pupil_id = p.id AND v.start_date <= today
       AND (v.end_date IS NULL OR v.end_date >= today)) AS weekly,
    EXISTS (SELECT 1 FROM ehcna_request q WHERE q.pupil_id = p.id) AS requested
  FROM pupil p JOIN register_event e ON e.id = p.status_event
  WHERE (p.status = 'K' OR p.status = 'E') AND p.left_on IS NULL),
open_cycle AS (
  SELECT c.pupil_id AS id, c.phase, c.opened_on, c.planned_on, c.review_date
  FROM cycle c JOIN pupil p ON p.id = c.pupil_id
  WHERE c.phase <> 'closed' AND p.left_on IS NULL AND (p.status = 'K' OR p.status = 'E')),
-- each pupil at K's last n closed cycles, for consider-ehcna
recent AS (
  SELECT c.id, c.pupil_id, c.reviewed_on,
    row_number() OVER (PARTITION BY c.pupil_id ORDER BY c.seq DESC) AS rn
  FROM cycle c JOIN pupil p ON p.id = c.pupil_id
  WHERE c.phase = 'closed' AND p.status = 'K' AND p.left_on IS NULL),
-- a year after the plan or its last review; 29 February gives 28 February
ehcp_last AS (SELECT id, nullif(max(coalesce(plan_date, ''), coalesce(last_ehcp, '')), '') AS last
  FROM reg WHERE status = 'E'),
ehcp AS (SELECT id, CASE WHEN substr(last, 6) = '02-29'
    THEN printf('%04d-02-28', substr(last, 1, 4) + 1) ELSE date(last, '+1 year') END AS next
  FROM ehcp_last WHERE last IS NOT NULL),
rule(name, n) AS (VALUES ('review-overdue', 0), ('review-due', 1), ('no-review-date', 2),
  ('plan-missing', 3), ('no-active-cycle', 4), ('parents-not-informed', 5),
  ('parent-meeting-gap', 6), ('outcome-overdue', 7), ('consider-ehcna', 8),
  ('provision-over-threshold', 9), ('ehcp-annual-review', 10),
  ('primary-need-missing', 11)),
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
  UNION ALL SELECT 'due', 'parent-meeting-gap', (SELECT ends FROM term
      WHERE ends >= joined AND NOT EXISTS (SELECT 1 FROM meeting m WHERE m.pupil_id = reg.id
      AND m.meeting_date BETWEEN term.starts AND term.ends AND m.with_parents = 1)
      ORDER BY n LIMIT 1) AS gap, id
    FROM reg WHERE gap IS NOT NULL
  UNION ALL SELECT 'attention', 'provision-over-threshold', today, id FROM reg, t
    WHERE NOT requested AND status = 'K' AND weekly * school_weeks >= threshold
  UNION ALL SELECT CASE WHEN next < today THEN 'overdue' ELSE 'due' END,
      'ehcp-annual-review', next, id FROM ehcp, t
    WHERE next <= date(today, printf('+%d days', due_window))
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
    WHERE NOT EXISTS (SELECT 1 FROM pupil_need n WHERE n.pupil_id = reg.id AND n.rank = 1))
SELECT f.severity, f.rule, f.date, p.id AS pupil_id, p.upn, p.surname, p.forename, p.year
FROM finding f JOIN pupil p ON p.id = f.id JOIN rule ON rule.name = f.rule
ORDER BY CASE f.severity WHEN 'overdue' THEN 0 WHEN 'due' THEN 1 ELSE 2 END, f.date,
  p.surname_key || ' ' || p.forename_key, p.id, rule.n;
