-- The catalog's string columns in idx order, as blocks of chr(31)-joined values (db.joined splits them;
-- the ingest strips control characters, so no text holds one). A movie without a title shows its
-- original title, or else its id; '' stands for no original title and no genres.
SELECT string_agg(tconst, chr(31) ORDER BY idx) AS id,
       string_agg(coalesce(title, originalTitle, tconst), chr(31) ORDER BY idx) AS title,
       string_agg(coalesce(originalTitle, ''), chr(31) ORDER BY idx) AS originalTitle,
       string_agg(coalesce(genres, ''), chr(31) ORDER BY idx) AS genres
FROM catalog
GROUP BY idx // 4096
ORDER BY idx // 4096;
