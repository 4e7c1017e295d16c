-- Every person of movie_people once, with what name_basics says of them, in temp table people_names
-- (read by people-name-years.sql and people-name-strings.sql, in pid order). A person missing from
-- name_basics gets an empty name: pages and explanations leave them out, the build counts them.
-- No text holds the unit separator that people-name-strings.sql joins with: the ingest strips control
-- characters.
CREATE OR REPLACE TEMP TABLE people_names AS
SELECT p.pid, p.nconst, coalesce(n.primaryName, '') AS name,
       coalesce(n.birthYear, 0)::INTEGER AS birthYear, coalesce(n.deathYear, 0)::INTEGER AS deathYear,
       coalesce(n.primaryProfession, '') AS professions
FROM (SELECT DISTINCT pid, nconst FROM movie_people) p
LEFT JOIN name_basics n ON n.nconst = p.nconst;
