-- MovieLens links.csv → movieId and the IMDb tconst: 'tt' + imdbId left-padded to at least 7 digits.
-- Rows DuckDB cannot parse go to the rejects table (with their line); a movieId or imdbId that is not a
-- whole number is kept here as NULL and counted as bad by the caller.
CREATE OR REPLACE TEMP TABLE ml_links AS
SELECT TRY_CAST(movieId AS INTEGER) AS movieId,
       CASE WHEN regexp_full_match(imdbId, '[0-9]{1,9}') THEN 'tt' || lpad(ltrim(imdbId, '0'), 7, '0') END AS tconst,
       movieId AS movieIdText,
       imdbId AS imdbIdText
FROM read_csv({{path}},
  delim = ',', quote = '"', escape = '"', header = true,
  columns = {'movieId': 'VARCHAR', 'imdbId': 'VARCHAR', 'tmdbId': 'VARCHAR'},
  store_rejects = true, rejects_table = 'rejects_ml_links', rejects_scan = 'rejects_ml_links_scan');
