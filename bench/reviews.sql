-- reviews.sql - the rows of `sentrack export reviews` through `sqlite3 -csv`.
SELECT p.id, p.upn, p.surname, p.forename, p.year, p.class, p.status, n.need_code, a.label,
  c.phase, c.planned_on, c.review_date,
  CAST(julianday(c.review_date) - julianday('2026-11-25') AS INTEGER),
  (SELECT count(*) FROM outcome o WHERE o.cycle_id = c.id)
FROM cycle c JOIN pupil p ON p.id = c.pupil_id
LEFT JOIN pupil_need n ON n.pupil_id = p.id AND n.rank = 1
LEFT JOIN need_type t ON t.code = n.need_code LEFT JOIN area a ON a.code = t.area
WHERE c.phase <> 'closed' AND p.left_on IS NULL
ORDER BY c.review_date IS NULL, c.review_date, p.surname_key, p.forename_key;
