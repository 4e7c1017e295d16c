/**
 * The per-block kernels of the k-means engine: pure functions over KMeansBuffers that touch only the
 * rows of one block and that block's output slots. The driver runs them inline or a worker pool runs
 * them; either way the outputs are the same.
 */
import {
  BLOCK_ROWS,
  STAT_CANDIDATES,
  STAT_CHANGED,
  STAT_INERTIA,
  STAT_POTENTIAL,
  statsWidth,
  type KMeansBuffers,
} from './kmeans-buffers.ts';
import { blockSums, roundDown, roundUp, sqDistance } from './kmeans-block-math.ts';
import { yinyangBlock } from './kmeans-yinyang.ts';

/** 'full' scans every centre; 'hamerly' and 'yinyang' first try their bounds ('yinyang-first' sets them). */
export type AssignMode = 'full' | 'hamerly' | 'yinyang-first' | 'yinyang';

export type BlockCommand =
  /** Assign rows to centres: 'full' scans every centre, 'hamerly' first tries the bounds. */
  | { op: 'assign'; mode: AssignMode }
  /** Last assignment against the final centres; writes exact distances into `lower`. */
  | { op: 'final'; mode: AssignMode }
  /** k-means++: fold centre `centre` into the best squared distances (`reset` for the first). */
  | { op: 'pp-commit'; centre: number; reset: boolean }
  /** k-means++: potential if each of the first `count` candidates were added. */
  | { op: 'pp-eval'; count: number };

export function runBlock(b: KMeansBuffers, cmd: BlockCommand, block: number): void {
  const start = block * BLOCK_ROWS;
  const end = Math.min(b.n, start + BLOCK_ROWS);
  switch (cmd.op) {
    case 'assign':
    case 'final':
      if (cmd.mode === 'full' || cmd.mode === 'hamerly') {
        assignBlock(b, block, start, end, cmd.mode === 'full', cmd.op === 'final');
      } else yinyangBlock(b, block, start, end, cmd.mode === 'yinyang-first', cmd.op === 'final');
      break;
    case 'pp-commit':
      commitBlock(b, block, start, end, cmd.centre, cmd.reset);
      break;
    case 'pp-eval':
      evalBlock(b, block, start, end, cmd.count);
      break;
  }
}

/** Hamerly's assignment step (or a plain full scan), fused with this block's partial sums. */
function assignBlock(
  b: KMeansBuffers,
  block: number,
  start: number,
  end: number,
  full: boolean,
  final: boolean,
): void {
  const { d, k, data, centroids, labels, upper, lower, half, shift, shiftMax } = b;
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
      u = upper[i]! + shift[a]!;
      l = lower[i]! - (a === maxAt ? secondShift : maxShift);
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
    // Full scan: nearest and second nearest; ties go to the lowest index, as in the reference.
    let best = 0;
    let d1 = Infinity;
    let d2 = Infinity;
    for (let c = 0; c < k; c++) {
      const s = sqDistance(data, xo, centroids, c * d, d);
      if (s < d1) {
        d2 = d1;
        d1 = s;
        best = c;
      } else if (s < d2) d2 = s;
    }
    if (best !== a) {
      changed++;
      labels[i] = a = best;
    }
    if (final) {
      inertia += d1;
      lower[i] = Math.sqrt(d1);
      continue;
    }
    upper[i] = roundUp(Math.sqrt(d1));
    lower[i] = roundDown(Math.sqrt(d2));
  }
  const w = statsWidth(b);
  b.stats[block * w + STAT_CHANGED] = changed;
  b.stats[block * w + STAT_INERTIA] = inertia;
  if (!final) blockSums(b, block, start, end);
}

/**
 * Folds a new centre into each row's best squared distance. `centreDist[c']` holds the distance from
 * the new centre to centre c': when it is at least twice the row's distance to its own nearest
 * centre, the new centre cannot be closer (triangle inequality), so the row is skipped.
 */
function commitBlock(
  b: KMeansBuffers,
  block: number,
  start: number,
  end: number,
  centre: number,
  reset: boolean,
): void {
  const { d, data, centroids, labels, upper: best, centreDist } = b;
  const co = centre * d;
  let potential = 0;
  for (let i = start; i < end; i++) {
    if (reset) {
      best[i] = sqDistance(data, i * d, centroids, co, d);
      labels[i] = centre;
    } else {
      const own = best[i]!;
      const gap = centreDist[labels[i]!]!;
      if (gap * gap < 4 * own) {
        const s = sqDistance(data, i * d, centroids, co, d);
        if (s < own) {
          best[i] = s;
          labels[i] = centre;
        }
      }
    }
    potential += best[i]!;
  }
  b.stats[block * statsWidth(b) + STAT_POTENTIAL] = potential;
}

/** Potential of the block if candidate t were added, for each of `count` candidates (row-major walk). */
function evalBlock(b: KMeansBuffers, block: number, start: number, end: number, count: number): void {
  const { d, k, data, candidates, labels, upper: best, centreDist } = b;
  const out = block * statsWidth(b) + STAT_CANDIDATES;
  const potentials = new Float64Array(count);
  for (let i = start; i < end; i++) {
    const own = best[i]!;
    const label = labels[i]!;
    const xo = i * d;
    for (let t = 0; t < count; t++) {
      const gap = centreDist[t * k + label]!;
      if (gap * gap < 4 * own) {
        const s = sqDistance(data, xo, candidates, t * d, d);
        potentials[t]! += s < own ? s : own;
      } else potentials[t]! += own;
    }
  }
  for (let t = 0; t < count; t++) b.stats[out + t] = potentials[t]!;
}
