/**
 * The k-means interface every engine implements, and the plain reference engine:
 * k-means++ init from a seeded PRNG, then Lloyd iterations to a tolerance or a cap.
 * Data is one row-major Float32Array of n×d; centroids are k×d.
 */
import { createRandom } from './random.ts';
import { nearestCentroid, sqDist } from './distance.ts';

export interface KMeansOptions {
  k: number;
  seed: number;
  /** Iteration cap. */
  maxIter?: number;
  /** Stop when the total squared centre shift ≤ tol × mean column variance (default 1e-4). */
  tol?: number;
  /** Start from these centroids (k×d) instead of k-means++. */
  initial?: Float32Array;
}

export interface KMeansResult {
  k: number;
  d: number;
  centroids: Float32Array;
  labels: Int32Array;
  /** Euclidean distance of each row to its centroid. */
  distances: Float32Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

/** The engines a caller may ask for by name ('auto' picks the exact one; src/parallel/kmeans.ts). */
export type KMeansAlgorithm = 'auto' | 'lloyd' | 'hamerly' | 'minibatch';

export type KMeansEngine = (data: Float32Array, n: number, d: number, opts: KMeansOptions) => KMeansResult;

export const DEFAULT_MAX_ITER = 300;
/** As scikit-learn: stop when the total squared centre shift ≤ tol × the mean column variance. */
export const DEFAULT_TOL = 1e-4;

/**
 * Reference Lloyd engine: simple and obviously correct; faster engines must agree with it.
 * Stops when no label changes or the centres barely move (scikit-learn's rule), then assigns once
 * more against the final centres.
 */
export const lloyd: KMeansEngine = (data, n, d, opts) => {
  validateInput(data, n, d, opts.k);
  const k = Math.min(opts.k, n);
  const centroids = opts.initial ? opts.initial.slice(0, k * d) : kmeansPlusPlus(data, n, d, k, opts.seed);
  const labels = new Int32Array(n).fill(-1);
  const distances = new Float32Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const previous = new Float32Array(k * d);
  const maxIter = opts.maxIter ?? DEFAULT_MAX_ITER;
  const tolAbs = (opts.tol ?? DEFAULT_TOL) * meanColumnVariance(data, n, d);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    iterations++;
    const changed = assign(data, n, d, centroids, k, labels, distances);
    if (iterations > 1 && changed === 0) {
      converged = true;
      break;
    }
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      counts[c]!++;
      const row = i * d;
      const base = c * d;
      for (let j = 0; j < d; j++) sums[base + j]! += data[row + j]!;
    }
    previous.set(centroids);
    updateCentroids(centroids, sums, counts, k, d, data, distances, n);
    let moved = 0;
    for (let c = 0; c < k; c++) moved += sqDist(centroids, c * d, previous, c * d, d);
    if (moved <= tolAbs) {
      converged = true;
      break;
    }
  }
  assign(data, n, d, centroids, k, labels, distances);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    inertia += distances[i]!;
    distances[i] = Math.sqrt(distances[i]!);
  }
  return { k, d, centroids, labels, distances, inertia, iterations, converged };
};

/**
 * Mean over columns of the column variance: the scale tolerances are relative to. One pass, shifted
 * by the first row so float64 sums of squares do not cancel.
 */
export function meanColumnVariance(data: Float32Array, n: number, d: number): number {
  const sum = new Float64Array(d);
  const sq = new Float64Array(d);
  for (let i = 1; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const t = data[row + j]! - data[j]!;
      sum[j]! += t;
      sq[j]! += t * t;
    }
  }
  let total = 0;
  for (let j = 0; j < d; j++) total += Math.max(0, sq[j]! - (sum[j]! * sum[j]!) / n) / n;
  return total / d;
}

/** k-means++ seeding (one candidate per step): each next centre drawn with probability ∝ D². */
export function kmeansPlusPlus(
  data: Float32Array,
  n: number,
  d: number,
  k: number,
  seed: number,
): Float32Array {
  const rng = createRandom(seed);
  const centroids = new Float32Array(k * d);
  const best = new Float64Array(n).fill(Infinity);
  let pick = rng.int(n);
  for (let c = 0; c < k; c++) {
    centroids.set(data.subarray(pick * d, pick * d + d), c * d);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const dist = sqDist(data, i * d, centroids, c * d, d);
      if (dist < best[i]!) best[i] = dist;
      total += best[i]!;
    }
    if (c + 1 === k) break;
    if (total === 0) {
      pick = rng.int(n); // all remaining points coincide with a centre
      continue;
    }
    let target = rng.next() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      target -= best[i]!;
      if (target < 0) {
        pick = i;
        break;
      }
    }
  }
  return centroids;
}

/** Throws on shapes that make no sense or on non-finite values, naming the row and column. */
export function validateInput(data: Float32Array, n: number, d: number, k: number): void {
  validateShape(data, n, d, k);
  assertFinite(data, n, d);
}

/** The shape checks of validateInput alone (engines that sum every column catch non-finite values). */
export function validateShape(data: Float32Array, n: number, d: number, k: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (n < 1 || d < 1) throw new RangeError(`k-means needs at least one row and one column (n=${n}, d=${d})`);
  if (data.length < n * d) throw new RangeError(`data has ${data.length} values, expected n×d = ${n * d}`);
}

/** Throws on the first NaN or ±Infinity, naming its row and column. */
export function assertFinite(data: Float32Array, n: number, d: number): void {
  for (let i = 0; i < n * d; i++) {
    if (!Number.isFinite(data[i]!)) {
      throw new RangeError(`non-finite value ${data[i]} at row ${Math.floor(i / d)}, column ${i % d}`);
    }
  }
}

// --- internal ---

/** Nearest centre of every row (squared distances into sqDistances); returns how many labels changed. */
function assign(
  data: Float32Array,
  n: number,
  d: number,
  centroids: Float32Array,
  k: number,
  labels: Int32Array,
  sqDistances: Float32Array,
): number {
  let changed = 0;
  for (let i = 0; i < n; i++) {
    const [c, dist] = nearestCentroid(data, i * d, centroids, k, d);
    if (labels[i] !== c) changed++;
    labels[i] = c;
    sqDistances[i] = dist;
  }
  return changed;
}

/** New centroids are the means; an empty cluster takes the point farthest from its centre (never NaN). */
function updateCentroids(
  centroids: Float32Array,
  sums: Float64Array,
  counts: Float64Array,
  k: number,
  d: number,
  data: Float32Array,
  sqDistances: Float32Array,
  n: number,
): void {
  for (let c = 0; c < k; c++) {
    const count = counts[c]!;
    if (count > 0) {
      for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j]! / count;
      continue;
    }
    let far = 0;
    for (let i = 1; i < n; i++) if (sqDistances[i]! > sqDistances[far]!) far = i;
    centroids.set(data.subarray(far * d, far * d + d), c * d);
    sqDistances[far] = 0;
  }
}
