-- The numeric part of the id of everyone credited on a movie (nm0000123 → 123), for the ingest's line
-- filter of name.basics. Names that are not nm + digits stay NULL and filter nothing.
SELECT DISTINCT TRY_CAST(substr(nconst, 3) AS BIGINT) AS id
FROM (
  SELECT nconst FROM title_principals
  UNION ALL SELECT unnest(string_split(directors, ',')) FROM title_crew
  UNION ALL SELECT unnest(string_split(writers, ',')) FROM title_crew
)
WHERE nconst LIKE 'nm%' AND TRY_CAST(substr(nconst, 3) AS BIGINT) IS NOT NULL
