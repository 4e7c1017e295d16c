/** Runs src/db/sql/ingest.sql for one table and reads back what DuckDB rejected. */
import type { Db } from './database.ts';
import { loadSql, sqlString } from './database.ts';
import type { TableSpec } from './tables.ts';

export interface RejectSample {
  line: number;
  column: string | null;
  error: string;
  text: string;
}

export interface IngestResult {
  rows: number;
  bad: number;
  samples: RejectSample[];
}

/**
 * Reads `path` (a TSV.gz with `header` as its columns) into Parquet at `out`.
 * Extra trailing columns the spec does not know are read as VARCHAR and dropped.
 */
export async function ingestTable(
  db: Db,
  spec: TableSpec,
  path: string,
  header: string[],
  out: string,
): Promise<IngestResult> {
  const known = new Map(spec.columns);
  const columns = header.map((name): [string, string] => [name, known.get(name) ?? 'VARCHAR']);
  const struct = `{${columns.map(([n, t]) => `${sqlString(n)}: ${sqlString(t)}`).join(', ')}}`;
  const rejects = `rejects_${spec.table}`;
  const sql = loadSql('ingest')
    .replace('{{keep}}', spec.keep.map((c) => `"${c}"`).join(', '))
    .replace('{{path}}', sqlString(path))
    .replace('{{columns}}', struct)
    .replace('{{rejects}}', sqlString(rejects))
    .replace('{{rejectsScan}}', sqlString(`${rejects}_scan`))
    .replace('{{where}}', spec.where ? `WHERE ${spec.where}` : '')
    .replace('{{out}}', sqlString(out));
  await db.exec(sql);
  const [count] = await db.rows<{ n: number }>(`SELECT count(*) AS n FROM read_parquet(${sqlString(out)})`);
  const [bad] = await db.rows<{ n: number }>(`SELECT count(DISTINCT line) AS n FROM ${rejects}`);
  const samples = await db.rows<RejectSample>(
    `SELECT line, column_name AS "column", error_type || ': ' || error_message AS error, left(csv_line, 200) AS text
     FROM ${rejects} ORDER BY line LIMIT 5`,
  );
  await db.exec(`DROP TABLE IF EXISTS ${rejects}; DROP TABLE IF EXISTS ${rejects}_scan`);
  return { rows: count?.n ?? 0, bad: bad?.n ?? 0, samples };
}
