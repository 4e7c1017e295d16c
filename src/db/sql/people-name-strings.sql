-- The ids, names and professions of people_names in pid order, as blocks of chr(31)-joined values
-- (db.joined splits them): a few hundred strings to read instead of a million and a half.
SELECT string_agg(nconst, chr(31) ORDER BY pid) AS nconst,
       string_agg(name, chr(31) ORDER BY pid) AS name,
       string_agg(professions, chr(31) ORDER BY pid) AS professions
FROM people_names
GROUP BY pid // 4096
ORDER BY pid // 4096;
