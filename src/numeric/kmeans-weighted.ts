/**
 * k-means on a small set of weighted points, in memory on one thread: what k-means|| and mini-batch
 * k-means reduce their many candidate centres to k with (weighted greedy k-means++, then weighted Lloyd).
 */
import { candidatesPerStep } from './kmeans-buffers.ts';
import { sqDistance } from './kmeans-block-math.ts';
import type { Random } from './random.ts';

/** Lloyd rounds on the weighted points (Spark's LocalKMeans uses 30): they run on one thread. */
export const REDUCE_ITERATIONS = 30;

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
  let best: Float32Array | undefined;
  let bestCost = Infinity;
  for (let r = 0; r < restarts; r++) {
    const centres = reduceWeighted(points, weights, m, d, k, rng);
    let cost = 0;
    for (let p = 0; p < m; p++) {
      let near = Infinity;
      for (let c = 0; c < k; c++) near = Math.min(near, sqDistance(points, p * d, centres, c * d, d));
      cost += weights[p]! * near;
    }
    if (cost < bestCost) {
      bestCost = cost;
      best = centres;
    }
  }
  return best!;
}

/** k centres for m weighted points: weighted greedy k-means++, then weighted Lloyd. */
export function reduceWeighted(
  points: Float32Array,
  weights: Float64Array,
  m: number,
  d: number,
  k: number,
  rng: Random,
): Float32Array {
  const centres = weightedPlusPlus(points, weights, m, d, k, rng);
  const labels = new Int32Array(m).fill(-1);
  const sums = new Float64Array(k * d);
  const mass = new Float64Array(k);
  for (let iteration = 0; iteration < REDUCE_ITERATIONS; iteration++) {
    let changed = 0;
    sums.fill(0);
    mass.fill(0);
    for (let p = 0; p < m; p++) {
      let at = 0;
      let near = Infinity;
      for (let c = 0; c < k; c++) {
        const v = sqDistance(points, p * d, centres, c * d, d);
        if (v < near) {
          near = v;
          at = c;
        }
      }
      if (labels[p] !== at) changed++;
      labels[p] = at;
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

/** Greedy k-means++ on weighted points: 2 + ⌊ln k⌋ draws per step, the one lowering the potential most. */
export function weightedPlusPlus(
  points: Float32Array,
  weights: Float64Array,
  m: number,
  d: number,
  k: number,
  rng: Random,
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
      best[p] = Math.min(best[p]!, sqDistance(points, p * d, centres, c * d, d));
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
      for (let p = 0; p < m; p++) {
        pot += weights[p]! * Math.min(best[p]!, sqDistance(points, p * d, points, cand * d, d));
      }
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
