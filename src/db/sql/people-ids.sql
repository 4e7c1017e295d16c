-- The numeric part of the id of everyone credited on a movie (nm0000123 → 123), for the ingest's line
-- filter of name.basics. Names that are not nm + digits stay NULL and filter nothing. An id too big for
-- an INTEGER reads as 2^30, which turns the filter off (ingest.ts, MAX_FILTER_ID).
SELECT DISTINCT least(TRY_CAST(substr(nconst, 3) AS BIGINT), 1073741824)::INTEGER AS id
FROM (
  SELECT nconst FROM title_principals
  UNION ALL SELECT unnest(string_split(directors, ',')) FROM title_crew
  UNION ALL SELECT unnest(string_split(writers, ',')) FROM title_crew
)
WHERE nconst LIKE 'nm%' AND TRY_CAST(substr(nconst, 3) AS BIGINT) IS NOT NULL
