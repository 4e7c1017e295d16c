-- The cast's raw characters lists, in the order people-lists.sql gives the cast ('' when none).
SELECT coalesce(characters, '') AS characters
FROM movie_people
WHERE role = 'cast'
ORDER BY idx, rank;
