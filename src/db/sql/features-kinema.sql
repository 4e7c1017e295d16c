-- Raw kinema features, one row per catalog movie. The genres placeholder expands to one 0/1 column per IMDb genre.
-- A missing runtime takes the catalog's median, so it neither attracts nor repels.
CREATE OR REPLACE TABLE features_raw AS
SELECT idx,
       {{genres}},
       year::DOUBLE AS "year",
       coalesce(runtime, (SELECT median(runtime) FROM catalog WHERE runtime > 0), 90)::DOUBLE AS "runtime",
       bayes::DOUBLE AS "bayes",
       log10(1 + votes)::DOUBLE AS "logVotes"
FROM (SELECT *, string_split(coalesce(genres, ''), ',') AS genre_list FROM catalog);
