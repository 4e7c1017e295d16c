/**
 * Build step 1: every IMDb TSV.gz → a typed Parquet file in the cache folder, then a DuckDB view with the
 * table's name (bad rows filtered out). A table whose source file has the same content (its hash) is not
 * read again, unless `force`; a file that is read goes to DuckDB through a gzip feed (gzip-feed.ts) that
 * checks it to its trailer, since DuckDB reads a truncated file without a word.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { join } from 'node:path';
import type { Db } from '../db/database.ts';
import { sqlString } from '../db/database.ts';
import { ingestTable, type IngestResult, type RejectSample } from '../db/ingest.ts';
import { tableSpecs, type TableName, type TableSpec } from '../db/tables.ts';
import { KinemaError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import type { InputFile } from '../core/model-manifest.ts';
import { contentHash, verifyGzip } from './_gzip.ts';
import { openGzipFeed, type FeedStats, type GzipFeed } from './gzip-feed.ts';
import type { IdSet } from './id-line-filter.ts';
import { idSet, lineRule, type FilterIds } from './line-rules.ts';
import { writeAtomicSync } from '../io/atomic.ts';

/** Bump when ingest output changes shape, so old caches are rebuilt. */
const INGEST_VERSION = 5;
const REQUIRED: TableName[] = ['title.basics', 'title.ratings'];

export interface TableReport {
  name: TableName;
  rows: number;
  bad: number;
  samples: RejectSample[];
  cached: boolean;
  missing: boolean;
  /** Data lines in the file (all rows, before the row filter): the base of the bad-row share. */
  lines?: number;
}

export interface IngestReport {
  tables: TableReport[];
  inputs: InputFile[];
  /** INGEST_VERSION: which rows a table keeps, so row counts compare only between equal versions. */
  version: number;
}

/**
 * The order tables take a free lane in. title.basics and title.ratings first, side by side (every row
 * filter reads them); then the biggest file in one lane while the small ones and akas share the other,
 * so name.basics, which waits for principals and crew, starts while akas is still being read instead of
 * alone at the end.
 */
const PRIORITY: TableName[] = [
  'title.basics',
  'title.ratings',
  'title.principals',
  'title.crew',
  'title.akas',
  'name.basics',
];

/**
 * Ingests all six tables. Gzip decompression is single-threaded per file, so independent tables run in
 * `lanes` parallel DuckDB connections, each table as soon as the tables its row filter reads are done.
 */
export interface IngestOptions {
  /** Parallel DuckDB connections (default 2). */
  lanes?: number;
  /** Read every file again, whatever the cache holds. */
  force?: boolean;
  /**
   * Keep akas, crew, principals and names only of movies with at least this many votes (default 0: every
   * rated movie): no catalog of the build holds another. Their cache is for this minimum.
   */
  minVotes?: number;
}

export async function ingest(
  db: Db,
  dataDir: string,
  cacheDir: string,
  log: Logger,
  { lanes = 2, force = false, minVotes = 0 }: IngestOptions = {},
): Promise<IngestReport> {
  const tables = tableSpecs(minVotes);
  const connections = [db, ...(await Promise.all(Array.from({ length: lanes - 1 }, () => db.fork())))];
  const free = [...connections];
  const waiting: ((db: Db) => void)[] = [];
  const acquire = () => new Promise<Db>((take) => (free.length ? take(free.pop()!) : waiting.push(take)));
  const release = (c: Db) => (waiting.length ? waiting.shift()!(c) : free.push(c));
  const started = new Map<TableName, Promise<Ingested>>();
  let failed = false;
  const sets = new Map<string, Promise<IdSet | null>>();
  const context: ReadContext = {
    dir: cacheDir,
    // read once the tables they come from are in, by the first table that filters on them
    ids: (connection, what) => {
      let set = sets.get(what);
      if (!set) sets.set(what, (set = idSet(connection, what, minVotes)));
      return set;
    },
  };
  const start = (name: TableName): Promise<Ingested> => {
    let promise = started.get(name);
    if (!promise) {
      const spec = tables.find((t) => t.name === name)!;
      promise = Promise.all(spec.dependsOn.map(start)).then(async (deps) => {
        const connection = await acquire();
        try {
          if (failed) throw new Error(`${name}: not started, another table failed`);
          return await ingestOne(
            connection,
            spec,
            dataDir,
            context,
            deps.map((d) => d.key),
            log,
            force,
          );
        } finally {
          release(connection);
        }
      });
      started.set(name, promise);
    }
    return promise;
  };
  try {
    const results = await Promise.all(PRIORITY.map(start));
    const byName = new Map(results.map((r) => [r.report.name, r]));
    const ordered = tables.map((t) => byName.get(t.name)!);
    return {
      tables: ordered.map((r) => r.report),
      inputs: ordered.flatMap((r) => (r.input ? [r.input] : [])),
      version: INGEST_VERSION,
    };
  } catch (error) {
    // let the other lane finish its statement: closing a connection mid-query can hang DuckDB's close
    failed = true;
    await Promise.allSettled(started.values());
    throw error;
  } finally {
    for (const c of connections.slice(1)) c.close();
  }
}

