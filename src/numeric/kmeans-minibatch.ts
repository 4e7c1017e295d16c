/**
 * Web-scale mini-batch k-means (Sculley, WWW 2010) as SageMaker's built-in k-means runs it: train more
 * centres than asked (k × extraFactor) with per-centre learning rates 1/count, reduce them to k with a
 * weighted Lloyd on the centres (weights: the rows each absorbed), polish with a few streamed Lloyd
 * passes, then label every row in one last pass.
 *
 * The rows arrive through a ChunkReader, so the matrix never has to be held: memory is the centres,
 * one batch, and the n labels and distances of the result. Batches are cut from the row stream
 * regardless of chunk boundaries, so the result depends on the rows, their order and the seed only
 * (not on how the reader chunks them). Runs on the calling thread.
 */
import { sqDistance } from './kmeans-block-math.ts';
import { createSimdDistances, SIMD_ROWS, type SimdDistances } from './kmeans-simd.ts';
import { reduceWeighted, weightedPlusPlus } from './kmeans-weighted.ts';
import type { KMeansResult } from './kmeans.ts';
import { createRandom } from './random.ts';

/** A stream of feature rows, read front to back once per pass. */
export interface ChunkReader {
  /** Starts over at the first row. */
  reset(): void | Promise<void>;
  /** The next whole rows (row-major, a multiple of d values), or undefined at the end. */
  next(): Float32Array | undefined | Promise<Float32Array | undefined>;
}

export interface MiniBatchOptions {
  k: number;
  seed: number;
  /** Rows per mini-batch (default 1024, as scikit-learn). */
  batchSize?: number;
  /** Centres trained per final centre (default 4). */
  extraFactor?: number;
  /** Mini-batch passes over the stream (default 1, as SageMaker). */
  epochs?: number;
  /** Streamed Lloyd passes after the reduction to k (default 2). */
  refinePasses?: number;
}

/** A ChunkReader over an in-memory n×d matrix, `chunkRows` rows at a time. */
export function matrixChunks(data: Float32Array, n: number, d: number, chunkRows = 65536): ChunkReader {
  let at = 0;
  return {
    reset: () => void (at = 0),
    next: () => {
      if (at >= n) return undefined;
      const end = Math.min(n, at + chunkRows);
      const chunk = data.subarray(at * d, end * d);
      at = end;
      return chunk;
    },
  };
}

/** @example const r = await miniBatchKMeans(matrixChunks(x, n, d), d, { k: 9, seed: 1 }); */
export async function miniBatchKMeans(
  reader: ChunkReader,
  d: number,
  opts: MiniBatchOptions,
): Promise<KMeansResult> {
  if (!Number.isInteger(opts.k) || opts.k < 1)
    throw new RangeError(`k must be a positive integer, got ${opts.k}`);
  const batch = Math.max(1, opts.batchSize ?? 1024);
  const rng = createRandom(opts.seed);
  // the first rows seed the extra centres (k-means++ on them), so read enough of them up front
  const wanted = opts.k * (opts.extraFactor ?? 4);
  const head = await firstRows(reader, d, Math.max(20 * wanted, batch));
  const m = head.length / d;
  if (m === 0) throw new RangeError('k-means needs at least one row and one column (n=0)');
  const k = Math.min(opts.k, m);
  const kk = Math.min(Math.max(wanted, k), m);
  let centres = weightedPlusPlus(head, new Float64Array(m).fill(1), m, d, kk, rng);
  const counts = new Float64Array(kk);
  let nearest = makeNearest(d, kk);
  let passes = 0;
  for (let epoch = 0; epoch < (opts.epochs ?? 1); epoch++, passes++) {
    await eachBatch(reader, d, batch, (rows, count) => {
      const labels = nearest(centres, kk, rows, count).labels;
      for (let r = 0; r < count; r++) {
        const c = labels[r]!;
        const eta = 1 / ++counts[c]!;
        for (let j = 0; j < d; j++) centres[c * d + j]! += eta * (rows[r * d + j]! - centres[c * d + j]!);
      }
    });
  }
  // reduce to k: weighted Lloyd on the trained centres; centres that absorbed nothing drop out
  const live = [...counts.keys()].filter((c) => counts[c]! > 0);
  if (kk > k && live.length >= k) {
    const points = new Float32Array(live.length * d);
    live.forEach((c, at) => points.set(centres.subarray(c * d, c * d + d), at * d));
    centres = reduceWeighted(
      points,
      Float64Array.from(live, (c) => counts[c]!),
      live.length,
      d,
      k,
      rng,
    );
  } else centres = centres.slice(0, k * d);
  nearest = makeNearest(d, k);
  let converged = false;
  for (let pass = 0; pass < (opts.refinePasses ?? 2); pass++, passes++) {
    const sums = new Float64Array(k * d);
    const mass = new Float64Array(k);
    await eachBatch(reader, d, batch, (rows, count) => {
      const labels = nearest(centres, k, rows, count).labels;
      for (let r = 0; r < count; r++) {
        const c = labels[r]!;
        mass[c]!++;
        for (let j = 0; j < d; j++) sums[c * d + j]! += rows[r * d + j]!;
      }
    });
    let moved = 0;
    for (let c = 0; c < k; c++) {
      if (mass[c] === 0) continue; // keeps its place
      for (let j = 0; j < d; j++) {
        const v = sums[c * d + j]! / mass[c]!;
        moved += (v - centres[c * d + j]!) ** 2;
        centres[c * d + j] = v;
      }
    }
    converged = moved === 0;
  }
  return { ...(await label(reader, d, batch, centres, k, nearest)), iterations: passes, converged };
}

