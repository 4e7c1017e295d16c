/**
 * Elkan's assignment (ICML 2003) for one chunk of rows: an upper bound u to the own centre a and a
 * lower bound l(c) to every centre c (n×k float32: 40 MB at 100k rows, k = 100). A centre is measured
 * only when its bound and Elkan's centre test (½·d(a, c) ≥ d(x, a) rules c out) both fail.
 *
 * Arranged for many centres per true cluster, where a row's own bounds fail often (measured at 100k×48,
 * k = 100: s(a) settled ~5% of rows) but only its few neighbouring centres can compete:
 * - Hamerly's test first (u against s(a) and one lower bound to all other centres, in `lower`, moved
 *   by the largest shift): settles a row in O(1);
 * - otherwise only the centres nearest a are walked (the driver's sorted lists), stopping at the
 *   first with ½·d(a, c) ≥ u; their own bounds settle most rows without measuring anything, and
 *   the rest measure d(x, a) once and then only the centres their bounds cannot rule out.
 * Bounds are stored relative to the start: l(c) = stored − (how far c has moved in total), so no
 * bound is ever decremented one by one; a measured distance is stored plus that total.
 * Exact: the same labels as a full scan (ties to the lowest index); bounds are widened by more than
 * float32 rounding, the first pass takes them from SIMD float32 distances with their error bound and
 * rescans near ties in float64.
 */
import type { KMeansBuffers } from './kmeans-buffers.ts';
import { f32Slack, lowerFromF32, roundDown, roundUp, sqDistance, upperFromF32 } from './kmeans-block-math.ts';
import { simdOf } from './kmeans-seed-kernels.ts';
import type { SimdDistances } from './kmeans-simd.ts';

/** What one block's Elkan pass needs besides the buffers. */
export interface ElkanPass {
  /** First pass: every distance is measured and becomes a bound. */
  first: boolean;
  simd: SimdDistances | null;
  slack: number;
  /** Labels the bound step changed (counted inside its loop). */
  changed: number;
}

export function elkanPass(b: KMeansBuffers, first: boolean): ElkanPass {
  const simd = first ? simdOf(b) : null;
  simd?.setCentres(b.centroids, 0, b.k);
  return { first, simd, slack: f32Slack(b.d), changed: 0 };
}

/** Assigns rows chunk..end; returns how many labels changed. */
export function elkanChunk(b: KMeansBuffers, p: ElkanPass, chunk: number, end: number): number {
  if (!p.first) {
    p.changed = 0;
    boundedRows(b, p, chunk, end);
    return p.changed;
  }
  if (p.simd) {
    p.simd.distances(b.data, chunk, end - chunk);
    return firstRowsSimd(b, p.simd.out, p.slack, chunk, end);
  }
  let changed = 0;
  for (let i = chunk; i < end; i++) changed += exactRow(b, i);
  return changed;
}

/** First pass from float32 distances: bounds from their error bound, near ties rescanned exactly. */
function firstRowsSimd(
  b: KMeansBuffers,
  out: Float32Array,
  slack: number,
  chunk: number,
  end: number,
): number {
  const { k, labels, upper, lower: second, elkanLower: lower } = b;
  let changed = 0;
  for (let i = chunk, o = 0; i < end; i++) {
    const base = i * k;
    let best = 0;
    let d1 = Infinity;
    let d2 = Infinity;
    for (let c = 0; c < k; c++, o++) {
      const v = out[o]!;
      lower[base + c] = lowerFromF32(v, slack);
      if (v < d1) {
        d2 = d1;
        d1 = v;
        best = c;
      } else if (v < d2) d2 = v;
    }
    const hi = upperFromF32(d1, slack);
    const lo = lowerFromF32(d2, slack);
    if (lo > hi) {
      if (labels[i] !== best) changed++;
      labels[i] = best;
      upper[i] = hi;
      second[i] = lo;
    } else changed += exactRow(b, i);
  }
  return changed;
}

