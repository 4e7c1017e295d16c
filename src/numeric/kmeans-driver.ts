/**
 * The accelerated exact Lloyd loop: assignment by blocks (Hamerly's bounds, or full scans), partial
 * sums reduced in block order, means, centre shifts for the next bounds, and sklearn's stopping rule
 * (no label changed, or total squared centre shift ≤ tol × mean column variance).
 * Same initial centres → the same result as the reference `lloyd`, whatever runs the blocks.
 */
import { sqDist } from './distance.ts';
import { roundDown } from './kmeans-block-math.ts';
import { STAT_CHANGED, STAT_INERTIA, statsWidth, type KMeansBuffers } from './kmeans-buffers.ts';
import { greedyKMeansPlusPlus, type BlockRunner } from './kmeans-init.ts';
import { kmeansParallel, useParallelInit, type InitMethod } from './kmeans-parallel-init.ts';
import { inlineRunner, type AssignMode } from './kmeans-kernels.ts';
import { assertFinite, DEFAULT_MAX_ITER, DEFAULT_TOL, type KMeansResult } from './kmeans.ts';
import { createRandom } from './random.ts';

export type ExactAlgorithm = 'lloyd' | 'hamerly';

export interface DriveOptions {
  seed: number;
  algorithm: ExactAlgorithm;
  maxIter?: number;
  tol?: number;
  /** Restarts from different seeds; the lowest inertia wins. */
  nInit?: number;
  /** Start from these k×d centres (then nInit is 1). */
  initial?: Float32Array;
  /** Seeding: greedy k-means++, k-means|| ('parallel'), or 'auto' (see useParallelInit). */
  init?: InitMethod;
}

export { inlineRunner };

export async function driveKMeans(
  b: KMeansBuffers,
  run: BlockRunner,
  opts: DriveOptions,
): Promise<KMeansResult> {
  const restarts = opts.initial ? 1 : Math.max(1, opts.nInit ?? 1);
  const seeds = createRandom(opts.seed);
  // the tolerance scale comes from the first assignment pass (which reads every row anyway)
  const scale: Tolerance = { tol: opts.tol ?? DEFAULT_TOL };
  let best: KMeansResult | undefined;
  for (let r = 0; r < restarts; r++) {
    const seed = r === 0 ? opts.seed : Math.floor(seeds.next() * 2 ** 32);
    let seeded = false;
    if (opts.initial) b.centroids.set(opts.initial.subarray(0, b.k * b.d));
    else if (useParallelInit(opts.init ?? 'auto', b.n, b.k)) {
      await kmeansParallel(b, run, seed, (sample) => refineOnSample(sample, seed));
    } else {
      await greedyKMeansPlusPlus(b, run, seed);
      seeded = true; // labels and the nearest/second-nearest distances are valid first Hamerly bounds
    }
    const result = await iterate(b, run, opts, scale, seeded);
    if (!best || result.inertia < best.inertia) {
      // the buffers are reused by the next restart: keep copies only when there is one
      best = restarts === 1 ? result : copyResult(result);
    }
  }
  return best!;
}

/**
 * Lloyd steps run on the k-means|| sample before the whole matrix: a step on the sample costs a
 * fraction of one on all rows and saves full iterations at the same inertia.
 */
export const SAMPLE_LLOYD_STEPS = 3;

async function refineOnSample(sample: KMeansBuffers, seed: number): Promise<void> {
  const initial = sample.centroids.slice();
  await driveKMeans(sample, inlineRunner(sample), {
    seed,
    algorithm: 'hamerly',
    initial,
    maxIter: SAMPLE_LLOYD_STEPS,
  });
}

/** The stopping tolerance: tol × mean column variance, once the moments are in. */
interface Tolerance {
  tol: number;
  abs?: number;
}

/** Sets scale.abs from the blocks' column moments (added in block order); throws on NaN or ±∞. */
function takeTolerance(b: KMeansBuffers, scale: Tolerance): number {
  const { n, d } = b;
  let total = 0;
  for (let j = 0; j < d; j++) {
    let sum = 0;
    let sq = 0;
    for (let bl = 0; bl < b.blocks; bl++) {
      sum += b.moments[bl * 2 * d + j]!;
      sq += b.moments[bl * 2 * d + d + j]!;
    }
    total += Math.max(0, sq - (sum * sum) / n) / n;
  }
  const variance = total / d;
  if (!Number.isFinite(variance)) assertFinite(b.data, b.n, b.d); // names the first bad row and column
  scale.abs = scale.tol * variance;
  return scale.abs;
}

