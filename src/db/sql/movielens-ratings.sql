-- MovieLens ratings.csv onto the catalog: each (user, movie) once (the latest rating when a user rated a
-- movie twice, or two MovieLens ids link to one IMDb title), users numbered densely in userId order.
-- Typed columns: rows with a bad number go to the rejects table with their line.
CREATE OR REPLACE TEMP TABLE ml_ratings_raw AS
SELECT userId, movieId, rating, "timestamp"
FROM read_csv({{path}},
  delim = ',', quote = '"', escape = '"', header = true,
  columns = {'userId': 'INTEGER', 'movieId': 'INTEGER', 'rating': 'DOUBLE', 'timestamp': 'BIGINT'},
  store_rejects = true, rejects_table = 'rejects_ml_ratings', rejects_scan = 'rejects_ml_ratings_scan');

CREATE OR REPLACE TEMP TABLE ml_rated AS
WITH linked AS (
  SELECT r.userId, c.idx, r.rating, r."timestamp"
  FROM ml_ratings_raw r
  JOIN ml_links l ON l.movieId = r.movieId AND l.tconst IS NOT NULL
  JOIN catalog c ON c.tconst = l.tconst
  WHERE r.rating BETWEEN 0.5 AND 5
),
once AS (
  SELECT userId, idx, arg_max(rating, "timestamp") AS rating
  FROM linked
  GROUP BY userId, idx
),
-- users are numbered over the distinct ids (a window over 32M rows cannot spill and runs out of memory)
users AS (
  SELECT userId, (row_number() OVER (ORDER BY userId)) - 1 AS u
  FROM (SELECT DISTINCT userId FROM once)
)
SELECT users.u, once.userId, once.idx, once.rating
FROM once JOIN users USING (userId);
