-- Every person of movie_people once, with what name_basics says of them, in temp table people_names
-- (read by people-name-years.sql and people-name-strings.sql, in pid order). A person missing from
-- name_basics gets an empty name: pages and explanations leave them out, the build counts them.
-- The unit separator (chr(31)) joins the strings people-name-strings.sql reads, so none may hold one.
CREATE OR REPLACE TEMP TABLE people_names AS
SELECT p.pid, replace(p.nconst, chr(31), ' ') AS nconst,
       replace(coalesce(n.primaryName, ''), chr(31), ' ') AS name,
       coalesce(n.birthYear, 0)::INTEGER AS birthYear, coalesce(n.deathYear, 0)::INTEGER AS deathYear,
       replace(coalesce(n.primaryProfession, ''), chr(31), ' ') AS professions
FROM (SELECT DISTINCT pid, nconst FROM movie_people) p
LEFT JOIN name_basics n ON n.nconst = p.nconst;
