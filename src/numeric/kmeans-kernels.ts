/**
 * The per-block kernels of the k-means engine: pure functions over KMeansBuffers that touch only the
 * rows of one block and that block's output slots. The driver runs them inline or a worker pool runs
 * them; either way the outputs are the same.
 */
import { BLOCK_ROWS, STAT_CHANGED, STAT_INERTIA, statsWidth, type KMeansBuffers } from './kmeans-buffers.ts';
import { commitBlock, evalBlock, roundBlock, simdOf } from './kmeans-seed-kernels.ts';
import {
  addSums,
  clearSums,
  SUM_ROWS,
  f32Slack,
  lowerFromF32,
  momentsBlock,
  roundDown,
  roundUp,
  sqDistance,
  upperFromF32,
} from './kmeans-block-math.ts';
import { yinyangBlock } from './kmeans-yinyang.ts';

/**
 * 'full' scans every centre; 'hamerly' and 'yinyang' first try their bounds ('yinyang-first' sets them).
 * 'hamerly-seeded' takes its first bounds from greedy k-means++ (squared nearest and second-nearest
 * distances it left in `upper` and `lower`), widened by SEED_SLACK, instead of a full scan.
 */
export type AssignMode = 'full' | 'hamerly-seeded' | 'hamerly' | 'yinyang-first' | 'yinyang';

export type BlockCommand =
  /** Assign rows to centres: 'full' scans every centre, 'hamerly' first tries the bounds. */
  | { op: 'assign'; mode: AssignMode }
  /** Last assignment against the final centres; writes exact distances into `lower`. */
  | { op: 'final'; mode: AssignMode }
  /** k-means++: fold centre `centre` into the best squared distances (`reset` for the first). */
  | { op: 'pp-commit'; centre: number; reset: boolean }
  /** k-means++: potential if each of the first `count` candidates were added. */
  | { op: 'pp-eval'; count: number }
  /** k-means||: the first `count` rows of `candidates` become candidates first.. (nearest into labels). */
  | { op: 'par-round'; first: number; count: number }
  /** Column sums and sums of squares per block (for the tolerance scale; needs k ≥ 2). */
  | { op: 'moments' };

export function runBlock(b: KMeansBuffers, cmd: BlockCommand, block: number): void {
  const start = block * BLOCK_ROWS;
  const end = Math.min(b.n, start + BLOCK_ROWS);
  switch (cmd.op) {
    case 'assign':
    case 'final':
      if (cmd.mode === 'full' || cmd.mode === 'hamerly' || cmd.mode === 'hamerly-seeded') {
        assignBlock(b, block, start, end, cmd.mode, cmd.op === 'final');
      } else yinyangBlock(b, block, start, end, cmd.mode === 'yinyang-first', cmd.op === 'final');
      break;
    case 'pp-commit':
      commitBlock(b, block, cmd.centre, cmd.reset);
      break;
    case 'pp-eval':
      evalBlock(b, block, cmd.count);
      break;
    case 'par-round':
      roundBlock(b, block, cmd.first, cmd.count);
      break;
    case 'moments':
      momentsBlock(b, block, start, end);
      break;
  }
}

/**
 * Hamerly's assignment step (or a plain full scan), fused with this block's partial sums. Rows whose
 * bounds fail are collected per chunk and scanned together: first in float32 SIMD, and when the error
 * bounds cannot swap the two nearest that winner is the exact one; near ties are rescanned in float64,
 * where ties go to the lowest index, as in the reference.
 */
function assignBlock(
  b: KMeansBuffers,
  block: number,
  start: number,
  end: number,
  mode: 'full' | 'hamerly' | 'hamerly-seeded',
  final: boolean,
): void {
  const { d, k, data, centroids, labels, upper, lower, half, shift, shiftMax } = b;
  const full = mode === 'full';
  const seeded = mode === 'hamerly-seeded';
  const slack = f32Slack(d);
  const simd = simdOf(b);
  if (simd) simd.setCentres(centroids, 0, k);
  const maxShift = shiftMax[0]!;
  const maxAt = shiftMax[1]!;
  const secondShift = shiftMax[2]!;
  const list = new Int32Array(SUM_ROWS);
  let changed = 0;
  let inertia = 0;
  if (!final) clearSums(b, block);
  for (let chunk = start; chunk < end; chunk += SUM_ROWS) {
    const chunkEnd = Math.min(end, chunk + SUM_ROWS);
    let m = 0;
    for (let i = chunk; i < chunkEnd; i++) {
      if (full) {
        list[m++] = i;
        continue;
      }
      const xo = i * d;
      const a = labels[i]!;
      let u: number;
      let l: number;
      let exact = false;
      if (seeded) {
        u = upperFromF32(upper[i]!, slack);
        l = lowerFromF32(lower[i]!, slack);
      } else {
        u = upper[i]! + shift[a]!;
        l = lower[i]! - (a === maxAt ? secondShift : maxShift);
      }
      const bound = Math.max(half[a]!, l);
      // Hamerly tightens u with one exact distance first; with SIMD, scanning all k measured faster
      if (u > bound && !simd) {
        u = Math.sqrt(sqDistance(data, xo, centroids, a * d, d));
        exact = true;
      }
      if (u > bound) {
        list[m++] = i;
        continue;
      }
      upper[i] = roundUp(u);
      lower[i] = roundDown(l);
      if (final) {
        const sq = exact ? u * u : sqDistance(data, xo, centroids, a * d, d);
        inertia += sq;
        lower[i] = Math.sqrt(sq);
      }
    }
    if (simd && m > 0) {
      if (m === chunkEnd - chunk) simd.distances(data, chunk, m);
      else simd.distancesOf(data, list, m);
    }
    for (let r = 0; r < m; r++) {
      const i = list[r]!;
      const xo = i * d;
      let best = 0;
      let d1 = Infinity;
      let d2 = Infinity;
      let hi = 0;
      let lo = 0;
      if (simd) {
        const out = simd.out;
        for (let c = 0, o = r * k; c < k; c++, o++) {
          const v = out[o]!;
          if (v < d1) {
            d2 = d1;
            d1 = v;
            best = c;
          } else if (v < d2) d2 = v;
        }
        hi = upperFromF32(d1, slack);
        lo = lowerFromF32(d2, slack);
      }
      if (!(lo > hi)) {
        best = 0;
        d1 = d2 = Infinity;
        for (let c = 0; c < k; c++) {
          const v = sqDistance(data, xo, centroids, c * d, d);
          if (v < d1) {
            d2 = d1;
            d1 = v;
            best = c;
          } else if (v < d2) d2 = v;
        }
        hi = roundUp(Math.sqrt(d1));
        lo = roundDown(Math.sqrt(d2));
      } else if (final) d1 = sqDistance(data, xo, centroids, best * d, d);
      if (best !== labels[i]) {
        changed++;
        labels[i] = best;
      }
      if (final) {
        inertia += d1;
        lower[i] = Math.sqrt(d1);
        continue;
      }
      upper[i] = hi;
      lower[i] = lo;
    }
    if (!final) addSums(b, block, chunk, chunkEnd);
  }
  const w = statsWidth(b);
  b.stats[block * w + STAT_CHANGED] = changed;
  b.stats[block * w + STAT_INERTIA] = inertia;
}
