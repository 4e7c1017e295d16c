/**
 * k-means|| seeding (Bahmani et al., VLDB 2012): instead of k passes over the data (one per centre),
 * a few rounds each draw about ℓ = 2k rows at once with probability ∝ D², every row is then weighted
 * by the rows nearest to it, and the small weighted set is reduced to k centres with greedy k-means++
 * and weighted Lloyd. Draws walk the rows in order on the calling thread, and the distance passes are
 * block kernels, so the centres do not depend on the thread count.
 */
import {
  allocateBuffers,
  oversampleCapacity,
  STAT_POTENTIAL,
  statsWidth,
  viewBuffers,
  type KMeansBuffers,
} from './kmeans-buffers.ts';
import { inlineRunner } from './kmeans-kernels.ts';
import { greedyKMeansPlusPlus, type BlockRunner } from './kmeans-init.ts';
import { createRandom, type Random } from './random.ts';
import { reduceWeightedBest } from './kmeans-weighted.ts';

export type InitMethod = 'auto' | 'greedy' | 'parallel';

/** Rounds of oversampling (Spark's default is 2; the paper finds a handful enough). */
export const PARALLEL_ROUNDS = 3;
/**
 * Restarts of the weighted reduction of the candidates to k, lowest weighted inertia kept: they decide
 * which local optimum the full data starts next to. Capped so m·k·d work per restart stays small.
 */
export function reduceRestarts(m: number, k: number, d: number): number {
  return Math.max(1, Math.min(10, Math.floor(5e6 / (m * k * d))));
}
/**
 * 'auto' seeds with k-means|| from this many rows: from there it starts nearer a good optimum than
 * greedy k-means++ in a few passes instead of 2k; below it greedy k-means++ costs little.
 */
export const PARALLEL_INIT_FROM_N = 20_000;

export function useParallelInit(method: InitMethod, n: number, k: number): boolean {
  if (method === 'auto') return n >= PARALLEL_INIT_FROM_N && k > 1;
  return method === 'parallel';
}

/**
 * Seeding reads a sample of this many rows (at least SAMPLE_PER_CENTRE a centre) instead of all of
 * them: the D² draws and the candidate weights only need the shape of the data, and rounds over every
 * row of a large matrix cost more than the Lloyd passes after them.
 */
export const SEED_SAMPLE_ROWS = 16_384;
export const SAMPLE_PER_CENTRE = 512;

export function seedSampleSize(n: number, k: number): number {
  return Math.min(n, Math.max(SEED_SAMPLE_ROWS, SAMPLE_PER_CENTRE * k));
}

/**
 * Fills `b.centroids` with k centres drawn by k-means|| from `seed`, on all rows or, above
 * seedSampleSize, on a stratified sample (runs of SAMPLE_RUN rows, one in each of S/SAMPLE_RUN equal
 * slices, so rows from every part of the matrix) clustered on this thread; `refine` may then move the
 * sample's centres (the driver runs a few Lloyd steps on it). Returns false when it fell back to greedy
 * k-means++ (fewer distinct candidates than k), true otherwise.
 */
export async function kmeansParallel(
  b: KMeansBuffers,
  run: BlockRunner,
  seed: number,
  refine?: (sample: KMeansBuffers) => Promise<void>,
): Promise<boolean> {
  const { n, d, k } = b;
  const size = seedSampleSize(n, k);
  if (size >= n) return oversample(b, run, seed);
  const rng = createRandom(seed ^ 0x5a3c96e1); // not the draws' own sequence
  const sample = stratifiedSample(b.data, n, d, size, rng);
  const sb = viewBuffers(allocateBuffers(sample, size, d, k, false));
  const drawn = await oversample(sb, inlineRunner(sb), seed);
  if (drawn && refine) await refine(sb);
  b.centroids.set(sb.centroids);
  return drawn;
}

/**
 * Rows are sampled in runs of this many consecutive rows (one random run in each of S/RUN equal
 * slices): a copy per run instead of per row, still drawn from every part of the matrix.
 */
export const SAMPLE_RUN = 32;

function stratifiedSample(data: Float32Array, n: number, d: number, size: number, rng: Random): Float32Array {
  const sample = new Float32Array(size * d);
  const runs = Math.ceil(size / SAMPLE_RUN);
  for (let s = 0, o = 0; s < runs; s++) {
    const rows = Math.min(SAMPLE_RUN, size - s * SAMPLE_RUN);
    const from = Math.floor((s * n) / runs);
    const room = Math.max(0, Math.floor(((s + 1) * n) / runs) - from - rows);
    const row = Math.min(from + rng.int(room + 1), n - rows);
    sample.set(data.subarray(row * d, (row + rows) * d), o);
    o += rows * d;
  }
  return sample;
}

async function oversample(b: KMeansBuffers, run: BlockRunner, seed: number): Promise<boolean> {
  const { n, d, k, data } = b;
  const rng = createRandom(seed);
  const ell = 2 * k;
  const cap = Math.min(oversampleCapacity(k), b.maxCandidates);
  const width = statsWidth(b);
  const rows = [rng.int(n)];
  b.centroids.set(data.subarray(rows[0]! * d, rows[0]! * d + d), 0);
  await run({ op: 'pp-commit', centre: 0, reset: true });
  for (let round = 0; round < PARALLEL_ROUNDS; round++) {
    let total = 0;
    for (let bl = 0; bl < b.blocks; bl++) total += b.stats[bl * width + STAT_POTENTIAL]!;
    if (!(total > 0)) break;
    const count = drawRows(b, ell / total, rng.next(), cap, rows);
    if (count > 0) await run({ op: 'par-round', first: rows.length - count, count });
  }
  if (rows.length < k) {
    await greedyKMeansPlusPlus(b, run, seed);
    return false;
  }
  const weights = countLabels(b.labels, n, rows.length);
  const points = new Float32Array(rows.length * d);
  rows.forEach((row, at) => points.set(data.subarray(row * d, row * d + d), at * d));
  b.centroids.set(
    reduceWeightedBest(points, weights, rows.length, d, k, rng, reduceRestarts(rows.length, k, d)),
  );
  b.labels.fill(0);
  return true;
}

/**
 * Systematic sampling in row order: one random offset, then a row is drawn each time the running sum
 * of ℓ·D²/φ passes the next whole step, so P(row) = min(1, ℓ·D²/φ) as in the paper's independent
 * draws, at one random number a round instead of one a row. The drawn rows
 * go to `candidates` and their numbers onto `rows`; returns how many were drawn (at most cap).
 */
function drawRows(b: KMeansBuffers, scale: number, offset: number, cap: number, rows: number[]): number {
  const { n, d, data, candidates, upper: best } = b;
  let count = 0;
  let step = offset;
  let sum = 0;
  for (let i = 0; i < n && count < cap; i++) {
    sum += scale * best[i]!;
    if (sum <= step) continue;
    candidates.set(data.subarray(i * d, i * d + d), count * d);
    rows.push(i);
    count++;
    step += Math.ceil(sum - step);
  }
  return count;
}

/** How many rows each of m candidates is nearest to. */
function countLabels(labels: Int32Array, n: number, m: number): Float64Array {
  const weights = new Float64Array(m);
  for (let i = 0; i < n; i++) weights[labels[i]!]!++;
  return weights;
}
