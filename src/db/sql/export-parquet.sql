-- `kinema export --format parquet`: the export's rows (newline-delimited JSON written by
-- src/pipeline/export.ts), typed, in the same columns and order as the CSV and JSON exports.
COPY (
  SELECT id, title, year, genres, rating, votes, cluster, distance
  FROM read_json({{rows}}, format = 'newline_delimited', columns = {
    id: 'VARCHAR', title: 'VARCHAR', year: 'INTEGER', genres: 'VARCHAR[]', rating: 'DOUBLE',
    votes: 'INTEGER', cluster: 'INTEGER', distance: 'DOUBLE'
  })
) TO {{out}} (FORMAT parquet, COMPRESSION zstd);
