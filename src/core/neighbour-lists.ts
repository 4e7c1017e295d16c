/**
 * The precomputed "more like this" lists as serving reads them: a row at a time. neighbours.bin holds,
 * per movie, its n neighbour rows (Int32, best first, -1 padded) and then their n scores (Float32), so a
 * row is one contiguous read. In memory when the build or a test has the arrays; otherwise read from
 * the open file on demand (one page-cache read of n×8 bytes per request), because at full scale the
 * lists are 280 MB, more than half the model, and a request needs one row. From S3 a read is a network
 * round trip, so those lists (remote-neighbours.ts) fetch a request's rows before it runs.
 */
import { KinemaError } from './errors.ts';
import { view } from './columns.ts';

export interface NeighbourRow {
  /** Movie rows, best first, -1 padded. */
  index: Int32Array;
  score: Float32Array;
}

export interface Neighbours {
  /** Neighbours kept per movie. */
  n: number;
  row(movie: number): NeighbourRow;
  /**
   * Lists read over the network only: reads these movies' rows so that row() can answer them (row() of
   * a row not fetched throws). Call it before the synchronous recommender; local lists have none.
   */
  prefetch?(movies: Iterable<number>): Promise<void>;
}

/** A model file opened for reads at any offset (the runtime's effect; synchronous, page-cache fast). */
export interface RangeFile {
  size: number;
  read(offset: number, length: number): Uint8Array;
}

/** Opens one file of the model folder; resolves null when it does not exist. */
export type OpenModelFile = (name: string) => Promise<RangeFile | null>;

/** A model file read at offsets over the network (S3 ranged GETs). */
export interface RemoteFile {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * Reads are cheap and run in parallel (part objects, a local file): a whole file reads fastest in
   * chunks at once. Absent: one whole-object GET beats many ranges of it.
   */
  parallel?: boolean;
  /** read(), written into `into` (its length is the range's) instead of a new array: no second copy. */
  readInto?(offset: number, into: Uint8Array): Promise<void>;
  /**
   * The store guarantees the bytes are the ones written under this name, for good (S3: a model's
   * prefix is its content id, uploaded whole before the stack points at it, and every upload is
   * checksummed): a load checks the size, not a sampled hash (64 GETs a big file at a cold start).
   */
  immutable?: boolean;
}

/** Opens one remote file of the model; resolves null when it does not exist. */
export type OpenRemoteModelFile = (name: string) => Promise<RemoteFile | null>;

export function neighboursInMemory(n: number, index: Int32Array, score: Float32Array): Neighbours {
  return {
    n,
    row: (m) => ({ index: index.subarray(m * n, (m + 1) * n), score: score.subarray(m * n, (m + 1) * n) }),
  };
}

export const NEIGHBOURS_FILE = 'neighbours.bin';

/** The file's bytes: per movie, n Int32 rows then n Float32 scores, little-endian. */
export function encodeNeighbours(n: number, index: Int32Array, score: Float32Array): Uint8Array {
  const movies = index.length / n;
  const out = new Uint8Array(movies * n * 8);
  const data = new DataView(out.buffer);
  for (let m = 0; m < movies; m++) {
    const base = m * n * 8;
    for (let j = 0; j < n; j++) {
      data.setInt32(base + j * 4, index[m * n + j]!, true);
      data.setFloat32(base + (n + j) * 4, score[m * n + j]!, true);
    }
  }
  return out;
}

/** Rows read from an open neighbours.bin (the server and Lambda), or from its bytes held whole. */
export function neighboursFromFile(n: number, movies: number, file: RangeFile): Neighbours {
  checkNeighboursSize(n, movies, file.size);
  return {
    n,
    row(m) {
      if (!(m >= 0 && m < movies)) return EMPTY_ROW;
      return decodeNeighbourRow(n, file.read(m * n * 8, n * 8));
    },
  };
}

/** Refuses a neighbours.bin whose size does not fit `movies` rows of `n`. */
export function checkNeighboursSize(n: number, movies: number, size: number): void {
  if (size !== movies * n * 8) {
    throw new KinemaError(
      'model',
      `model file ${NEIGHBOURS_FILE} has ${size} bytes, expected ${movies * n * 8}`,
      'rebuild with `kinema build --force`',
    );
  }
}

/** One row's n × 8 bytes as typed arrays (views when aligned). */
export function decodeNeighbourRow(n: number, bytes: Uint8Array): NeighbourRow {
  return {
    index: view(bytes, 'i32', 0, n, badRow) as Int32Array,
    score: view(bytes, 'f32', n * 4, n, badRow) as Float32Array,
  };
}

/** What a row outside the catalog reads as. */
export const EMPTY_ROW: NeighbourRow = { index: new Int32Array(0), score: new Float32Array(0) };

/** The whole file's bytes as a RangeFile, for readers that load files whole. */
export function bytesFile(bytes: Uint8Array): RangeFile {
  return { size: bytes.length, read: (offset, length) => bytes.subarray(offset, offset + length) };
}

// --- internal ---

const badRow = (why: string) => new KinemaError('model', `${NEIGHBOURS_FILE} ${why}`);
