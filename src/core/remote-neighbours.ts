/**
 * Neighbour lists read over the network (Lambda with its model on S3). Holding neighbours.bin whole
 * cost 280 MB and seconds of transfer at full scale, and a request needs a handful of rows, so the
 * rows a request will use are fetched before it runs, by ranged reads (one per row, or one per run of
 * nearby rows), and kept in a small LRU cache. Concurrent requests for a row share one read; reads in
 * flight are bounded for the whole instance.
 */
import { KinemaError } from './errors.ts';
import { limiter } from './limiter.ts';
import {
  checkNeighboursSize,
  decodeNeighbourRow,
  EMPTY_ROW,
  NEIGHBOURS_FILE,
  type NeighbourRow,
  type Neighbours,
  type RemoteFile,
} from './neighbour-lists.ts';

export interface RemoteNeighbourOptions {
  /** Rows kept (default 16,384: 6.5 MB at 50 neighbours, far more than one request needs). */
  cacheRows?: number;
  /** Reads in flight at once (default 16). */
  concurrency?: number;
  /** Rows this close are read as one range with the rows between (default 64 KB apart or less). */
  gapBytes?: number;
}

/** Longest range one read asks for: past it another round trip is cheaper than the bytes between. */
const MAX_SPAN = 1 << 20;

export function remoteNeighbours(
  n: number,
  movies: number,
  file: RemoteFile,
  options: RemoteNeighbourOptions = {},
): Neighbours {
  checkNeighboursSize(n, movies, file.size);
  const rowBytes = n * 8;
  const cacheRows = Math.max(1, options.cacheRows ?? 16_384);
  const gapRows = Math.floor((options.gapBytes ?? 65_536) / rowBytes);
  const spanRows = Math.max(1, Math.floor(MAX_SPAN / rowBytes));
  const limited = limiter(options.concurrency ?? 16);
  // a Map iterates in insertion order: re-inserting on use keeps the least recently used first
  const cache = new Map<number, NeighbourRow>();
  const pending = new Map<number, Promise<void>>();
  const keep = (m: number, row: NeighbourRow) => {
    cache.delete(m);
    cache.set(m, row);
    if (cache.size > cacheRows) cache.delete(cache.keys().next().value!);
  };

  const readRun = async (rows: number[]) => {
    const first = rows[0]!;
    const length = (rows.at(-1)! - first + 1) * rowBytes;
    const bytes = await file.read(first * rowBytes, length);
    if (bytes.length !== length) {
      throw new KinemaError(
        'model',
        `${NEIGHBOURS_FILE}: read ${bytes.length} of ${length} bytes at ${first * rowBytes}`,
      );
    }
    // a copy per row, so the cache never holds a whole range alive
    for (const m of rows) {
      const at = (m - first) * rowBytes;
      keep(m, decodeNeighbourRow(n, bytes.slice(at, at + rowBytes)));
    }
  };

  return {
    n,
    row(m) {
      if (!(m >= 0 && m < movies)) return EMPTY_ROW;
      const row = cache.get(m);
      if (!row) {
        throw new KinemaError('model', `${NEIGHBOURS_FILE} row ${m} was used before it was fetched`);
      }
      keep(m, row);
      return row;
    },
    async prefetch(wanted) {
      const waits = new Set<Promise<void>>();
      const missing: number[] = [];
      for (const m of new Set(wanted)) {
        if (!(Number.isInteger(m) && m >= 0 && m < movies)) continue;
        const row = cache.get(m);
        const inFlight = pending.get(m);
        if (row) keep(m, row);
        else if (inFlight) waits.add(inFlight);
        else missing.push(m);
      }
      for (const rows of runs(
        missing.sort((a, b) => a - b),
        gapRows,
        spanRows,
      )) {
        const read = limited(() => readRun(rows)).finally(() => {
          for (const m of rows) pending.delete(m);
        });
        for (const m of rows) pending.set(m, read);
        waits.add(read);
      }
      await Promise.all(waits);
    },
  };
}

// --- internal ---

/** Sorted rows grouped into runs read as one range: gaps of at most `gap` rows, `span` rows at most. */
function runs(sorted: number[], gap: number, span: number): number[][] {
  const out: number[][] = [];
  for (const m of sorted) {
    const run = out.at(-1);
    if (run && m - run.at(-1)! - 1 <= gap && m - run[0]! < span) run.push(m);
    else out.push([m]);
  }
  return out;
}
