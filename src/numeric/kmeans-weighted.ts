/**
 * k-means on a small set of weighted points, in memory on one thread: what k-means|| and mini-batch
 * k-means reduce their many candidate centres to k with (weighted greedy k-means++, then weighted Lloyd).
 * The squared distances come from the float32 SIMD kernel where there is one (these only choose
 * starting centres): the points' pairwise distances once for every k-means++ draw of every restart,
 * and the points against the centres in each Lloyd round (float64 JS loops here were a visible part
 * of small fits, mostly before V8 had optimised them).
 */
import { candidatesPerStep } from './kmeans-buffers.ts';
import { sqDistance } from './kmeans-block-math.ts';
import { createSimdDistances, SIMD_ROWS, type SimdDistances } from './kmeans-simd.ts';
import type { Random } from './random.ts';

/** Lloyd rounds on the weighted points (Spark's LocalKMeans uses 30): they run on one thread. */
export const REDUCE_ITERATIONS = 30;

/** The distances a reduction needs, from the SIMD kernel or float64 JS. */
interface Metric {
  /** Squared distance between points p and q (from an m×m table). */
  pair(p: number, q: number): number;
  /** Nearest of the k centres for every point: index into labels, squared distance into near. */
  nearest(centres: Float32Array, labels: Int32Array, near: Float64Array): void;
}

function metricOf(
  points: Float32Array,
  m: number,
  d: number,
  k: number,
  simd: SimdDistances | undefined,
): Metric {
  if (!simd) {
    const pairs = new Float64Array(m * m);
    for (let p = 0; p < m; p++) {
      for (let q = p + 1; q < m; q++)
        pairs[p * m + q] = pairs[q * m + p] = sqDistance(points, p * d, points, q * d, d);
    }
    return {
      pair: (p, q) => pairs[p * m + q]!,
      nearest(centres, labels, near) {
        for (let p = 0; p < m; p++) {
          let at = 0;
          let best = Infinity;
          for (let c = 0; c < k; c++) {
            const v = sqDistance(points, p * d, centres, c * d, d);
            if (v < best) {
              best = v;
              at = c;
            }
          }
          labels[p] = at;
          near[p] = best;
        }
      },
    };
  }
  const pairs = new Float32Array(m * m);
  simd.setCentres(points, 0, m);
  for (let s = 0; s < m; s += SIMD_ROWS) {
    const rows = Math.min(SIMD_ROWS, m - s);
    simd.distances(points, s, rows);
    pairs.set(simd.out.subarray(0, rows * m), s * m);
  }
  return {
    pair: (p, q) => pairs[p * m + q]!,
    nearest(centres, labels, near) {
      simd.setCentres(centres, 0, k);
      for (let s = 0; s < m; s += SIMD_ROWS) {
        const rows = Math.min(SIMD_ROWS, m - s);
        simd.distances(points, s, rows);
        simd.nearest(rows);
        for (let r = 0; r < rows; r++) {
          labels[s + r] = simd.nearIndex[3 * r]!;
          near[s + r] = simd.near[3 * r + 1]!;
        }
      }
    },
  };
}

/**
 * The best of `restarts` reductions (lowest weighted inertia): the candidate set is small, so restarts
 * are cheap, and they decide which local optimum the full data starts next to.
 */
export function reduceWeightedBest(
  points: Float32Array,
  weights: Float64Array,
  m: number,
  d: number,
  k: number,
  rng: Random,
  restarts: number,
): Float32Array {
  const metric = metricOf(points, m, d, k, createSimdDistances(d, Math.max(m, k)));
  const labels = new Int32Array(m);
  const near = new Float64Array(m);
  let best: Float32Array | undefined;
  let bestCost = Infinity;
  for (let r = 0; r < restarts; r++) {
    const start = plusPlus(points, weights, m, d, k, rng, metric.pair);
    const centres = lloydWeighted(points, weights, m, d, k, metric, start);
    metric.nearest(centres, labels, near);
    let cost = 0;
    for (let p = 0; p < m; p++) cost += weights[p]! * near[p]!;
    if (cost < bestCost) {
      bestCost = cost;
      best = centres;
    }
  }
  return best!;
}

