-- The numeric part of every movie's id (tt0000123 → 123), for the ingest's line filter. Ids are
-- checked as tt + digits when title.basics is read; one too big for an INTEGER reads as 2^30, which
-- turns the filter off (ingest.ts, MAX_FILTER_ID).
SELECT least(CAST(substr(tconst, 3) AS BIGINT), 1073741824)::INTEGER AS id FROM title_basics
