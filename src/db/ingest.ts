/** Runs src/db/sql/ingest.sql for one table and reads back what DuckDB rejected and what failed a check. */
import { renameSync, rmSync } from 'node:fs';
import type { Db } from './database.ts';
import { loadSql, sqlString } from './database.ts';
import type { TableSpec } from './tables.ts';

export interface RejectSample {
  /** Line in the file; null for a row that parsed but failed a range check or repeated a key. */
  line: number | null;
  column: string | null;
  error: string;
  text: string;
}

export interface IngestResult {
  rows: number;
  bad: number;
  samples: RejectSample[];
}

/** Control characters (NUL, \r, ...) never reach JSON, HTML or SVG: they are dropped from text. */
const CONTROL = String.raw`'[\x00-\x1f\x7f]'`;

/**
 * Reads `path` (a TSV.gz with `header` as its columns) into Parquet at `out`, bad rows marked in `_bad`.
 * Extra trailing columns the spec does not know are read as VARCHAR under their own names and dropped.
 */
export async function ingestTable(
  db: Db,
  spec: TableSpec,
  path: string,
  header: string[],
  out: string,
): Promise<IngestResult> {
  const stage = `${out}.stage`;
  const rejects = rejectsTable(spec);
  const sql = ingestSql(spec, path, header, stage);
  try {
    await db.exec(sql);
    await markDuplicates(db, spec, stage, out);
  } finally {
    rmSync(stage, { force: true });
  }
  const parquet = `read_parquet(${sqlString(out)})`;
  const [count] = await db.rows<{ good: number; checked: number }>(
    `SELECT count(*) FILTER (WHERE _bad IS NULL) AS good, count(*) FILTER (WHERE _bad IS NOT NULL) AS checked FROM ${parquet}`,
  );
  const [bad] = await db.rows<{ n: number }>(`SELECT count(DISTINCT line) AS n FROM ${rejects}`);
  const samples = await db.rows<RejectSample>(
    `(SELECT line, column_name AS "column", error_type || ': ' || error_message AS error, left(csv_line, 200) AS text
      FROM ${rejects} ORDER BY line LIMIT 5)
     UNION ALL
     (SELECT NULL AS line, NULL AS "column", _bad AS error, left(concat_ws(' ', ${spec.keep.map((c) => `"${c}"`).join(', ')}), 200) AS text
      FROM ${parquet} WHERE _bad IS NOT NULL ORDER BY ALL LIMIT 5)`,
  );
  await db.exec(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`);
  return {
    rows: count?.good ?? 0,
    bad: (bad?.n ?? 0) + (count?.checked ?? 0),
    samples: samples.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity)).slice(0, 5),
  };
}

/**
 * The COPY statement that reads one file into Parquet at `out` (src/db/sql/ingest.sql), its rejects in
 * rejectsTable(spec): exported so the build benchmark runs exactly this SQL in DuckDB alone.
 */
export function ingestSql(spec: TableSpec, path: string, header: string[], out: string): string {
  const known = new Map(spec.columns);
  // a header may repeat a name among its extra columns; DuckDB needs each name once
  const columns = header.map((name, i): [string, string] =>
    i < spec.columns.length ? [name, known.get(name) ?? 'VARCHAR'] : [`_extra${i}`, 'VARCHAR'],
  );
  const struct = `{${columns.map(([n, t]) => `${sqlString(n)}: ${sqlString(t)}`).join(', ')}}`;
  const keep = spec.keep.map((c) =>
    known.get(c) === 'VARCHAR' ? `regexp_replace("${c}", ${CONTROL}, '', 'g') AS "${c}"` : `"${c}"`,
  );
  const check = spec.checks.length
    ? `CASE ${spec.checks.map(([ok, why]) => `WHEN NOT coalesce(${ok}, false) THEN ${sqlString(why)}`).join(' ')} END`
    : 'NULL::VARCHAR';
  const rejects = rejectsTable(spec);
  return loadSql('ingest')
    .replace('{{keep}}', keep.join(', '))
    .replace('{{check}}', check)
    .replace('{{path}}', sqlString(path))
    .replace('{{columns}}', struct)
    .replace('{{rejects}}', sqlString(rejects))
    .replace('{{rejectsScan}}', sqlString(`${rejects}_scan`))
    .replace('{{where}}', spec.where ? `WHERE ${spec.where}` : '')
    .replace('{{out}}', sqlString(out));
}

function rejectsTable(spec: TableSpec): string {
  return `rejects_${spec.table}`;
}

/** Moves the staged Parquet to `out`, rewritten with repeated keys marked when there are any. */
async function markDuplicates(db: Db, spec: TableSpec, stage: string, out: string): Promise<void> {
  const key = spec.key.map((c) => `"${c}"`).join(', ');
  const [dups] = await db.rows<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT ${key} FROM read_parquet(${sqlString(stage)}) WHERE _bad IS NULL GROUP BY ALL HAVING count(*) > 1)`,
  );
  if (!dups?.n) {
    renameSync(stage, out);
    return;
  }
  await db.exec(
    loadSql('ingest-dedupe')
      .replace('{{stage}}', sqlString(stage))
      .replaceAll('{{key}}', key)
      .replace('{{order}}', spec.keep.map((c) => `"${c}"`).join(', '))
      .replace('{{keyText}}', spec.key.map((c) => `"${c}"::VARCHAR`).join(` || ' ' || `))
      .replace('{{out}}', sqlString(out)),
  );
}

/**
 * The numeric ids (tt0000123 → 123) of the movies in title_basics rated with at least `minVotes` votes,
 * or of the people credited in title_principals and title_crew, for a line filter before DuckDB.
 */
export async function filterIds(db: Db, what: 'movies' | 'people', minVotes = 0): Promise<Int32Array> {
  // millions of ids: read as one typed array, not an object per row
  const read =
    what === 'movies'
      ? db.ints(loadSql('movie-ids'), { min_votes: minVotes })
      : db.ints(loadSql('people-ids'));
  return (await read).data;
}