/** k centres for m weighted points: weighted greedy k-means++, then weighted Lloyd (one restart). */
export function reduceWeighted(
  points: Float32Array,
  weights: Float64Array,
  m: number,
  d: number,
  k: number,
  rng: Random,
): Float32Array {
  return reduceWeightedBest(points, weights, m, d, k, rng, 1);
}

/** Greedy k-means++ on weighted points: 2 + ⌊ln k⌋ draws per step, the one lowering the potential most. */
export function weightedPlusPlus(
  points: Float32Array,
  weights: Float64Array,
  m: number,
  d: number,
  k: number,
  rng: Random,
): Float32Array {
  // m can be thousands here (mini-batch's first rows): distances on the fly, not an m×m table
  return plusPlus(points, weights, m, d, k, rng, (p, q) => sqDistance(points, p * d, points, q * d, d));
}

function lloydWeighted(
  points: Float32Array,
  weights: Float64Array,
  m: number,
  d: number,
  k: number,
  metric: Metric,
  centres: Float32Array,
): Float32Array {
  const labels = new Int32Array(m);
  const previous = new Int32Array(m).fill(-1);
  const near = new Float64Array(m);
  const sums = new Float64Array(k * d);
  const mass = new Float64Array(k);
  for (let iteration = 0; iteration < REDUCE_ITERATIONS; iteration++) {
    metric.nearest(centres, labels, near);
    let changed = 0;
    sums.fill(0);
    mass.fill(0);
    for (let p = 0; p < m; p++) {
      const at = labels[p]!;
      if (previous[p] !== at) changed++;
      previous[p] = at;
      const w = weights[p]!;
      mass[at]! += w;
      for (let j = 0; j < d; j++) sums[at * d + j]! += w * points[p * d + j]!;
    }
    if (changed === 0) break;
    // a centre left without weight keeps its place
    for (let c = 0; c < k; c++)
      if (mass[c]! > 0) for (let j = 0; j < d; j++) centres[c * d + j] = sums[c * d + j]! / mass[c]!;
  }
  return centres;
}

function plusPlus(
  points: Float32Array,
  weights: Float64Array,
  m: number,
  d: number,
  k: number,
  rng: Random,
  pair: (p: number, q: number) => number,
): Float32Array {
  const centres = new Float32Array(k * d);
  const best = new Float64Array(m).fill(Infinity);
  const pick = (total: number): number => {
    let target = rng.next() * total;
    for (let p = 0; p < m; p++) {
      target -= weights[p]! * best[p]!;
      if (target < 0) return p;
    }
    return m - 1;
  };
  let next = pickByWeight(weights, m, rng);
  for (let c = 0; c < k; c++) {
    centres.set(points.subarray(next * d, next * d + d), c * d);
    let total = 0;
    for (let p = 0; p < m; p++) {
      best[p] = Math.min(best[p]!, pair(next, p));
      total += weights[p]! * best[p]!;
    }
    if (c + 1 === k) break;
    if (!(total > 0)) {
      next = rng.int(m);
      continue;
    }
    let bestPot = Infinity;
    for (let t = 0; t < candidatesPerStep(k); t++) {
      const cand = pick(total);
      let pot = 0;
      for (let p = 0; p < m; p++) pot += weights[p]! * Math.min(best[p]!, pair(cand, p));
      if (pot < bestPot) {
        bestPot = pot;
        next = cand;
      }
    }
  }
  return centres;
}

function pickByWeight(weights: Float64Array, m: number, rng: Random): number {
  let total = 0;
  for (let p = 0; p < m; p++) total += weights[p]!;
  let target = rng.next() * total;
  for (let p = 0; p < m; p++) {
    target -= weights[p]!;
    if (target < 0) return p;
  }
  return m - 1;
}
