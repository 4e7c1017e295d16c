-- Every (movie, role, person) of movie_people as integers, grouped by role (0 director, 1 writer,
-- 2 cast, 3 known) and then movie (catalog idx), best billed first: the CSR lists of each role.
SELECT CASE role WHEN 'director' THEN 0 WHEN 'writer' THEN 1 WHEN 'cast' THEN 2 ELSE 3 END AS role,
       idx, pid
FROM movie_people
ORDER BY 1, idx, rank;
