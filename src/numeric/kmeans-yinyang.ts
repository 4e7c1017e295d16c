/**
 * Yinyang k-means assignment (Ding et al., ICML 2015) for one block: centres are split into groups,
 * each row keeps an upper bound to its own centre and one lower bound per group. A row is skipped
 * when its upper bound is below every group bound (global filter); otherwise only the groups whose
 * bound is below the best distance so far are scanned (group filter). Exact: same labels as a scan.
 * With WebAssembly SIMD, rows the global filter cannot settle are instead scanned against every centre
 * in float32 at once (cheaper than the group-filtered float64 scan), refreshing all their bounds.
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

/** What one block's Yinyang pass needs besides the buffers. */
export interface YinyangPass {
  /** First pass: no bounds yet, every row is scanned. */
  first: boolean;
  simd: SimdDistances | null;
  /** Centres listed group by group (members[from[g]..from[g+1])), so a group scan touches only its own. */
  from: Int32Array;
  members: Int32Array;
  /** Rows of the current chunk the global filter could not settle, and their upper bounds. */
  list: Int32Array;
  ubs: Float64Array;
  /** Per-group scratch for one row: nearest, its centre, second nearest, whether it was scanned. */
  min1: Float64Array;
  arg1: Int32Array;
  min2: Float64Array;
  scanned: Uint8Array;
}

export function yinyangPass(b: KMeansBuffers, first: boolean): YinyangPass {
  const { k, groups: t, groupOf } = b;
  const from = new Int32Array(t + 1);
  for (let c = 0; c < k; c++) from[groupOf[c]! + 1]!++;
  for (let g = 0; g < t; g++) from[g + 1]! += from[g]!;
  const members = new Int32Array(k);
  const fill = from.slice(0, t);
  for (let c = 0; c < k; c++) members[fill[groupOf[c]!]!++] = c;
  const simd = simdOf(b);
  simd?.setCentres(b.centroids, 0, k);
  simd?.setGroups(groupOf, k);
  return {
    first,
    simd,
    from,
    members,
    list: new Int32Array(SUM_ROWS),
    ubs: new Float64Array(SUM_ROWS),
    min1: new Float64Array(t),
    arg1: new Int32Array(t),
    min2: new Float64Array(t),
    scanned: new Uint8Array(t),
  };
}

/** Assigns rows chunk..end; returns how many labels changed. */
export function yinyangChunk(b: KMeansBuffers, p: YinyangPass, chunk: number, end: number): number {
  const m = globalFilter(b, p, chunk, end);
  if (m === 0) return 0;
  const simd = p.simd;
  if (!simd) return groupScans(b, p, m);
  if (m === end - chunk) simd.distances(b.data, chunk, m);
  else simd.distancesOf(b.data, p.list, m);
  simd.scanGroups(m, b.groups);
  return simdScans(b, simd, p.list, m);
}

/**
 * Skips rows whose upper bound is below every group bound (storing the shifted bounds); lists the
 * others with their upper bound (tightened to the exact distance, or Infinity on the first pass).
 */
function globalFilter(b: KMeansBuffers, p: YinyangPass, chunk: number, end: number): number {
  const { d, data, centroids, labels, upper, shift, groups: t, groupShift, groupLower } = b;
  const { list, ubs, first } = p;
  let m = 0;
  for (let i = chunk; i < end; i++) {
    const lo = i * t;
    let ub = Infinity;
    if (first) for (let g = 0; g < t; g++) groupLower[lo + g] = 0;
    else {
      const old = labels[i]!;
      ub = upper[i]! + shift[old]!;
      let global = Infinity;
      for (let g = 0; g < t; g++) {
        const l = groupLower[lo + g]! - groupShift[g]!;
        if (l < global) global = l;
      }
      if (ub > global) ub = Math.sqrt(sqDistance(data, i * d, centroids, old * d, d));
      if (ub <= global) {
        // bounds still prove the label: store the shifted bounds and move on
        for (let g = 0; g < t; g++) groupLower[lo + g] = roundDown(groupLower[lo + g]! - groupShift[g]!);
        upper[i] = roundUp(ub);
        continue;
      }
    }
    ubs[m] = ub;
    list[m++] = i;
  }
  return m;
}

