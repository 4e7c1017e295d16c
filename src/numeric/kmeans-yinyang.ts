/**
 * Yinyang k-means assignment (Ding et al., ICML 2015) for one block: centres are split into groups,
 * each row keeps an upper bound to its own centre and one lower bound per group. A row is skipped
 * when its upper bound is below every group bound (global filter); otherwise only the groups whose
 * bound is below the best distance so far are scanned (group filter). Exact: same labels as a scan.
 * With WebAssembly SIMD, rows the global filter cannot settle are instead scanned against every centre
 * in float32 at once (cheaper than the group-filtered float64 scan), refreshing all their bounds.
 */
import { STAT_CHANGED, STAT_INERTIA, statsWidth, type KMeansBuffers } from './kmeans-buffers.ts';
import {
  addSums,
  clearSums,
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

export function yinyangBlock(
  b: KMeansBuffers,
  block: number,
  start: number,
  end: number,
  first: boolean,
  final: boolean,
): void {
  const {
    d,
    k,
    data,
    centroids,
    labels,
    upper,
    lower,
    shift,
    groups: t,
    groupOf,
    groupShift,
    groupLower,
  } = b;
  // per-group scratch for one row: nearest, its centre, second nearest, and whether it was scanned
  const min1 = new Float64Array(t);
  const arg1 = new Int32Array(t);
  const min2 = new Float64Array(t);
  const scanned = new Uint8Array(t);
  // centres listed group by group, so a group scan touches only its members
  const from = new Int32Array(t + 1);
  for (let c = 0; c < k; c++) from[groupOf[c]! + 1]!++;
  for (let g = 0; g < t; g++) from[g + 1]! += from[g]!;
  const members = new Int32Array(k);
  const fill = from.slice(0, t);
  for (let c = 0; c < k; c++) members[fill[groupOf[c]!]!++] = c;
  const simd = simdOf(b);
  simd?.setCentres(centroids, 0, k);
  simd?.setGroups(groupOf, k);
  const list = new Int32Array(SUM_ROWS);
  const exact = new Float64Array(k);
  const tally = new Float64Array(2); // labels changed, inertia: from the SIMD scans
  let changed = 0;
  let inertia = 0;
  if (!final) clearSums(b, block);
  for (let chunk = start; chunk < end; chunk += SUM_ROWS) {
    const chunkEnd = Math.min(end, chunk + SUM_ROWS);
    let m = 0;
    for (let i = chunk; i < chunkEnd; i++) {
      const xo = i * d;
      const lo = i * t;
      const old = labels[i]!;
      let ub: number;
      if (first) {
        ub = Infinity;
        for (let g = 0; g < t; g++) groupLower[lo + g] = 0;
      } else {
        ub = upper[i]! + shift[old]!;
        let global = Infinity;
        for (let g = 0; g < t; g++) {
          const l = groupLower[lo + g]! - groupShift[g]!;
          if (l < global) global = l;
        }
        let tight = false;
        if (ub > global) {
          ub = Math.sqrt(sqDistance(data, xo, centroids, old * d, d));
          tight = true;
        }
        if (ub <= global) {
          // bounds still prove the label: store the shifted bounds and move on
          for (let g = 0; g < t; g++) groupLower[lo + g] = roundDown(groupLower[lo + g]! - groupShift[g]!);
          upper[i] = roundUp(ub);
          if (final) {
            const sq = tight ? ub * ub : sqDistance(data, xo, centroids, old * d, d);
            inertia += sq;
            lower[i] = Math.sqrt(sq);
          }
          continue;
        }
      }
      if (simd) {
        list[m++] = i;
        continue;
      }
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
        for (let p = from[g]!; p < from[g + 1]!; p++) {
          const c = members[p]!;
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
      if (final) {
        inertia += bestDist * bestDist;
        lower[i] = bestDist;
      }
    }
    if (simd && m > 0) {
      if (m === chunkEnd - chunk) simd.distances(data, chunk, m);
      else simd.distancesOf(data, list, m);
      simd.scanGroups(m, t);
      for (let r = 0; r < m; r++) scanRow(b, simd, r, list[r]!, final, exact, tally);
    }
    if (!final) addSums(b, block, chunk, chunkEnd);
  }
  const w = statsWidth(b);
  b.stats[block * w + STAT_CHANGED] = changed + tally[0]!;
  b.stats[block * w + STAT_INERTIA] = inertia + tally[1]!;
}

/**
 * Row i against every centre, from its float32 distances at out[o..o+k): the nearest (exact when the
 * error bounds cannot swap the two nearest, else a float64 rescan with ties to the lowest index), and
 * fresh bounds for every group. Adds to tally [labels changed, inertia when `final`].
 */
function scanRow(
  b: KMeansBuffers,
  simd: SimdDistances,
  r: number,
  i: number,
  final: boolean,
  exact: Float64Array,
  tally: Float64Array,
): void {
  const { d, k, data, centroids, labels, upper, lower, groups: t, groupOf, groupLower } = b;
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
    // near tie: exact distances decide, as a plain scan would
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
  if (labels[i] !== best) tally[0]!++;
  labels[i] = best;
  upper[i] = ub;
  if (final) {
    const sq = sqDistance(data, i * d, centroids, best * d, d);
    tally[1]! += sq;
    lower[i] = Math.sqrt(sq);
  }
}