/** Every distance of row i in float64: label (ties to the lowest index) and all bounds. */
function exactRow(b: KMeansBuffers, i: number): number {
  const { d, k, data, centroids, labels, upper, lower: second, elkanLower: lower } = b;
  const base = i * k;
  let best = 0;
  let d1 = Infinity;
  let d2 = Infinity;
  for (let c = 0; c < k; c++) {
    const v = sqDistance(data, i * d, centroids, c * d, d);
    lower[base + c] = roundDown(Math.sqrt(v));
    if (v < d1) {
      d2 = d1;
      d1 = v;
      best = c;
    } else if (v < d2) d2 = v;
  }
  upper[i] = roundUp(Math.sqrt(d1));
  second[i] = roundDown(Math.sqrt(d2));
  const changed = labels[i] === best ? 0 : 1;
  labels[i] = best;
  return changed;
}

/**
 * Later passes: Hamerly's test; then the centres near a against their own bounds with the loose u
 * (measures nothing: at 100k×48, k = 100 it settled ~90% of the rows Hamerly's test left late in a
 * run); then u tightened and the walk that measures.
 */
function boundedRows(b: KMeansBuffers, p: ElkanPass, chunk: number, end: number): void {
  const { d, data, centroids, labels, upper, lower: second, half, shift, shiftMax } = b;
  const maxShift = shiftMax[0]!;
  const maxAt = shiftMax[1]!;
  const secondShift = shiftMax[2]!;
  for (let i = chunk; i < end; i++) {
    const a = labels[i]!;
    let u = upper[i]! + shift[a]!;
    const l = second[i]! - (a === maxAt ? secondShift : maxShift);
    const bound = Math.max(half[a]!, l);
    if (u > bound) {
      const loose = ruledOut(b, i, a, u);
      if (loose >= 0) {
        upper[i] = roundUp(u);
        second[i] = roundDown(loose);
        continue;
      }
      const u2 = sqDistance(data, i * d, centroids, a * d, d);
      u = Math.sqrt(u2);
      if (u > bound) {
        p.changed += walkNear(b, i, a, u2);
        continue;
      }
    }
    upper[i] = roundUp(u);
    second[i] = roundDown(l);
  }
}

/**
 * Elkan's lazy step: with the loose upper bound u, are all the centres near a ruled out by their own
 * lower bounds (l(c) > u)? Then the label stands without measuring anything; returns a lower bound
 * on the distance to every other centre. Returns -1 when some centre is not ruled out.
 */
function ruledOut(b: KMeansBuffers, i: number, a: number, u: number): number {
  const { k, elkanLower: lower, elkanDrift: drift, nearOrder, nearGap } = b;
  const base = i * k;
  let next = Infinity;
  let j = a * k;
  for (; nearGap[j]! < u; j++) {
    const c = nearOrder[j]!;
    const l = lower[base + c]! - drift[c]!;
    if (!(l > u)) return -1;
    if (l < next) next = l;
  }
  return Math.max(0, Math.min(next, 2 * nearGap[j]! - u));
}

/**
 * Row i, own centre a at exact squared distance u2, against the centres nearest a until ½·d(a, c) ≥
 * d(x, a) (every centre after that is at least 2·gap − d(x, a) away). A centre is measured only when
 * its lower bound is below the best distance so far. Returns 1 when the label changed.
 */
function walkNear(b: KMeansBuffers, i: number, a: number, u2: number): number {
  const { d, k, data, centroids, labels, upper, lower: second } = b;
  const { elkanLower: lower, elkanDrift: drift, nearOrder, nearGap } = b;
  const xo = i * d;
  const base = i * k;
  const u = Math.sqrt(u2);
  let best = a;
  let d1 = u2;
  let bestD = u;
  let next = Infinity; // a lower bound on the distance to every centre but the best
  let j = a * k;
  for (; nearGap[j]! < u; j++) {
    const c = nearOrder[j]!;
    const l = lower[base + c]! - drift[c]!;
    if (l > bestD) {
      if (l < next) next = l;
      continue;
    }

    const v = sqDistance(data, xo, centroids, c * d, d);
    const dv = Math.sqrt(v);
    lower[base + c] = roundDown(roundDown(dv) + drift[c]!);
    if (v < d1 || (v === d1 && c < best)) {
      if (bestD < next) next = bestD;
      best = c;
      d1 = v;
      bestD = dv;
    } else if (dv < next) next = dv;
  }
  const rest = 2 * nearGap[j]! - u;
  if (rest < next) next = rest;
  upper[i] = roundUp(bestD);
  second[i] = roundDown(next);
  if (best === a) return 0;
  lower[base + a] = roundDown(roundDown(u) + drift[a]!); // a is another centre now: its exact distance
  labels[i] = best;
  return 1;
}
