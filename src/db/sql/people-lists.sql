-- One row per catalog movie (in idx order) with its people ids per role, best billed first, and the
-- cast's raw characters in the same order; `known` (knownForTitles) is for pages, not the similarity.
SELECT c.idx,
       coalesce(list(m.pid ORDER BY m.rank) FILTER (WHERE m.role = 'director'), []) AS directors,
       coalesce(list(m.pid ORDER BY m.rank) FILTER (WHERE m.role = 'writer'), []) AS writers,
       coalesce(list(m.pid ORDER BY m.rank) FILTER (WHERE m.role = 'cast'), []) AS "cast",
       coalesce(list(coalesce(m.characters, '') ORDER BY m.rank) FILTER (WHERE m.role = 'cast'), []) AS characters,
       coalesce(list(m.pid ORDER BY m.rank) FILTER (WHERE m.role = 'known'), []) AS known
FROM catalog c
LEFT JOIN movie_people m ON m.idx = c.idx
GROUP BY c.idx
ORDER BY c.idx;
