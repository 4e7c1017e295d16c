-- Rows that parsed well but repeat a key: the first by content stays, later ones get 'duplicate <key>'
-- in _bad. Only the repeated keys (found by an aggregate, which spills to disk) go through the window;
-- every other row is copied as it is.
COPY (
  WITH staged AS (SELECT * FROM read_parquet({{stage}})),
  dup AS (SELECT {{key}} FROM staged WHERE _bad IS NULL GROUP BY ALL HAVING count(*) > 1)
  SELECT * FROM staged ANTI JOIN dup USING ({{key}})
  UNION ALL
  SELECT * FROM staged SEMI JOIN dup USING ({{key}}) WHERE _bad IS NOT NULL
  UNION ALL
  SELECT * EXCLUDE (_bad),
    CASE WHEN row_number() OVER (PARTITION BY {{key}} ORDER BY {{order}}) > 1 THEN 'duplicate ' || {{keyText}} END AS _bad
  FROM (SELECT * FROM staged SEMI JOIN dup USING ({{key}}) WHERE _bad IS NULL)
) TO {{out}} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 262144);
