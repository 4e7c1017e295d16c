-- One IMDb TSV.gz → one Parquet file. IMDb files have no quoting at all (a '"' is literal), '\N' is null.
-- Malformed rows (wrong field count, bad numbers) go to the rejects table with their line numbers; rows
-- that parse but break a range check are kept with their reason in _bad, which the table's view filters
-- out. Control characters are stripped from text columns.
-- strict_mode off: a bare '\r' inside a field splits the line into malformed rows instead of stopping
-- the parser; auto_detect off: the sniffer gives up on such files before reading a row.
-- Repeated keys are marked afterwards (ingest-dedupe.sql): a window over every row here would need the
-- whole table in memory and fails on the full files at the default memory limit.
COPY (
  SELECT {{keep}}, {{check}} AS _bad
  FROM read_csv({{path}},
    delim = '\t', quote = '', escape = '', nullstr = '\N', header = true,
    auto_detect = false, strict_mode = false,
    columns = {{columns}},
    max_line_size = 2097152,
    store_rejects = true, rejects_table = {{rejects}}, rejects_scan = {{rejectsScan}})
  {{where}}
) TO {{out}} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 262144);
