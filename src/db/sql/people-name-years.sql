-- pid, birth and death year of every person of people_names (0 = unknown), in pid order.
SELECT pid, birthYear, deathYear FROM people_names ORDER BY pid;
