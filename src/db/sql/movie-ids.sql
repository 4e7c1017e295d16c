-- The numeric part of every movie's id (tt0000123 → 123), for the ingest's line filter. Ids are
-- checked as tt + digits when title.basics is read; a 12-digit one overflows nothing in a BIGINT.
SELECT CAST(substr(tconst, 3) AS BIGINT) AS id FROM title_basics