async function iterate(
  b: KMeansBuffers,
  run: BlockRunner,
  opts: DriveOptions,
  scale: Tolerance,
  seeded: boolean,
): Promise<KMeansResult> {
  const { k, d, centroids } = b;
  const maxIter = opts.maxIter ?? DEFAULT_MAX_ITER;
  if (seeded) halfGaps(b);
  const mode = (iteration: number): AssignMode => {
    switch (opts.algorithm) {
      case 'lloyd':
        return 'full';
      case 'hamerly':
        return iteration > 0 ? 'hamerly' : seeded ? 'hamerly-seeded' : 'full';
    }
  };
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  const previous = new Float32Array(k * d);
  const width = statsWidth(b);
  let iterations = 0;
  let converged = false;
  let labelled = false;
  while (iterations < maxIter) {
    const moments = scale.abs === undefined;
    await run({ op: 'assign', mode: mode(iterations), moments });
    const tolAbs = moments ? takeTolerance(b, scale) : scale.abs!;
    iterations++;
    let changed = 0;
    for (let bl = 0; bl < b.blocks; bl++) changed += b.stats[bl * width + STAT_CHANGED]!;
    if (iterations > 1 && changed === 0) {
      converged = true; // same labels → same means: nothing left to move
      labelled = true;
      b.shift.fill(0);
      b.shiftMax.fill(0);
      b.shiftMax[1] = -1;
      break;
    }
    reduce(b, sums, counts);
    previous.set(centroids);
    for (let c = 0; c < k; c++) {
      const count = counts[c]!;
      if (count > 0) for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j]! / count;
    }
    relocateEmpty(b, counts, previous);
    const moved = updateShifts(b, previous);
    if (moved <= tolAbs) {
      converged = true;
      break;
    }
  }
  if (scale.abs === undefined) {
    await run({ op: 'moments' }); // no assignment pass ran (maxIter 0): still check every value
    takeTolerance(b, scale);
  }
  // stopped because no label changed: the labels are those of a scan against these very centres
  const last: AssignMode = labelled ? 'labelled' : iterations === 0 ? 'full' : mode(iterations);
  await run({ op: 'final', mode: last });
  let inertia = 0;
  for (let bl = 0; bl < b.blocks; bl++) inertia += b.stats[bl * width + STAT_INERTIA]!;
  return { k, d, centroids, labels: b.labels, distances: b.lower, inertia, iterations, converged };
}

/** Adds the blocks' partial sums and counts in block order (the determinism guarantee). */
function reduce(b: KMeansBuffers, sums: Float64Array, counts: Float64Array): void {
  const kd = b.k * b.d;
  sums.fill(0);
  counts.fill(0);
  for (let bl = 0; bl < b.blocks; bl++) {
    const so = bl * kd;
    for (let j = 0; j < kd; j++) sums[j]! += b.sums[so + j]!;
    const co = bl * b.k;
    for (let c = 0; c < b.k; c++) counts[c]! += b.counts[co + c]!;
  }
}

/** An empty cluster takes the row farthest from its (previous) centre, as the reference does. */
function relocateEmpty(b: KMeansBuffers, counts: Float64Array, previous: Float32Array): void {
  const { n, d, k, data, labels, centroids } = b;
  let far: Float64Array | undefined;
  for (let c = 0; c < k; c++) {
    if (counts[c]! > 0) continue;
    if (!far) {
      far = new Float64Array(n);
      for (let i = 0; i < n; i++) far[i] = sqDist(data, i * d, previous, labels[i]! * d, d);
    }
    let pick = 0;
    for (let i = 1; i < n; i++) if (far[i]! > far[pick]!) pick = i;
    centroids.set(data.subarray(pick * d, pick * d + d), c * d);
    far[pick] = 0;
  }
}

/** Centre shifts and half inter-centre gaps for Hamerly's bounds; returns the total squared shift. */
function updateShifts(b: KMeansBuffers, previous: Float32Array): number {
  const { k, d, centroids, shift, shiftMax } = b;
  let total = 0;
  let max = 0;
  let maxAt = -1;
  let second = 0;
  for (let c = 0; c < k; c++) {
    const s2 = sqDist(centroids, c * d, previous, c * d, d);
    total += s2;
    const s = Math.sqrt(s2);
    shift[c] = s;
    if (s > max) {
      second = max;
      max = s;
      maxAt = c;
    } else if (s > second) second = s;
  }
  shiftMax[0] = max;
  shiftMax[1] = maxAt;
  shiftMax[2] = second;
  halfGaps(b);
  if (b.nearOrder.length > 0) sortCentres(b);
  return total;
}

/** For each centre, the other centres nearest first and half the distance to each (rounded down). */
function sortCentres(b: KMeansBuffers): void {
  const { k, d, centroids, nearOrder, nearGap } = b;
  const gap = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    for (let o = c + 1; o < k; o++) {
      gap[c * k + o] = gap[o * k + c] = roundDown(
        Math.sqrt(sqDist(centroids, c * d, centroids, o * d, d)) / 2,
      );
    }
  }
  const others = new Int32Array(k - 1);
  for (let c = 0; c < k; c++) {
    for (let o = 0, at = 0; o < k; o++) if (o !== c) others[at++] = o;
    // equal gaps keep index order, so the lists do not depend on the sort's stability
    others.sort((x, y) => gap[c * k + x]! - gap[c * k + y]! || x - y);
    nearOrder.set(others, c * k);
    for (let j = 0; j < k - 1; j++) nearGap[c * k + j] = gap[c * k + others[j]!]!;
    nearGap[c * k + k - 1] = Infinity; // the end of the list stops every scan
  }
}

/** Half the distance from each centre to its nearest other centre. */
function halfGaps(b: KMeansBuffers): void {
  const { k, d, centroids, half } = b;
  half.fill(Infinity);
  for (let c = 0; c < k; c++) {
    for (let o = c + 1; o < k; o++) {
      const gap = Math.sqrt(sqDist(centroids, c * d, centroids, o * d, d)) / 2;
      if (gap < half[c]!) half[c] = gap;
      if (gap < half[o]!) half[o] = gap;
    }
  }
}

function copyResult(r: KMeansResult): KMeansResult {
  return { ...r, centroids: r.centroids.slice(), labels: r.labels.slice(), distances: r.distances.slice() };
}
