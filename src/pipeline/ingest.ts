/**
 * Build step 1: every IMDb TSV.gz → a typed Parquet file in the cache folder, then a DuckDB view with the
 * table's name. A table whose source file is unchanged (size and mtime) is not read again.
 */
import {
  createReadStream,
  existsSync,
  statSync,
  readFileSync,
  writeFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createGunzip } from 'node:zlib';
import { join } from 'node:path';
import type { Db } from '../db/database.ts';
import { sqlString } from '../db/database.ts';
import { ingestTable, type RejectSample } from '../db/ingest.ts';
import { TABLES, type TableName, type TableSpec } from '../db/tables.ts';
import { KinemaError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import type { InputFile } from '../core/model.ts';

/** Bump when ingest output changes shape, so old caches are rebuilt. */
const INGEST_VERSION = 1;
const REQUIRED: TableName[] = ['title.basics', 'title.ratings'];

export interface TableReport {
  name: TableName;
  rows: number;
  bad: number;
  samples: RejectSample[];
  cached: boolean;
  missing: boolean;
}

export interface IngestReport {
  tables: TableReport[];
  inputs: InputFile[];
}

export async function ingest(db: Db, dataDir: string, cacheDir: string, log: Logger): Promise<IngestReport> {
  const tables: TableReport[] = [];
  const inputs: InputFile[] = [];
  for (const spec of TABLES) {
    const path = join(dataDir, `${spec.name}.tsv.gz`);
    if (!existsSync(path)) {
      if (REQUIRED.includes(spec.name)) {
        throw new KinemaError('not-found', `${path} is missing`, 'run `kinema fetch`, or pass --data DIR');
      }
      log.warn(`${spec.name}.tsv.gz not found in ${dataDir}: building without it`);
      await db.exec(`CREATE OR REPLACE TABLE ${spec.table} AS SELECT ${emptyColumns(spec)} LIMIT 0`);
      tables.push({ name: spec.name, rows: 0, bad: 0, samples: [], cached: false, missing: true });
      continue;
    }
    const stat = statSync(path);
    const input = { file: `${spec.name}.tsv.gz`, size: stat.size, mtime: stat.mtime.toISOString() };
    inputs.push(input);
    const parquet = join(cacheDir, `${spec.table}.parquet`);
    const sidecar = `${parquet}.json`;
    const key = JSON.stringify({ version: INGEST_VERSION, ...input });
    let report: TableReport;
    const cached = existsSync(parquet) && existsSync(sidecar) ? readSidecar(sidecar) : null;
    if (cached && cached.key === key) {
      report = { ...cached.report, cached: true };
    } else {
      const header = await readHeader(path);
      checkHeader(spec, header, path, log);
      const temp = `${parquet}.tmp`;
      rmSync(temp, { force: true });
      const result = await ingestTable(db, spec, path, header, temp);
      renameSync(temp, parquet);
      report = { name: spec.name, ...result, cached: false, missing: false };
      writeFileSync(sidecar, JSON.stringify({ key, report }));
    }
    await db.exec(
      `CREATE OR REPLACE VIEW ${spec.table} AS SELECT * FROM read_parquet(${sqlString(parquet)})`,
    );
    if (report.bad > 0) {
      const first = report.samples[0];
      log.warn(
        `${spec.name}: skipped ${report.bad} malformed row(s)` +
          (first ? `, e.g. line ${first.line}: ${first.error}` : ''),
      );
    }
    tables.push(report);
  }
  return { tables, inputs };
}

/** First line of a gzip file, split on tabs. */
export async function readHeader(path: string): Promise<string[]> {
  const stream = createReadStream(path).pipe(createGunzip());
  let text = '';
  try {
    for await (const chunk of stream) {
      text += (chunk as Buffer).toString('utf8');
      const end = text.indexOf('\n');
      if (end >= 0) {
        text = text.slice(0, end);
        break;
      }
      if (text.length > 65536) break;
    }
  } catch (error) {
    throw new KinemaError(
      'bad-input',
      `${path} is not a readable gzip file`,
      'download it again with `kinema fetch --force`',
      {
        cause: error,
      },
    );
  } finally {
    stream.destroy();
  }
  return text.replace(/\r$/, '').split('\t');
}

export function checkHeader(spec: TableSpec, found: string[], path: string, log: Logger): void {
  const expected = spec.columns.map(([name]) => name);
  const prefix = found.slice(0, expected.length);
  if (prefix.length !== expected.length || prefix.some((name, i) => name !== expected[i])) {
    throw new KinemaError(
      'bad-input',
      `${path}: unknown column layout\n  expected: ${expected.join(' ')}\n  found:    ${found.join(' ')}`,
      'is this an official IMDb file? re-download it with `kinema fetch --force`',
    );
  }
  if (found.length > expected.length) {
    log.warn(`${path}: ignoring new column(s) at the end: ${found.slice(expected.length).join(', ')}`);
  }
}

// --- internal ---

function readSidecar(path: string): { key: string; report: TableReport } | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as { key: string; report: TableReport };
  } catch {
    return null;
  }
}

function emptyColumns(spec: TableSpec): string {
  const types = new Map(spec.columns);
  return spec.keep.map((c) => `NULL::${types.get(c)} AS "${c}"`).join(', ');
}
