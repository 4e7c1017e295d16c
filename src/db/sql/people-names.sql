-- Every person of movie_people once, in pid order, with what name_basics says of them. A person missing
-- from name_basics gets an empty name: pages and explanations leave them out, the build counts them.
SELECT p.pid, p.nconst, coalesce(n.primaryName, '') AS name,
       coalesce(n.birthYear, 0)::INTEGER AS birthYear, coalesce(n.deathYear, 0)::INTEGER AS deathYear,
       coalesce(n.primaryProfession, '') AS professions
FROM (SELECT DISTINCT pid, nconst FROM movie_people) p
LEFT JOIN name_basics n ON n.nconst = p.nconst
ORDER BY p.pid;