interface Ingested {
  report: TableReport;
  input?: InputFile;
  /** Identifies this table's content: a dependent table's cache is valid only for the same keys. */
  key: string;
}

async function ingestOne(
  db: Db,
  spec: TableSpec,
  dataDir: string,
  context: ReadContext,
  dependencyKeys: string[],
  log: Logger,
  force: boolean,
): Promise<Ingested> {
  const path = join(dataDir, `${spec.name}.tsv.gz`);
  if (!existsSync(path)) {
    if (REQUIRED.includes(spec.name)) {
      throw new KinemaError('not-found', `${path} is missing`, 'run `kinema fetch`, or pass --data DIR');
    }
    log.warn(`${spec.name}.tsv.gz not found in ${dataDir}: building without it`);
    await db.exec(`CREATE OR REPLACE TABLE ${spec.table} AS SELECT ${emptyColumns(spec)} LIMIT 0`);
    return {
      report: { name: spec.name, rows: 0, bad: 0, samples: [], cached: false, missing: true },
      key: 'missing',
    };
  }
  const stat = statSync(path);
  if (!stat.isFile()) {
    throw new KinemaError('bad-input', `${path} is not a file`, 'put the IMDb .tsv.gz file there');
  }
  const input = { file: `${spec.name}.tsv.gz`, size: stat.size, mtime: stat.mtime.toISOString() };
  const parquet = join(context.dir, `${spec.table}.parquet`);
  const sidecar = `${parquet}.json`;
  const keyOf = (content: string) =>
    createHash('sha256')
      .update(
        JSON.stringify({
          version: INGEST_VERSION,
          content,
          where: spec.where,
          prefilter: spec.prefilter,
          keep: spec.keep,
          checks: spec.checks,
          key: spec.key,
          dependencyKeys,
        }),
      )
      .digest('hex')
      .slice(0, 16);
  const cached = !force && existsSync(parquet) && existsSync(sidecar) ? readSidecar(sidecar) : null;
  // the same file (size, mtime, inode) as the cache was made from is not read again to be hashed
  const source = { size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino };
  const known =
    cached?.source && sameSource(cached.source, source)
      ? cached.source.hash
      : cached
        ? await contentHash(path)
        : null;
  let report: TableReport;
  let key: string;
  if (cached && known && cached.key === keyOf(known)) {
    report = { ...cached.report, cached: true };
    key = cached.key;
  } else {
    const header = await readHeader(path);
    checkHeader(spec, header, path, log);
    const temp = `${parquet}.tmp`;
    rmSync(temp, { force: true });
    const { result, stats } = await readTable(db, spec, path, header, temp, context);
    key = keyOf(stats.hash);
    // the old sidecar goes first: a kill between the two writes leaves a table read again, never a
    // Parquet file under another content's key
    rmSync(sidecar, { force: true });
    renameSync(temp, parquet);
    report = { name: spec.name, ...result, cached: false, missing: false, lines: stats.lines - 1 };
    const entry: Sidecar = { key, source: { ...source, hash: stats.hash }, report };
    writeAtomicSync(sidecar, JSON.stringify(entry));
  }
  await db.exec(
    `CREATE OR REPLACE VIEW ${spec.table} AS
     SELECT * EXCLUDE (_bad) FROM read_parquet(${sqlString(parquet)}) WHERE _bad IS NULL`,
  );
  if (report.bad > 0) {
    const first = report.samples[0];
    const where = first?.line === null ? `row ${first.text.slice(0, 40)}` : `line ${first?.line}`;
    log.warn(
      `${spec.name}: skipped ${report.bad} malformed row(s)` +
        (first ? `, e.g. ${where}: ${first.error}` : ''),
    );
  }
  return { report, input, key };
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

/**
 * DuckDB parses the file from a gzip feed, which also checks the stream to its trailer and hashes it;
 * where named pipes cannot be made, DuckDB inflates the file itself beside a separate check and hash.
 * Both sides run to the end, so DuckDB's statement never outlives this step; a damaged file wins over
 * what DuckDB made of it.
 */
async function readTable(
  db: Db,
  spec: TableSpec,
  path: string,
  header: string[],
  temp: string,
  context: ReadContext,
): Promise<{ result: IngestResult; stats: FeedStats }> {
  const rule = await lineRule(db, spec, context.ids);
  let feed: GzipFeed | null;
  try {
    feed = await openGzipFeed(path, context.dir, spec.table, { rule });
  } catch (error) {
    damaged(path, error);
  }
  const [fed, read] = feed
    ? await Promise.allSettled([
        feed.done,
        ingestTable(db, spec, feed.path, header, temp).finally(() => feed.release()),
      ])
    : await Promise.allSettled([
        Promise.all([verifyGzip(path), contentHash(path)]).then(([stats, hash]) => ({ ...stats, hash })),
        ingestTable(db, spec, path, header, temp),
      ]);
  if (fed.status === 'rejected' || read.status === 'rejected') {
    rmSync(temp, { force: true });
    // the feed's write fails once DuckDB stops reading: that is DuckDB's error, not a damaged file
    if (fed.status === 'rejected' && !(read.status === 'rejected' && readerGone(fed.reason))) {
      damaged(path, fed.reason);
    }
    unreadable(path, (read as PromiseRejectedResult).reason);
  }
  const samples = read.value.samples.map((r) =>
    r.line === null || !feed ? r : { ...r, line: feed.inputLine(r.line) },
  );
  return { result: { ...read.value, samples }, stats: fed.value };
}

interface ReadContext {
  /** Where the Parquet files, and the feeds' named pipes, go. */
  dir: string;
  /** On the caller's connection: a connection runs one statement at a time. */
  ids: FilterIds;
}

function readerGone(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_PREMATURE_CLOSE';
}

interface Source {
  size: number;
  mtimeMs: number;
  ino: number;
}

interface Sidecar {
  key: string;
  source?: Source & { hash: string };
  report: TableReport;
}

function sameSource(a: Source, b: Source): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;
}

/** A gzip stream that ends early or fails its CRC: the file is damaged, whatever DuckDB made of it. */
function damaged(path: string, error: unknown): never {
  throw new KinemaError(
    'bad-input',
    `${path} is a damaged gzip file (${error instanceof Error ? error.message : String(error)}); nothing was built`,
    'download it again with `kinema fetch --force`',
    { cause: error },
  );
}

/** DuckDB stops on some input it cannot parse at all (an over-long line): one line naming the file. */
function unreadable(path: string, error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof KinemaError || !/^(Invalid Input|Conversion|Binder) Error/.test(message)) throw error;
  throw new KinemaError(
    'bad-input',
    `${path} cannot be read: ${message.split('\n')[0]}`,
    'is this an official IMDb file? re-download it with `kinema fetch --force`',
    { cause: error },
  );
}

function readSidecar(path: string): Sidecar | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Sidecar;
  } catch {
    return null;
  }
}

function emptyColumns(spec: TableSpec): string {
  const types = new Map(spec.columns);
  return spec.keep.map((c) => `NULL::${types.get(c)} AS "${c}"`).join(', ');
}
