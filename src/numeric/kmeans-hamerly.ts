/**
 * Hamerly's assignment (one upper bound to the own centre, one lower bound to every other) for one
 * chunk of rows. Rows whose bounds fail are listed and scanned together: first in float32 SIMD, and
 * when the error bounds cannot swap the two nearest that winner is the exact one; near ties are
 * rescanned in float64, where ties go to the lowest index, as in the reference. With SIMD and all k
 * scanned, the bound test, the nearest-two scan and the bounds from it run in the WebAssembly module
 * (the same float64 operations); a chunk mostly unsettled is scanned whole.
 *
 * Each loop sits in its own function with nothing after it but a return: V8 compiles a hot loop
 * mid-run (OSR) and reuses that code on the next call, so code after the loop that had not run yet
 * would deoptimise on every call.
 */
import type { KMeansBuffers } from './kmeans-buffers.ts';
import {
  f32Slack,
  lowerFromF32,
  roundDown,
  roundUp,
  sqDistance,
  SUM_ROWS,
  upperFromF32,
} from './kmeans-block-math.ts';
import { simdOf } from './kmeans-seed-kernels.ts';
import type { SimdDistances } from './kmeans-simd.ts';

/**
 * From this many centres, rows whose bounds fail scan the centres nearest their own first (sortedScan)
 * instead of all k in SIMD: with many centres a row then measures a handful; at k = 9 the two tie.
 */
export const SORTED_FROM_K = 10;
/** Up to this many: the sorted lists take 12·k² bytes (48 MB at 2000) and O(k²·d) a pass to build. */
export const SORTED_UP_TO_K = 2000;

/** Whether Hamerly with k centres scans failing rows nearest centres first. */
export function sortedScans(k: number): boolean {
  return k >= SORTED_FROM_K && k <= SORTED_UP_TO_K;
}

/** A chunk with more than 1/DENSE_FRACTION of its rows unsettled is scanned whole (SIMD only). */
export const DENSE_FRACTION = 4;
/**
 * With more than 1/GATHER_FRACTION of a chunk listed, it is copied in whole and the module gathers the
 * listed rows; below that each listed row is copied from JS (copying whole chunks of a 2M-row matrix
 * every pass would cost more than the few rows left late in a fit).
 */
export const GATHER_FRACTION = 32;

/**
 * Sorted scans stop paying when a failing row measures more than this fraction of the k centres
 * before Elkan's test stops it: then the rest of the block scans all k in SIMD (about four times
 * cheaper a centre than float64 JS), as below SORTED_FROM_K: real features, unlike blobs, have
 * rows near many centres.
 */
export const SORTED_GIVE_UP = 0.25;

/** What one block's Hamerly pass needs besides the buffers. */
export interface HamerlyPass {
  mode: 'full' | 'hamerly' | 'hamerly-seeded';
  simd: SimdDistances | null;
  slack: number;
  /** Rows of the current chunk that need a scan. */
  list: Int32Array;
  /** Labels the bounds step changed itself (sorted scans). */
  changed: number;
  /** Rows whose bounds fail scan the nearest centres first (until SORTED_GIVE_UP says otherwise). */
  sorted: boolean;
  /** Rows sorted scans took so far in this block, and the centres they measured. */
  scanned: number;
  measured: number;
}

export function hamerlyPass(b: KMeansBuffers, mode: HamerlyPass['mode']): HamerlyPass {
  const simd = simdOf(b);
  if (simd) simd.setCentres(b.centroids, 0, b.k);
  if (simd && mode === 'hamerly') simd.setShifts(b.half, b.shift, b.k);
  const sorted = b.nearOrder.length > 0;
  const list = new Int32Array(SUM_ROWS);
  return { mode, simd, slack: f32Slack(b.d), list, changed: 0, sorted, scanned: 0, measured: 0 };
}

/** Assigns rows chunk..end; returns how many labels changed. */
export function hamerlyChunk(b: KMeansBuffers, p: HamerlyPass, chunk: number, end: number): number {
  if (p.simd && p.mode === 'full') return fullChunk(b, p.simd, p.slack, chunk, end);
  p.changed = 0;
  const m =
    p.mode === 'full'
      ? listAll(p.list, chunk, end)
      : p.mode === 'hamerly'
        ? hamerlyBounds(b, p, chunk, end)
        : seededBounds(b, p, chunk, end);
  if (p.sorted && p.simd && p.scanned >= 64 && p.measured > SORTED_GIVE_UP * b.k * p.scanned)
    p.sorted = false;
  if (m === 0) return p.changed;
  // many rows unsettled (the first passes): scanning the whole chunk is cheaper than gathering them;
  // rows the bounds had settled get the same label, and tighter bounds
  if (p.simd && !p.changed && m * DENSE_FRACTION > end - chunk) {
    return fullChunk(b, p.simd, p.slack, chunk, end);
  }
  if (p.simd) return p.changed + listedChunk(b, p, p.simd, chunk, end, m);
  return p.changed + scanListed(b, p, m);
}

/**
 * The m listed rows of a chunk against every centre in the module: gathered there from a bulk copy of
 * the chunk when many are listed (one JS copy a row otherwise), nearest two picked and bounds set as
 * in fullChunk; near ties rescanned in float64.
 */
function listedChunk(
  b: KMeansBuffers,
  p: HamerlyPass,
  simd: SimdDistances,
  chunk: number,
  end: number,
  m: number,
): number {
  if (m * GATHER_FRACTION > end - chunk) simd.distancesOfChunk(b.data, chunk, end - chunk, p.list, m);
  else simd.distancesOf(b.data, p.list, m);
  simd.nearest(m);
  let changed = simd.settle(b.labels, b.upper, b.lower, chunk, end - chunk, p.slack, p.list, m);
  const ambiguous = simd.ambiguous;
  for (let t = 1; t <= ambiguous[0]!; t++) changed += exactScan(b, chunk + ambiguous[t]!);
  return changed;
}

