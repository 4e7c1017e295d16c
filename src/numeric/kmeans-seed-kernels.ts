/**
 * Per-block kernels of the seeding step (greedy k-means++ and k-means||). They only choose starting
 * centres, so they use the float32 WebAssembly SIMD kernel where it exists on every row: the
 * triangle-inequality pruning the JS fallback does skips too few rows to pay for gathering the
 * survivors. Either way each row's result does not
 * depend on which thread ran its block, so seeding stays identical for any thread count.
 */
import {
  BLOCK_ROWS,
  STAT_CANDIDATES,
  STAT_POTENTIAL,
  statsWidth,
  type KMeansBuffers,
} from './kmeans-buffers.ts';
import { F32_MAX, sqDistance } from './kmeans-block-math.ts';
import { createSimdDistances, SIMD_ROWS, type SimdDistances } from './kmeans-simd.ts';

/** This thread's SIMD kernel, made on first use (null where WebAssembly SIMD is missing). */
export function simdOf(b: KMeansBuffers): SimdDistances | null {
  if (b.simd === undefined) b.simd = createSimdDistances(b.d, b.maxCandidates) ?? null;
  return b.simd;
}

/**
 * Folds a new centre into each row's best squared distance (labels: the nearest centre so far) and a
 * lower bound on the second best (in `lower`), which become Hamerly's first bounds.
 * JS path: `centreDist[c']` holds the distance from the new centre to centre c'; when it is at least
 * twice the row's distance to its own centre, the new one cannot be closer, so the row is skipped
 * and the gap minus that distance bounds its distance from below.
 */
export function commitBlock(b: KMeansBuffers, block: number, centre: number, reset: boolean): void {
  const [start, end] = rowsOf(b, block);
  const simd = simdOf(b);
  let potential = 0;
  if (simd) {
    simd.setCentres(b.centroids, centre, 1);
    for (let s = start; s < end; s += SIMD_ROWS) {
      const rows = Math.min(SIMD_ROWS, end - s);
      simd.distances(b.data, s, rows);
      potential += reset
        ? resetRows(b, simd.out, s, s + rows, centre)
        : simd.commit(b.upper, b.lower, b.labels, s, rows, centre);
    }
  } else potential = commitRowsJs(b, start, end, centre, reset);
  b.stats[block * statsWidth(b) + STAT_POTENTIAL] = potential;
}

/** The first centre: every row's best is its distance to it (copies and fills, one plain sum). */
function resetRows(b: KMeansBuffers, out: Float32Array, start: number, end: number, centre: number): number {
  const { labels, upper: best, lower: second } = b;
  best.set(out.subarray(0, end - start), start);
  second.fill(Infinity, start, end);
  labels.fill(centre, start, end);
  let potential = 0;
  for (let i = start; i < end; i++) potential += best[i]!;
  return potential;
}

function commitRowsJs(b: KMeansBuffers, start: number, end: number, centre: number, reset: boolean): number {
  const { d, data, centroids, labels, upper: best, lower: second, centreDist } = b;
  const co = centre * d;
  let potential = 0;
  for (let i = start; i < end; i++) {
    if (reset) {
      second[i] = Infinity;
      best[i] = sqDistance(data, i * d, centroids, co, d);
      labels[i] = centre;
    } else {
      const own = best[i]!;
      const gap = centreDist[labels[i]!]!;
      let v: number;
      if (gap * gap < 4 * own) v = sqDistance(data, i * d, centroids, co, d);
      else v = (gap - Math.sqrt(own)) ** 2; // a lower bound, ≥ own
      if (v < own) {
        second[i] = own;
        best[i] = v;
        labels[i] = centre;
      } else if (v < second[i]!) second[i] = v;
    }
    potential += best[i]!;
  }
  return potential;
}

