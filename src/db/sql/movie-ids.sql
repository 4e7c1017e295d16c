-- The numeric part of the id of every movie with a rating and at least $min_votes votes (tt0000123 →
-- 123), for the ingest's line filter: the only movies a catalog built with that minimum can hold (both
-- presets join title.ratings). Ids are checked as tt + digits when title.basics is read; one too big
-- for an INTEGER reads as 2^30, which turns the filter off (ingest.ts, MAX_FILTER_ID).
SELECT least(CAST(substr(tconst, 3) AS BIGINT), 1073741824)::INTEGER AS id
FROM title_basics SEMI JOIN (SELECT tconst FROM title_ratings WHERE numVotes >= $min_votes) USING (tconst)