/** The JS path: group filter, then a local filter per centre, float64 distances. */
function groupScans(b: KMeansBuffers, p: YinyangPass, m: number): number {
  const { d, data, centroids, labels, upper, shift, groups: t, groupOf, groupShift, groupLower } = b;
  const { list, ubs, first, from, members, min1, arg1, min2, scanned } = p;
  let changed = 0;
  for (let r = 0; r < m; r++) {
    const i = list[r]!;
    const xo = i * d;
    const lo = i * t;
    const old = labels[i]!;
    const ub = ubs[r]!;
    let best = old;
    let bestDist = ub;
    for (let g = 0; g < t; g++) {
      const stored = first ? -Infinity : groupLower[lo + g]!;
      const bound = stored - groupShift[g]!;
      scanned[g] = 0;
      if (bound >= bestDist) {
        groupLower[lo + g] = roundDown(bound);
        continue;
      }
      scanned[g] = 1;
      let m1 = Infinity;
      let a1 = -1;
      let m2 = Infinity;
      for (let q = from[g]!; q < from[g + 1]!; q++) {
        const c = members[q]!;
        let dist: number;
        let real = true;
        if (c === old && !first) dist = ub;
        else {
          // local filter: the old group bound, moved by this centre's own shift, may already rule it out
          dist = stored - shift[c]!;
          if (dist < bestDist) dist = Math.sqrt(sqDistance(data, xo, centroids, c * d, d));
          else real = false;
        }
        if (dist < m1) {
          m2 = m1;
          m1 = dist;
          a1 = c;
        } else if (dist < m2) m2 = dist;
        // ties go to the lowest index, as in a full scan
        if (real && (dist < bestDist || (dist === bestDist && c < best))) {
          bestDist = dist;
          best = c;
        }
      }
      min1[g] = m1;
      arg1[g] = a1;
      min2[g] = m2;
    }
    for (let g = 0; g < t; g++) {
      if (scanned[g]) groupLower[lo + g] = roundDown(arg1[g] === best ? min2[g]! : min1[g]!);
    }
    if (best !== old) {
      if (!first) {
        // the old centre is no longer the own one: its group bound must cover it
        const g = groupOf[old]!;
        if (ub < groupLower[lo + g]!) groupLower[lo + g] = roundDown(ub);
      }
      changed++;
      labels[i] = best;
    }
    upper[i] = roundUp(bestDist);
  }
  return changed;
}

/** The SIMD path: every listed row against every centre in float32 (see scanRow). */
function simdScans(b: KMeansBuffers, simd: SimdDistances, list: Int32Array, m: number): number {
  let changed = 0;
  for (let r = 0; r < m; r++) changed += scanRow(b, simd, r, list[r]!);
  return changed;
}

/**
 * Row i against every centre, from its float32 distances at out[o..o+k): the nearest (exact when the
 * error bounds cannot swap the two nearest, else a float64 rescan with ties to the lowest index), and
 * fresh bounds for every group. Returns 1 when the label changed.
 */
function scanRow(b: KMeansBuffers, simd: SimdDistances, r: number, i: number): number {
  const { d, k, data, centroids, labels, upper, groups: t, groupOf, groupLower } = b;
  const slack = f32Slack(d);
  // the scan row: [nearest, a1, a2, smallest per group × t, second smallest per group × t]
  const at = r * (3 + 2 * t);
  const scan = simd.scan;
  let best = simd.scanIndex[at]!;
  const a1 = scan[at + 1]!;
  const a2 = scan[at + 2]!;
  const lo = i * t;
  let ub: number;
  if (upperFromF32(a1, slack) < lowerFromF32(a2, slack)) {
    ub = upperFromF32(a1, slack);
    // the nearest is unique here, so in its group the second smallest is the smallest of the others
    const own = groupOf[best]!;
    for (let g = 0; g < t; g++) {
      const v = scan[at + 3 + (g === own ? t + g : g)]!;
      groupLower[lo + g] = v === Infinity ? Infinity : lowerFromF32(v, slack);
    }
  } else {
    // near tie: exact distances decide, as a plain scan would (rare: a fresh array is fine)
    const exact = new Float64Array(k);
    for (let g = 0; g < t; g++) groupLower[lo + g] = Infinity;
    let e1 = Infinity;
    for (let c = 0; c < k; c++) {
      const v = (exact[c] = sqDistance(data, i * d, centroids, c * d, d));
      if (v < e1) {
        e1 = v;
        best = c;
      }
    }
    ub = roundUp(Math.sqrt(e1));
    for (let c = 0; c < k; c++) {
      if (c === best) continue;
      const bound = roundDown(Math.sqrt(exact[c]!));
      const g = lo + groupOf[c]!;
      if (bound < groupLower[g]!) groupLower[g] = bound;
    }
  }
  const changed = labels[i] === best ? 0 : 1;
  labels[i] = best;
  upper[i] = ub;
  return changed;
}
