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
  /** Stop when the relative inertia improvement drops below this. */
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

export type KMeansEngine = (data: Float32Array, n: number, d: number, opts: KMeansOptions) => KMeansResult;

export const DEFAULT_MAX_ITER = 300;
export const DEFAULT_TOL = 1e-6;

/** Reference Lloyd engine: simple and obviously correct; faster engines must agree with it. */
export const lloyd: KMeansEngine = (data, n, d, opts) => {
  validateInput(data, n, d, opts.k);
  const k = Math.min(opts.k, n);
  const centroids = opts.initial ? opts.initial.slice(0, k * d) : kmeansPlusPlus(data, n, d, k, opts.seed);
  const labels = new Int32Array(n);
  const distances = new Float32Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const maxIter = opts.maxIter ?? DEFAULT_MAX_ITER;
  const tol = opts.tol ?? DEFAULT_TOL;
  let inertia = Infinity;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIter) {
    iterations++;
    const next = assign(data, n, d, centroids, k, labels, distances);
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      counts[c]!++;
      const row = i * d;
      const base = c * d;
      for (let j = 0; j < d; j++) sums[base + j]! += data[row + j]!;
    }
    updateCentroids(centroids, sums, counts, k, d, data, distances, n);
    const improved = inertia === Infinity ? Infinity : (inertia - next) / Math.max(inertia, 1e-30);
    inertia = next;
    if (improved <= tol) {
      converged = true;
      break;
    }
  }
  inertia = assign(data, n, d, centroids, k, labels, distances);
  for (let i = 0; i < n; i++) distances[i] = Math.sqrt(distances[i]!);
  return { k, d, centroids, labels, distances, inertia, iterations, converged };
};

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
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (n < 1 || d < 1) throw new RangeError(`k-means needs at least one row and one column (n=${n}, d=${d})`);
  if (data.length < n * d) throw new RangeError(`data has ${data.length} values, expected n×d = ${n * d}`);
  for (let i = 0; i < n * d; i++) {
    if (!Number.isFinite(data[i]!)) {
      throw new RangeError(`non-finite value ${data[i]} at row ${Math.floor(i / d)}, column ${i % d}`);
    }
  }
}

// --- internal ---

function assign(
  data: Float32Array,
  n: number,
  d: number,
  centroids: Float32Array,
  k: number,
  labels: Int32Array,
  sqDistances: Float32Array,
): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const [c, dist] = nearestCentroid(data, i * d, centroids, k, d);
    labels[i] = c;
    sqDistances[i] = dist;
    inertia += dist;
  }
  return inertia;
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
