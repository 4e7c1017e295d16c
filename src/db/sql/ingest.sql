-- One IMDb TSV.gz → one Parquet file. IMDb files have no quoting at all (a '"' is literal), '\N' is null.
-- Malformed rows (wrong field count, bad numbers) go to the rejects table with their line numbers.
COPY (
  SELECT {{keep}}
  FROM read_csv({{path}},
    delim = '\t', quote = '', escape = '', nullstr = '\N', header = true,
    columns = {{columns}},
    max_line_size = 2097152,
    store_rejects = true, rejects_table = {{rejects}}, rejects_scan = {{rejectsScan}})
  {{where}}
) TO {{out}} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 262144);