/** Labels, distances and inertia of every row against the final centres (one more pass). */
async function label(
  reader: ChunkReader,
  d: number,
  batch: number,
  centres: Float32Array,
  k: number,
  nearest: Nearest,
): Promise<Omit<KMeansResult, 'iterations' | 'converged'>> {
  let labels = new Int32Array(1 << 16);
  let distances = new Float32Array(1 << 16);
  let n = 0;
  let inertia = 0;
  await eachBatch(reader, d, batch, (rows, count) => {
    if (n + count > labels.length) {
      // the stream's length is unknown: grow by doubling
      const size = Math.max(2 * labels.length, n + count);
      labels = grow(labels, new Int32Array(size));
      distances = grow(distances, new Float32Array(size));
    }
    const found = nearest(centres, k, rows, count).labels;
    for (let r = 0; r < count; r++, n++) {
      const c = found[r]!;
      const sq = sqDistance(rows, r * d, centres, c * d, d); // exact float64 for the reported figures
      inertia += sq;
      labels[n] = c;
      distances[n] = Math.sqrt(sq);
    }
  });
  return { k, d, centroids: centres, labels: labels.slice(0, n), distances: distances.slice(0, n), inertia };
}

function grow<T extends Int32Array | Float32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

type Nearest = (
  centres: Float32Array,
  k: number,
  rows: Float32Array,
  count: number,
) => { labels: Int32Array };

/** Nearest centre of each row of a batch: float32 SIMD where available (ties to the lowest index). */
function makeNearest(d: number, maxCentres: number): Nearest {
  const simd: SimdDistances | undefined = createSimdDistances(d, maxCentres);
  const labels = new Int32Array(SIMD_ROWS);
  let out = new Int32Array(0);
  return (centres, k, rows, count) => {
    if (out.length < count) out = new Int32Array(count);
    simd?.setCentres(centres, 0, k);
    for (let s = 0; s < count; s += SIMD_ROWS) {
      const m = Math.min(SIMD_ROWS, count - s);
      simd?.distances(rows, s, m);
      for (let r = 0; r < m; r++) {
        let best = 0;
        let bestDist = Infinity;
        for (let c = 0; c < k; c++) {
          const v = simd ? simd.out[r * k + c]! : sqDistance(rows, (s + r) * d, centres, c * d, d);
          if (v < bestDist) {
            bestDist = v;
            best = c;
          }
        }
        labels[r] = best;
      }
      out.set(labels.subarray(0, m), s);
    }
    return { labels: out };
  };
}

/** Calls `fn` on consecutive batches of `size` rows (the last may be short), across chunk borders. */
async function eachBatch(
  reader: ChunkReader,
  d: number,
  size: number,
  fn: (rows: Float32Array, count: number) => void,
): Promise<void> {
  await reader.reset();
  const buffer = new Float32Array(size * d);
  let filled = 0;
  let row = 0;
  for (let chunk = await reader.next(); chunk; chunk = await reader.next()) {
    checkChunk(chunk, d, row);
    row += chunk.length / d;
    for (let at = 0; at < chunk.length;) {
      const take = Math.min(chunk.length - at, (size - filled) * d);
      buffer.set(chunk.subarray(at, at + take), filled * d);
      filled += take / d;
      at += take;
      if (filled === size) {
        fn(buffer, filled);
        filled = 0;
      }
    }
  }
  if (filled > 0) fn(buffer, filled);
}

/** Whole rows and finite values only; errors name the row (in the whole stream) and the column. */
function checkChunk(chunk: Float32Array, d: number, firstRow: number): void {
  if (chunk.length % d !== 0)
    throw new RangeError(`a chunk of ${chunk.length} values is not whole rows of ${d}`);
  for (let i = 0; i < chunk.length; i++) {
    if (!Number.isFinite(chunk[i]!)) {
      throw new RangeError(
        `non-finite value ${chunk[i]} at row ${firstRow + Math.floor(i / d)}, column ${i % d}`,
      );
    }
  }
}

/** Up to `limit` rows from the front of the stream (reads no further than it needs). */
async function firstRows(reader: ChunkReader, d: number, limit: number): Promise<Float32Array> {
  await reader.reset();
  const out = new Float32Array(limit * d);
  let rows = 0;
  for (let chunk = rows < limit ? await reader.next() : undefined; chunk;) {
    checkChunk(chunk, d, rows);
    const take = Math.min(chunk.length / d, limit - rows);
    out.set(chunk.subarray(0, take * d), rows * d);
    rows += take;
    chunk = rows < limit ? await reader.next() : undefined;
  }
  return out.slice(0, rows * d);
}
