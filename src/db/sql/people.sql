-- People of the catalog's movies, one row per (movie, role, person), in table movie_people:
--   directors and writers from title_crew (comma-separated, kept in IMDb's order, at most 5 each),
--   top-billed cast from title_principals (actor, actress, self; lowest ordering first, at most 5),
--   and who is known for it from name_basics knownForTitles (role 'known', at most 10, for pages only).
-- A person appears once per movie and role. Person ids (pid) follow the numeric order of nconst, so
-- the same data always gives the same ids. A cast row keeps its `characters` (the raw JSON-like list).
-- People missing from name_basics stay (the similarity still sees them) and are named by people-names.sql.
CREATE OR REPLACE TEMP TABLE movie_people AS
WITH crew AS (
  SELECT c.idx, 'director' AS role, s.pos, trim(s.nconst) AS nconst, NULL::VARCHAR AS characters
  FROM catalog c
  JOIN title_crew t ON t.tconst = c.tconst,
  LATERAL (SELECT unnest(string_split(t.directors, ',')) AS nconst,
                  generate_subscripts(string_split(t.directors, ','), 1) AS pos) s
  WHERE t.directors IS NOT NULL
  UNION ALL
  SELECT c.idx, 'writer' AS role, s.pos, trim(s.nconst) AS nconst, NULL::VARCHAR AS characters
  FROM catalog c
  JOIN title_crew t ON t.tconst = c.tconst,
  LATERAL (SELECT unnest(string_split(t.writers, ',')) AS nconst,
                  generate_subscripts(string_split(t.writers, ','), 1) AS pos) s
  WHERE t.writers IS NOT NULL
),
cast_rows AS (
  SELECT c.idx, 'cast' AS role, p.ordering AS pos, p.nconst, p.characters
  FROM catalog c
  JOIN title_principals p ON p.tconst = c.tconst
  WHERE p.category IN ('actor', 'actress', 'self')
),
known AS (
  -- name.basics knownForTitles: who IMDb says is known for the movie (no role, no billing order)
  -- unnest in a plain subquery: as a LATERAL join the same split costs DuckDB twice as much
  SELECT c.idx, 'known' AS role, 0 AS pos, k.nconst, NULL::VARCHAR AS characters
  FROM (SELECT nconst, unnest(string_split(knownForTitles, ',')) AS tconst
        FROM name_basics
        WHERE knownForTitles IS NOT NULL) k
  JOIN catalog c ON c.tconst = k.tconst
),
ranked AS (
  SELECT idx, role, nconst,
         arg_min(characters, pos) FILTER (WHERE characters IS NOT NULL) AS characters,
         row_number() OVER (PARTITION BY idx, role ORDER BY min(pos), nconst) AS rank
  FROM (SELECT * FROM crew UNION ALL SELECT * FROM cast_rows UNION ALL SELECT * FROM known)
  WHERE nconst LIKE 'nm%'
  GROUP BY idx, role, nconst
),
kept AS (
  SELECT idx, role, rank, nconst, characters
  FROM ranked
  WHERE rank <= CASE WHEN role = 'known' THEN 10 ELSE 5 END
),
-- numbered over the distinct people rather than every row: the one window DuckDB runs on one thread
ids AS (
  SELECT nconst, (row_number() OVER (ORDER BY CAST(substr(nconst, 3) AS BIGINT), nconst) - 1)::INTEGER AS pid
  FROM (SELECT DISTINCT nconst FROM kept)
)
SELECT k.idx, k.role, k.rank, k.nconst, k.characters, i.pid
FROM kept k
JOIN ids i USING (nconst);
