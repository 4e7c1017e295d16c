-- The search keys in idx then aka order, as blocks of chr(31)-joined values (db.joined splits them;
-- the ingest strips control characters, so no title holds one).
SELECT string_agg(title, chr(31) ORDER BY idx, ordering) AS title
FROM search_keys
GROUP BY idx // 1024
ORDER BY idx // 1024;