/** Every row of the chunk against every centre, nearest two picked and bounds set in the module. */
function fullChunk(b: KMeansBuffers, simd: SimdDistances, slack: number, chunk: number, end: number): number {
  simd.distances(b.data, chunk, end - chunk);
  simd.nearest(end - chunk);
  let changed = simd.settle(b.labels, b.upper, b.lower, chunk, end - chunk, slack);
  const ambiguous = simd.ambiguous;
  for (let t = 1; t <= ambiguous[0]!; t++) changed += exactScan(b, chunk + ambiguous[t]!);
  return changed;
}

function listAll(list: Int32Array, chunk: number, end: number): number {
  for (let i = chunk; i < end; i++) list[i - chunk] = i;
  return end - chunk;
}

/** Bounds moved by the last centre shifts; rows they cannot settle go to the list. */
function hamerlyBounds(b: KMeansBuffers, p: HamerlyPass, chunk: number, end: number): number {
  const { d, data, centroids, labels, upper, lower, half, shift, shiftMax } = b;
  const { list, simd, sorted } = p;
  const maxShift = shiftMax[0]!;
  const maxAt = shiftMax[1]!;
  const secondShift = shiftMax[2]!;
  // all k scanned in SIMD: the bound test runs in the module, the same float64 operations
  if (simd && !sorted) return simd.bounds(labels, upper, lower, chunk, end - chunk, shiftMax, list);
  let m = 0;
  for (let i = chunk; i < end; i++) {
    const a = labels[i]!;
    let u = upper[i]! + shift[a]!;
    const l = lower[i]! - (a === maxAt ? secondShift : maxShift);
    const bound = Math.max(half[a]!, l);
    // Hamerly tightens u with one exact distance first; with SIMD, scanning all k is faster
    if (u > bound && (!simd || sorted)) {
      const u2 = sqDistance(data, i * d, centroids, a * d, d);
      u = Math.sqrt(u2);
      if (u > bound && sorted) {
        p.changed += sortedScan(b, p, i, a, u2);
        continue;
      }
    }
    if (u > bound) list[m++] = i;
    else {
      upper[i] = roundUp(u);
      lower[i] = roundDown(l);
    }
  }
  return m;
}

/**
 * Row i, own centre a at exact squared distance u2, against the centres nearest a first: centre c
 * cannot be nearer than a once ½·d(a, c) ≥ d(x, a) (Elkan's centre test; the list is sorted, so the
 * scan stops at the first such c), and every centre from there on is at least 2·gap − d(x, a) away,
 * which bounds the second nearest. With many centres only a few near ones are measured (float64).
 * Returns 1 when the label changed.
 */
function sortedScan(b: KMeansBuffers, p: HamerlyPass, i: number, a: number, u2: number): number {
  const { d, k, data, centroids, labels, upper, lower, nearOrder, nearGap } = b;
  const xo = i * d;
  const u = Math.sqrt(u2);
  let best = a;
  let d1 = u2;
  let d2 = Infinity;
  let j = a * k;
  for (; nearGap[j]! < u; j++) {
    const c = nearOrder[j]!;
    const v = sqDistance(data, xo, centroids, c * d, d);
    if (v < d1 || (v === d1 && c < best)) {
      d2 = d1;
      d1 = v;
      best = c;
    } else if (v < d2) d2 = v;
  }
  p.scanned++;
  p.measured += j - a * k;
  const rest = 2 * nearGap[j]! - u; // every centre not measured is at least this far
  upper[i] = roundUp(Math.sqrt(d1));
  lower[i] = roundDown(Math.min(Math.sqrt(d2), rest));
  if (labels[i] === best) return 0;
  labels[i] = best;
  return 1;
}

/**
 * First bounds from greedy k-means++ (squared nearest and second-nearest distances it left in `upper`
 * and `lower`, in float32), widened by the float32 error bound, instead of a full scan.
 */
function seededBounds(b: KMeansBuffers, p: HamerlyPass, chunk: number, end: number): number {
  const { labels, upper, lower, half } = b;
  const { list, slack } = p;
  let m = 0;
  for (let i = chunk; i < end; i++) {
    const u = upperFromF32(upper[i]!, slack);
    const l = lowerFromF32(lower[i]!, slack);
    if (u > Math.max(half[labels[i]!]!, l)) list[m++] = i;
    else {
      upper[i] = roundUp(u);
      lower[i] = roundDown(l);
    }
  }
  return m;
}

/** Nearest and second nearest of the listed rows without WebAssembly: every one in float64. */
function scanListed(b: KMeansBuffers, p: HamerlyPass, m: number): number {
  let changed = 0;
  for (let r = 0; r < m; r++) changed += exactScan(b, p.list[r]!);
  return changed;
}

/** Row i against every centre in float64 (ties to the lowest index); returns 1 if its label changed. */
function exactScan(b: KMeansBuffers, i: number): number {
  const { d, k, data, centroids, labels, upper, lower } = b;
  let best = 0;
  let d1 = Infinity;
  let d2 = Infinity;
  for (let c = 0; c < k; c++) {
    const v = sqDistance(data, i * d, centroids, c * d, d);
    if (v < d1) {
      d2 = d1;
      d1 = v;
      best = c;
    } else if (v < d2) d2 = v;
  }
  upper[i] = roundUp(Math.sqrt(d1));
  lower[i] = roundDown(Math.sqrt(d2));
  if (best === labels[i]) return 0;
  labels[i] = best;
  return 1;
}
