-- The cast's raw characters lists, in the order people-lists.sql gives the cast ('' when none), as
-- blocks of chr(31)-joined values (db.joined splits them; the ingest strips control characters, so no
-- list holds one).
SELECT string_agg(coalesce(characters, ''), chr(31) ORDER BY idx, rank) AS characters
FROM movie_people
WHERE role = 'cast'
GROUP BY idx // 1024
ORDER BY idx // 1024;
