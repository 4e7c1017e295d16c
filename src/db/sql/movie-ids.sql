-- The numeric part of every rated movie's id (tt0000123 → 123), for the ingest's line filter: the
-- only movies a catalog can hold (both presets join title.ratings). Ids are checked as tt + digits when
-- title.basics is read; one too big for an INTEGER reads as 2^30, which turns the filter off (ingest.ts,
-- MAX_FILTER_ID).
SELECT least(CAST(substr(tconst, 3) AS BIGINT), 1073741824)::INTEGER AS id
FROM title_basics SEMI JOIN title_ratings USING (tconst)
