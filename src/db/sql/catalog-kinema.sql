-- The default catalog: every released, non-adult movie with a rating and at least $min_votes votes.
-- The display title is IMDb's primaryTitle, unless a US aka is IMDb's display title (types exactly
-- 'imdbDisplay') in English or with no language, and carries no attributes: then that one (lowest
-- ordering). Working, fake, festival, alternative and other-language US akas are search keys at most,
-- never names (a US 'imdbDisplay' aka in Spanish titled Star Wars "La guerra de las estrellas").
-- The aka is never a filter.
-- Row order (idx) is the numeric order of tconst, so the same data always gives the same rows.
CREATE OR REPLACE TABLE catalog AS
WITH display AS (
  SELECT titleId AS tconst,
         arg_min(title, ordering) AS title
  FROM title_akas
  WHERE region = 'US'
    AND types = 'imdbDisplay'
    AND (language = 'en' OR language IS NULL)
    AND attributes IS NULL
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
