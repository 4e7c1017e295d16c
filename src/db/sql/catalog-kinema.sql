-- The default catalog: every released, non-adult movie with a rating and at least $min_votes votes.
-- The US aka (IMDb's display aka first) is the display title where one exists; it is never a filter.
-- Row order (idx) is the numeric order of tconst, so the same data always gives the same rows.
CREATE OR REPLACE TABLE catalog AS
WITH display AS (
  SELECT titleId AS tconst,
         arg_min(title, (CASE WHEN types = 'imdbDisplay' THEN 0 WHEN types IS NULL THEN 1 ELSE 2 END) * 100000 + ordering) AS title
  FROM title_akas
  WHERE region = 'US'
  GROUP BY titleId
),
movies AS (
  SELECT b.tconst,
         coalesce(d.title, b.primaryTitle) AS title,
         coalesce(b.originalTitle, b.primaryTitle) AS originalTitle,
         b.startYear AS year,
         b.runtimeMinutes AS runtime,
         b.genres,
         r.averageRating AS rating,
         r.numVotes AS votes
  FROM title_basics b
  JOIN title_ratings r ON r.tconst = b.tconst
  LEFT JOIN display d ON d.tconst = b.tconst
  WHERE b.titleType = 'movie'
    AND b.isAdult = 0
    AND b.startYear IS NOT NULL
    AND b.startYear <= $year
    AND r.numVotes >= $min_votes
    AND r.averageRating IS NOT NULL
)
SELECT (row_number() OVER (ORDER BY CAST(substr(tconst, 3) AS BIGINT)) - 1)::INTEGER AS idx, *
FROM movies;
