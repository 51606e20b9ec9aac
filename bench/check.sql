-- check.sql - the findings of `sentrack check` as one SQL query, for the
-- "check against sqlite3" benchmark: the same tables, the same indexes and
-- the same per-pupil facts (dates as of 2026-11-25, default settings).
WITH t(today) AS (SELECT '2026-11-25'),
open_cycles AS (
  SELECT p.id, p.surname, c.seq, c.phase, c.opened_on, c.planned_on, c.review_date
  FROM cycle c JOIN pupil p ON p.id = c.pupil_id
  WHERE c.phase <> 'closed' AND p.left_on IS NULL),
reg AS (
  SELECT p.id, p.surname, p.status, e.event_date, e.parents_informed, e.plan_date,
    (SELECT max(c.closed_on) FROM cycle c WHERE c.pupil_id = p.id) AS last_closed,
    (SELECT count(*) FROM cycle c WHERE c.pupil_id = p.id AND c.phase <> 'closed') AS open_n,
    (SELECT max(r.review_date) FROM ehcp_review r WHERE r.pupil_id = p.id) AS last_ehcp,
    (SELECT coalesce(sum((2 * v.sessions_per_week * v.minutes * v.hourly_cost_pence +
       60 * v.group_size) / (120 * v.group_size)), 0) FROM provision v
       WHERE v.pupil_id = p.id AND v.start_date <= '2026-11-25'
       AND (v.end_date IS NULL OR v.end_date >= '2026-11-25')) AS weekly,
    EXISTS (SELECT 1 FROM meeting m WHERE m.pupil_id = p.id AND m.with_parents = 1
       AND m.meeting_date BETWEEN '2026-04-15' AND '2026-07-22') AS summer_meeting
  FROM pupil p JOIN register_event e ON e.id = p.status_event
  WHERE (p.status = 'K' OR p.status = 'E') AND p.left_on IS NULL)
SELECT 'overdue', 'review-overdue', review_date, id, surname FROM open_cycles, t
  WHERE review_date < today
UNION ALL SELECT 'due', 'review-due', review_date, id, surname FROM open_cycles, t
  WHERE review_date BETWEEN today AND date(today, '+14 days')
UNION ALL SELECT 'attention', 'plan-missing', opened_on, id, surname FROM open_cycles, t
  WHERE phase = 'assess' AND opened_on < date(today, '-28 days')
UNION ALL SELECT 'overdue', 'parents-not-informed', event_date, id, surname FROM reg, t
  WHERE parents_informed IS NULL AND event_date < date(today, '-7 days')
UNION ALL SELECT 'attention', 'no-active-cycle', max(event_date, coalesce(last_closed, '')), id,
  surname FROM reg, t WHERE status = 'K' AND open_n = 0
UNION ALL SELECT 'due', 'parent-meeting-gap', '2026-07-22', id, surname FROM reg
  WHERE NOT summer_meeting AND event_date <= '2026-07-22'
UNION ALL SELECT 'attention', 'provision-over-threshold', '2026-11-25', id, surname FROM reg
  WHERE status = 'K' AND weekly * 38 >= 600000
UNION ALL SELECT 'overdue', 'ehcp-annual-review', date(max(plan_date, coalesce(last_ehcp, '')),
  '+1 year'), id, surname FROM reg
  WHERE status = 'E' AND date(max(plan_date, coalesce(last_ehcp, '')), '+1 year') < '2026-11-25'
UNION ALL SELECT 'attention', 'outcome-overdue', o.target_date, p.id, p.surname
  FROM outcome o JOIN cycle c ON c.id = o.cycle_id JOIN pupil p ON p.id = c.pupil_id
  WHERE o.rating IS NULL AND o.target_date < '2026-11-25' AND c.phase <> 'closed'
ORDER BY 1, 3, 5;
