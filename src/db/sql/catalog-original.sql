-- The 2020 recipe, kept to compare against: movies, isAdult = 0, startYear <= this year, joined with an
-- aka whose language = 'en' AND region = 'US' (which is what shrank the original to a few hundred films),
-- joined with ratings, with the ten genre flags. One row per movie: the first such aka by ordering.
CREATE OR REPLACE TABLE catalog AS
WITH us_en AS (
  SELECT titleId AS tconst, arg_min(title, ordering) AS title
  FROM title_akas
  WHERE language = 'en' AND region = 'US'
  GROUP BY titleId
),
movies AS (
  SELECT b.tconst,
         a.title,
         coalesce(b.originalTitle, b.primaryTitle) AS originalTitle,
         b.startYear AS year,
         b.runtimeMinutes AS runtime,
         b.genres,
         r.averageRating AS rating,
         r.numVotes AS votes,
         contains(b.genres, 'Action') AS action,
         contains(b.genres, 'Adventure') AS adventure,
         contains(b.genres, 'Comedy') AS comedy,
         contains(b.genres, 'Crime') AS crime,
         contains(b.genres, 'Documentary') AS documentary,
         contains(b.genres, 'Drama') AS drama,
         contains(b.genres, 'Horror') AS horror,
         contains(b.genres, 'Mystery') AS mystery,
         contains(b.genres, 'Romance') AS romance,
         contains(b.genres, 'Thriller') AS thriller
  FROM title_basics b
  JOIN us_en a ON a.tconst = b.tconst
  JOIN title_ratings r ON r.tconst = b.tconst
  WHERE b.titleType = 'movie'
    AND b.isAdult = 0
    AND b.startYear <= $year
    AND r.numVotes >= $min_votes
)
SELECT (row_number() OVER (ORDER BY CAST(substr(tconst, 3) AS BIGINT)) - 1)::INTEGER AS idx, *
FROM movies;
