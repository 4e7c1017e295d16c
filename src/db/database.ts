/**
 * The only door to DuckDB. Its verbs: exec (statements), rows (small results as plain objects),
 * columns (bigger ones as one array per column), joined (big string columns, read as joined blocks),
 * matrix and ints (a numeric result streamed into one flat Float32Array or Int32Array) and close. SQL
 * lives in src/db/sql/*.sql.
 */
import { readFileSync } from 'node:fs';
import {
  DuckDBInstance,
  DuckDBFloatVector,
  DuckDBIntegerVector,
  type DuckDBConnection,
  type DuckDBValue,
} from '@duckdb/node-api';
import { KinemaError } from '../core/errors.ts';

export type SqlParams = Record<string, DuckDBValue>;

export interface Db {
  exec(sql: string, params?: SqlParams): Promise<void>;
  /** Small results only: every row as a plain object (BIGINT and DECIMAL become numbers). */
  rows<T = Record<string, unknown>>(sql: string, params?: SqlParams): Promise<T[]>;
  /** A bigger result as one array per column (BIGINT and DECIMAL become numbers): no object per row. */
  columns<T extends object>(sql: string, params?: SqlParams): Promise<{ [K in keyof T]: T[K][] }>;
  /**
   * Big string columns, one array per column, from a result whose rows are blocks: each column a
   * JOIN_SEPARATOR-joined list of values (string_agg in the SQL, blocks in order, no NULL values and
   * no separator in them). DuckDB's API makes a native call per string it reads; per block, one.
   */
  joined<T extends object>(sql: string, params?: SqlParams): Promise<{ [K in keyof T]: string[] }>;
  /** Streams a result of FLOAT columns, row-major, into one Float32Array of rows×columns. */
  matrix(sql: string, params?: SqlParams): Promise<{ data: Float32Array; rows: number; columns: number }>;
  /** The same for INTEGER columns (a null is 0): big id lists without an object per row. */
  ints(sql: string, params?: SqlParams): Promise<{ data: Int32Array; rows: number; columns: number }>;
  /** Another connection to the same database, for running independent statements in parallel. */
  fork(): Promise<Db>;
  close(): void;
}

/** What joins the values of a block for `joined`: chr(31), the ASCII unit separator. */
export const JOIN_SEPARATOR = '\x1f';

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
    columns: async <T extends object>(sql: string, params?: SqlParams) => {
      const reader = await connection.runAndReadAll(sql, params).catch(ioError);
      const columns = reader.getColumnsObjectJS();
      for (const values of Object.values(columns)) {
        for (let i = 0; i < values.length; i++) {
          if (typeof values[i] === 'bigint') values[i] = Number(values[i]);
        }
      }
      return columns as { [K in keyof T]: T[K][] };
    },
    joined: async <T extends object>(sql: string, params?: SqlParams) => {
      const reader = await connection.runAndReadAll(sql, params).catch(ioError);
      const out: Record<string, string[]> = {};
      for (const [name, blocks] of Object.entries(reader.getColumnsObjectJS())) {
        out[name] = blocks.length ? (blocks as string[]).join(JOIN_SEPARATOR).split(JOIN_SEPARATOR) : [];
      }
      return out as { [K in keyof T]: string[] };
    },
    matrix: (sql, params) => readMatrix(connection, sql, params, FLOATS).catch(ioError),
    ints: (sql, params) => readMatrix(connection, sql, params, INTS).catch(ioError),
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

interface MatrixType<A extends Float32Array | Int32Array> {
  name: string;
  make(length: number): A;
  vector: typeof DuckDBFloatVector | typeof DuckDBIntegerVector;
  missing: number;
}

const FLOATS: MatrixType<Float32Array> = {
  name: 'FLOAT',
  make: (n) => new Float32Array(n),
  vector: DuckDBFloatVector,
  missing: Number.NaN,
};
const INTS: MatrixType<Int32Array> = {
  name: 'INTEGER',
  make: (n) => new Int32Array(n),
  vector: DuckDBIntegerVector,
  missing: 0,
};

async function readMatrix<A extends Float32Array | Int32Array>(
  connection: DuckDBConnection,
  sql: string,
  params: SqlParams | undefined,
  type: MatrixType<A>,
): Promise<{ data: A; rows: number; columns: number }> {
  const result = await connection.stream(sql, params);
  const columns = result.columnCount;
  let data = type.make(columns * 65536);
  let rows = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const count = chunk.rowCount;
    if ((rows + count) * columns > data.length) {
      const bigger = type.make(Math.max(data.length * 2, (rows + count) * columns));
      bigger.set(data);
      data = bigger;
    }
    for (let j = 0; j < columns; j++) {
      const vector = chunk.getColumnVector(j);
      if (!(vector instanceof type.vector)) {
        throw new TypeError(`column ${result.columnName(j)} must be ${type.name}, got ${vector.type}`);
      }
      for (let i = 0; i < count; i++) data[(rows + i) * columns + j] = vector.getItem(i) ?? type.missing;
    }
    rows += count;
  }
  return { data: data.slice(0, rows * columns) as A, rows, columns };
}

function plain(row: Record<string, unknown>): Record<string, unknown> {
  for (const key of Object.keys(row)) {
    const v = row[key];
    if (typeof v === 'bigint') row[key] = Number(v);
  }
  return row;
}
