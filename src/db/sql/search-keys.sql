-- Search keys of the catalog's movies: their akas (ingest keeps the US and English ones), so "seven"
-- finds Se7en and "la guerra de las estrellas" finds Star Wars. Working titles and fake working titles
-- are left out: "shirt" must not find Power Rangers. Keys are never display titles (catalog-kinema.sql).
-- Kept in temp table search_keys for the two reads of search-key-counts.sql and search-key-titles.sql.
CREATE OR REPLACE TEMP TABLE search_keys AS
SELECT c.idx, a.ordering, a.title
FROM catalog c
JOIN title_akas a ON a.titleId = c.tconst
WHERE a.title IS NOT NULL
  AND a.title <> ''
  AND coalesce(a.types, '') NOT LIKE '%working%'
  AND coalesce(a.attributes, '') NOT LIKE '%working%'
  AND coalesce(a.attributes, '') NOT LIKE '%fake%';
