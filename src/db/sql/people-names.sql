-- Every person of movie_people once, in pid order, with the name IMDb gives (or the nconst).
SELECT p.pid, p.nconst, coalesce(n.primaryName, p.nconst) AS name
FROM (SELECT DISTINCT pid, nconst FROM movie_people) p
LEFT JOIN name_basics n ON n.nconst = p.nconst
ORDER BY p.pid;
