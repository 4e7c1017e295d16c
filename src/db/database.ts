/**
 * The only door to DuckDB. Four verbs: exec (statements), rows (small results as plain objects),
 * matrix (a numeric result streamed into one flat Float32Array) and close. SQL lives in src/db/sql/*.sql.
 */
import { readFileSync } from 'node:fs';
import { DuckDBInstance, DuckDBFloatVector, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { KinemaError } from '../core/errors.ts';

export type SqlParams = Record<string, DuckDBValue>;

export interface Db {
  exec(sql: string, params?: SqlParams): Promise<void>;
  /** Small results only: every row as a plain object (BIGINT and DECIMAL become numbers). */
  rows<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  /** Streams a result of FLOAT columns, row-major, into one Float32Array of rows×columns. */
  matrix(sql: string, params?: SqlParams): Promise<{ data: Float32Array; rows: number; columns: number }>;
  /** Another connection to the same database, for running independent statements in parallel. */
  fork(): Promise<Db>;
  close(): void;
}

export interface DbOptions {
  /** A database file, or ':memory:' (default). */
  path?: string;
  /** DuckDB memory cap, e.g. '2GB'; bigger-than-memory work spills to tempDir. */
  memoryLimit?: string;
  tempDir?: string;
  threads?: number;
}

export async function openDatabase(options: DbOptions = {}): Promise<Db> {
  const config: Record<string, string> = {};
  if (options.memoryLimit) config['memory_limit'] = options.memoryLimit;
  if (options.tempDir) config['temp_directory'] = options.tempDir;
  if (options.threads) config['threads'] = String(options.threads);
  // insertion order is not needed for our queries; dropping it lets DuckDB stream with less memory
  config['preserve_insertion_order'] = 'false';
  const instance = await DuckDBInstance.create(options.path ?? ':memory:', config);
  const db = wrap(instance, await instance.connect());
  return {
    ...db,
    close: () => {
      db.close();
      instance.closeSync();
    },
  };
}

function wrap(instance: DuckDBInstance, connection: DuckDBConnection): Db {
  return {
    exec: async (sql, params) => {
      await connection.run(sql, params).catch(ioError);
    },
    rows: async <T>(sql: string, params?: SqlParams) => {
      const reader = await connection.runAndReadAll(sql, params).catch(ioError);
      return reader.getRowObjectsJS().map(plain) as T[];
    },
    matrix: (sql, params) => readMatrix(connection, sql, params).catch(ioError),
    fork: async () => wrap(instance, await instance.connect()),
    close: () => connection.closeSync(),
  };
}

const SQL_DIR = new URL('./sql/', import.meta.url);

/** The text of src/db/sql/<name>.sql. */
export function loadSql(name: string): string {
  return readFileSync(new URL(`${name}.sql`, SQL_DIR), 'utf8');
}

/** Quotes a string as a SQL literal (for file paths in read_csv/COPY, which cannot take parameters). */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

// --- internal ---

/**
 * DuckDB reports a failed file operation (disk full, file too large, read-only folder) as "IO Error: …",
 * naming the file, and a memory limit too low as "Out of Memory Error: …": that is the user's
 * environment, not a bug, so it becomes a KinemaError saying what to try.
 */
function ioError(error: unknown): never {
  const message = error instanceof Error ? error.message : String(error);
  if (message.startsWith('Out of Memory Error:')) {
    throw new KinemaError(
      'io',
      `DuckDB ran out of memory: ${message.slice('Out of Memory Error:'.length).trim().split('\n')[0]}`,
      'raise the limit with --memory (e.g. --memory 2GB) if the machine has that much free, or free memory by closing other programs; --threads 1 needs less',
      { cause: error },
    );
  }
  if (message.startsWith('IO Error:')) {
    throw new KinemaError(
      'io',
      message.slice('IO Error:'.length).trim(),
      'check the path, its permissions and free disk space',
      {
        cause: error,
      },
    );
  }
  throw error;
}

async function readMatrix(connection: DuckDBConnection, sql: string, params?: SqlParams) {
  const result = await connection.stream(sql, params);
  const columns = result.columnCount;
  let data = new Float32Array(columns * 65536);
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const count = chunk.rowCount;
    if ((rows + count) * columns > data.length) {
      const bigger = new Float32Array(Math.max(data.length * 2, (rows + count) * columns));
      bigger.set(data);
      data = bigger;
    }
    for (let j = 0; j < columns; j++) {
      const vector = chunk.getColumnVector(j);
      if (!(vector instanceof DuckDBFloatVector)) {
        throw new TypeError(`matrix(): column ${result.columnName(j)} must be FLOAT, got ${vector.type}`);
      }
      for (let i = 0; i < count; i++) data[(rows + i) * columns + j] = vector.getItem(i) ?? Number.NaN;
    }
    rows += count;
  }
  return { data: data.slice(0, rows * columns), rows, columns };
}

function plain(row: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(row)) {
    const v = row[key];
    if (typeof v === 'bigint') row[key] = Number(v);
  }
  return row;
}
