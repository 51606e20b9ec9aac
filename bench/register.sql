-- register.sql - the rows of `sentrack export register` through `sqlite3 -csv`.
SELECT p.upn, p.surname, p.forename, p.preferred, p.dob, p.year, p.class, p.status,
  p.status_since, n1.need_code, a1.label, n2.need_code, a2.label, e.parents_informed,
  e.plan_date,
  (SELECT coalesce(sum((2 * v.sessions_per_week * v.minutes * v.hourly_cost_pence +
     60 * v.group_size) / (120 * v.group_size)), 0) * 38 FROM provision v
   WHERE v.pupil_id = p.id AND v.start_date <= '2026-11-25'
   AND (v.end_date IS NULL OR v.end_date >= '2026-11-25')),
  p.left_on
FROM pupil p JOIN register_event e ON e.id = p.status_event
LEFT JOIN pupil_need n1 ON n1.pupil_id = p.id AND n1.rank = 1
LEFT JOIN need_type t1 ON t1.code = n1.need_code LEFT JOIN area a1 ON a1.code = t1.area
LEFT JOIN pupil_need n2 ON n2.pupil_id = p.id AND n2.rank = 2
LEFT JOIN need_type t2 ON t2.code = n2.need_code LEFT JOIN area a2 ON a2.code = t2.area
WHERE (p.status = 'K' OR p.status = 'E') AND p.left_on IS NULL
ORDER BY p.year, p.surname_key, p.forename_key;