/** Potential of the block if candidate t were added, for each of the first `count` candidates. */
export function evalBlock(b: KMeansBuffers, block: number, count: number): void {
  const [start, end] = rowsOf(b, block);
  const simd = simdOf(b);
  const potentials = new Float64Array(count);
  if (simd) {
    simd.setCentres(b.candidates, 0, count);
    simd.beginPotentials();
    for (let s = start; s < end; s += SIMD_ROWS) {
      const rows = Math.min(SIMD_ROWS, end - s);
      simd.distances(b.data, s, rows);
      simd.addPotentials(b.upper, s, rows);
    }
    simd.potentialsInto(potentials);
  } else evalRowsJs(b, start, end, count, potentials);
  const out = block * statsWidth(b) + STAT_CANDIDATES;
  for (let t = 0; t < count; t++) b.stats[out + t] = potentials[t]!;
}

function evalRowsJs(
  b: KMeansBuffers,
  start: number,
  end: number,
  count: number,
  potentials: Float64Array,
): void {
  const { d, k, data, candidates, labels, upper: best, centreDist } = b;
  for (let i = start; i < end; i++) {
    const own = best[i]!;
    const label = labels[i]!;
    const xo = i * d;
    for (let t = 0; t < count; t++) {
      const gap = centreDist[t * k + label]!;
      if (gap * gap < 4 * own) {
        const v = sqDistance(data, xo, candidates, t * d, d);
        potentials[t]! += v < own ? v : own;
      } else potentials[t]! += own;
    }
  }
}

/**
 * One k-means|| round: the `count` rows just drawn (in `candidates`) join the candidate set as numbers
 * first..first+count-1; each row keeps its nearest candidate in `labels` and the squared distance.
 */
export function roundBlock(b: KMeansBuffers, block: number, first: number, count: number): void {
  const [start, end] = rowsOf(b, block);
  const simd = simdOf(b);
  let potential = 0;
  if (simd) {
    simd.setCentres(b.candidates, 0, count);
    for (let s = start; s < end; s += SIMD_ROWS) {
      const rows = Math.min(SIMD_ROWS, end - s);
      simd.distances(b.data, s, rows);
      simd.nearest(rows);
      potential += roundRows(b, simd, s, s + rows, first, count);
    }
  } else potential = roundRowsJs(b, start, end, first, count);
  b.stats[block * statsWidth(b) + STAT_POTENTIAL] = potential;
}

/**
 * roundBlock's row loop over the module's nearest candidate of each row; returns the potential. A
 * distance clamped to the largest float32 may have been +∞: such rows take the candidates one by one.
 */
function roundRows(
  b: KMeansBuffers,
  simd: SimdDistances,
  start: number,
  end: number,
  first: number,
  count: number,
): number {
  const { labels, upper: best } = b;
  const { near, nearIndex, out } = simd;
  let potential = 0;
  for (let i = start, r = 0; i < end; i++, r++) {
    let v = best[i]!;
    let at = -1;
    const e = near[3 * r + 1]!;
    if (e < F32_MAX) {
      if (e < v) {
        v = e;
        at = nearIndex[3 * r]!;
      }
    } else {
      for (let t = 0, o = r * count; t < count; t++, o++) {
        if (out[o]! < v) {
          v = out[o]!;
          at = t;
        }
      }
    }
    if (at >= 0) {
      best[i] = v;
      labels[i] = first + at;
    }
    potential += v;
  }
  return potential;
}

/** roundBlock without WebAssembly SIMD: float64 distances. */
function roundRowsJs(b: KMeansBuffers, start: number, end: number, first: number, count: number): number {
  const { d, data, candidates, labels, upper: best } = b;
  let potential = 0;
  for (let i = start; i < end; i++) {
    let v = best[i]!;
    let at = -1;
    for (let t = 0; t < count; t++) {
      const e = sqDistance(data, i * d, candidates, t * d, d);
      if (e < v) {
        v = e;
        at = t;
      }
    }
    if (at >= 0) {
      best[i] = v;
      labels[i] = first + at;
    }
    potential += v;
  }
  return potential;
}

function rowsOf(b: KMeansBuffers, block: number): [number, number] {
  const start = block * BLOCK_ROWS;
  return [start, Math.min(b.n, start + BLOCK_ROWS)];
}
