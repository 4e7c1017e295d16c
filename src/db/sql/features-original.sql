-- The 2020 features as written:
--   genreCode  each genre mapped to an integer code (1-based position in $genres), the codes concatenated
--   ratingAdj  the rating discounted by vote count: ×0.1 under 10 votes, ×0.3 under 100, ×0.5 under 500,
--              ×0.7 under 1000
--   titleCode  the title's first 9 characters as concatenated ord() codes, read as a number
--   year
CREATE OR REPLACE TABLE features_raw AS
SELECT idx,
       coalesce(TRY_CAST(nullif(array_to_string(
         list_transform(list_filter(string_split(coalesce(genres, ''), ','), g -> list_position($genres, g) IS NOT NULL),
                        g -> CAST(list_position($genres, g) AS VARCHAR)), ''), '') AS DOUBLE), 0) AS "genreCode",
       rating * CASE WHEN votes < 10 THEN 0.1 WHEN votes < 100 THEN 0.3 WHEN votes < 500 THEN 0.5
                     WHEN votes < 1000 THEN 0.7 ELSE 1 END AS "ratingAdj",
       coalesce(TRY_CAST(nullif(array_to_string(
         list_transform(range(1, least(length(title), 9) + 1), i -> CAST(unicode(substr(title, i, 1)) AS VARCHAR)), ''), '') AS DOUBLE), 0) AS "titleCode",
       year::DOUBLE AS "year"
FROM catalog;
