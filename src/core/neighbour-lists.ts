/**
 * The precomputed "more like this" lists (neighbours.i32 / neighbours.f32, n per movie) as serving
 * reads them: a row at a time. In memory when the build or a test has the arrays; otherwise read from
 * the open files on demand (a page-cache read of n×8 bytes per request), because at full scale they are
 * 280 MB, more than half the model, and a request needs one row.
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
}

/** A model file opened for reads at any offset (the runtime's effect; synchronous, page-cache fast). */
export interface RangeFile {
  size: number;
  read(offset: number, length: number): Uint8Array;
}

/** Opens one file of the model folder; resolves null when it does not exist. */
export type OpenModelFile = (name: string) => Promise<RangeFile | null>;

export function neighboursInMemory(n: number, index: Int32Array, score: Float32Array): Neighbours {
  return {
    n,
    row: (m) => ({ index: index.subarray(m * n, (m + 1) * n), score: score.subarray(m * n, (m + 1) * n) }),
  };
}

export function neighboursFromFiles(
  n: number,
  movies: number,
  files: { index: RangeFile; score: RangeFile },
): Neighbours {
  for (const [name, file] of [
    ['neighbours.i32', files.index],
    ['neighbours.f32', files.score],
  ] as const) {
    if (file.size !== movies * n * 4) {
      throw new KinemaError(
        'model',
        `model file ${name} has ${file.size} bytes, expected ${movies * n * 4}`,
        'rebuild with `kinema build --force`',
      );
    }
  }
  const read = (file: RangeFile, name: string, m: number, type: 'i32' | 'f32') => {
    const bytes = file.read(m * n * 4, n * 4);
    return view(bytes, type, 0, n, (why) => new KinemaError('model', `${name} ${why}`));
  };
  return {
    n,
    row(m) {
      if (!(m >= 0 && m < movies)) return { index: new Int32Array(0), score: new Float32Array(0) };
      return {
        index: read(files.index, 'neighbours.i32', m, 'i32') as Int32Array,
        score: read(files.score, 'neighbours.f32', m, 'f32') as Float32Array,
      };
    },
  };
}
