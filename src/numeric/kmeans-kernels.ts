/**
 * The per-block kernels of the k-means engine: pure functions over KMeansBuffers that touch only the
 * rows of one block and that block's output slots. The driver runs them inline or a worker pool runs
 * them; either way the outputs are the same.
 */
import { BLOCK_ROWS, STAT_CHANGED, STAT_INERTIA, statsWidth, type KMeansBuffers } from './kmeans-buffers.ts';
import { commitBlock, evalBlock, roundBlock, simdOf } from './kmeans-seed-kernels.ts';
import {
  blockSums,
  f32Slack,
  lowerFromF32,
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
  | { op: 'par-round'; first: number; count: number };

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
  }
}

/** Hamerly's assignment step (or a plain full scan), fused with this block's partial sums. */
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
  let changed = 0;
  let inertia = 0;
  for (let i = start; i < end; i++) {
    const xo = i * d;
    let a = labels[i]!;
    let u: number;
    let l: number;
    let exact = false;
    if (full) {
      u = Infinity;
      l = Infinity;
    } else {
      if (seeded) {
        u = upperFromF32(upper[i]!, slack);
        l = lowerFromF32(lower[i]!, slack);
      } else {
        u = upper[i]! + shift[a]!;
        l = lower[i]! - (a === maxAt ? secondShift : maxShift);
      }
      const m = Math.max(half[a]!, l);
      if (u > m) {
        u = Math.sqrt(sqDistance(data, xo, centroids, a * d, d));
        exact = true;
      }
      if (u <= m) {
        upper[i] = roundUp(u);
        lower[i] = roundDown(l);
        if (final) {
          const sq = exact ? u * u : sqDistance(data, xo, centroids, a * d, d);
          inertia += sq;
          lower[i] = Math.sqrt(sq);
        }
        continue;
      }
    }
    // Full scan: nearest and second nearest. First in float32 SIMD: when the error bounds cannot
    // swap the two nearest, that winner is the exact one; otherwise (near ties) rescan in float64,
    // where ties go to the lowest index, as in the reference.
    let best = 0;
    let d1 = Infinity;
    let d2 = Infinity;
    let hi = 0;
    let lo = 0;
    if (simd) {
      const out = simd.distances(data, i, 1);
      for (let c = 0; c < k; c++) {
        const s = out[c]!;
        if (s < d1) {
          d2 = d1;
          d1 = s;
          best = c;
        } else if (s < d2) d2 = s;
      }
      hi = upperFromF32(d1, slack);
      lo = lowerFromF32(d2, slack);
    }
    if (!(lo > hi)) {
      best = 0;
      d1 = d2 = Infinity;
      for (let c = 0; c < k; c++) {
        const s = sqDistance(data, xo, centroids, c * d, d);
        if (s < d1) {
          d2 = d1;
          d1 = s;
          best = c;
        } else if (s < d2) d2 = s;
      }
      hi = roundUp(Math.sqrt(d1));
      lo = roundDown(Math.sqrt(d2));
    } else if (final) d1 = sqDistance(data, xo, centroids, best * d, d);
    if (best !== a) {
      changed++;
      labels[i] = a = best;
    }
    if (final) {
      inertia += d1;
      lower[i] = Math.sqrt(d1);
      continue;
    }
    upper[i] = hi;
    lower[i] = lo;
  }
  const w = statsWidth(b);
  b.stats[block * w + STAT_CHANGED] = changed;
  b.stats[block * w + STAT_INERTIA] = inertia;
  if (!final) blockSums(b, block, start, end);
}
