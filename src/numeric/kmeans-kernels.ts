/**
 * The per-block kernels of the k-means engine: pure functions over KMeansBuffers that touch only the
 * rows of one block and that block's output slots. The driver runs them inline or a worker pool runs
 * them; either way the outputs are the same.
 */
import { BLOCK_ROWS, STAT_CHANGED, STAT_INERTIA, statsWidth, type KMeansBuffers } from './kmeans-buffers.ts';
import { commitBlock, evalBlock, roundBlock, simdOf } from './kmeans-seed-kernels.ts';
import { addSums, clearSums, momentRows, ownDistances, SUM_ROWS } from './kmeans-block-math.ts';
import { hamerlyChunk, hamerlyPass, type HamerlyPass } from './kmeans-hamerly.ts';
import type { BlockRunner } from './kmeans-init.ts';

/**
 * 'full' scans every centre; 'hamerly' first tries Hamerly's bounds.
 * 'hamerly-seeded' takes its first bounds from greedy k-means++ (squared nearest and second-nearest
 * distances it left in `upper` and `lower`), widened by the float32 error bound, instead of a full scan.
 * 'labelled' (final only): the labels are already those of a scan against these centres.
 */
export type AssignMode = 'full' | 'hamerly-seeded' | 'hamerly' | 'labelled';

export type BlockCommand =
  /** Assign rows to centres and sum them; `moments` also takes the column moments (first pass). */
  | { op: 'assign'; mode: AssignMode; moments?: boolean }
  /** Last assignment against the final centres; writes exact distances into `lower`. */
  | { op: 'final'; mode: AssignMode }
  /** k-means++: fold centre `centre` into the best squared distances (`reset` for the first). */
  | { op: 'pp-commit'; centre: number; reset: boolean }
  /** k-means++: potential if each of the first `count` candidates were added. */
  | { op: 'pp-eval'; count: number }
  /** k-means||: the first `count` rows of `candidates` become candidates first.. (nearest into labels). */
  | { op: 'par-round'; first: number; count: number }
  /** Column sums and sums of squares per block alone (when no assignment pass took them). */
  | { op: 'moments' };

export function runBlock(b: KMeansBuffers, cmd: BlockCommand, block: number): void {
  switch (cmd.op) {
    case 'assign':
      assignBlock(b, block, cmd.mode, cmd.moments === true);
      break;
    case 'final':
      finalBlock(b, block, cmd.mode);
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
      momentsBlock(b, block);
      break;
  }
}

/** Runs every block in order on the calling thread (one thread, seeding samples, tests). */
export function inlineRunner(b: KMeansBuffers): BlockRunner {
  return (cmd) => {
    for (let block = 0; block < b.blocks; block++) runBlock(b, cmd, block);
    return Promise.resolve();
  };
}

/**
 * Runs blocks taken from the shared counter `b.next` until none are left: every thread of a pool (the
 * calling one included) does this for each command, so a busy core simply takes fewer blocks.
 */
export function takeBlocks(b: KMeansBuffers, cmd: BlockCommand): void {
  for (let block = Atomics.add(b.next, 0, 1); block < b.blocks; block = Atomics.add(b.next, 0, 1)) {
    runBlock(b, cmd, block);
  }
}

function pass(b: KMeansBuffers, mode: AssignMode): HamerlyPass {
  return hamerlyPass(b, mode === 'labelled' ? 'full' : mode);
}

/**
 * One assignment step over a block, fused with its partial sums (and, on the first step, the column
 * moments): each chunk of rows is summed right after it is assigned, while still in cache. With
 * WebAssembly the float64 sums and moments run in the module (same operations, same order).
 */
function assignBlock(b: KMeansBuffers, block: number, mode: AssignMode, moments: boolean): void {
  const start = block * BLOCK_ROWS;
  const end = Math.min(b.n, start + BLOCK_ROWS);
  const run = pass(b, mode);
  const simd = simdOf(b);
  const acc = moments ? new Float64Array(2 * b.d) : null;
  let changed = 0;
  if (simd) {
    simd.beginSums(b.k);
    if (acc) simd.beginMoments(b.data);
  } else clearSums(b, block);
  for (let chunk = start; chunk < end; chunk += SUM_ROWS) {
    const chunkEnd = Math.min(end, chunk + SUM_ROWS);
    if (acc) {
      if (simd) simd.moments(b.data, chunk, chunkEnd - chunk);
      else momentRows(b, chunk, chunkEnd, acc);
    }
    changed += hamerlyChunk(b, run, chunk, chunkEnd);
    if (simd) simd.sums(b.data, chunk, chunkEnd - chunk, b.labels);
    else addSums(b, block, chunk, chunkEnd);
  }
  if (simd) {
    simd.sumsInto(b.sums, block * b.k * b.d, b.counts, block * b.k);
    if (acc) simd.momentsInto(acc);
  }
  if (acc) b.moments.set(acc, block * 2 * b.d);
  b.stats[block * statsWidth(b) + STAT_CHANGED] = changed;
}

/**
 * The last assignment: labels (unless already exact), then each row's float64 distance to its centre
 * into `lower` and the block's inertia. A separate function from assignBlock so that neither carries
 * code the other has not run yet (see kmeans-hamerly.ts on V8's mid-loop compiles).
 */
function finalBlock(b: KMeansBuffers, block: number, mode: AssignMode): void {
  const start = block * BLOCK_ROWS;
  const end = Math.min(b.n, start + BLOCK_ROWS);
  const run = mode === 'labelled' ? null : pass(b, mode);
  const simd = simdOf(b);
  simd?.setCentres(b.centroids, 0, b.k); // a pass whose bounds settled every row loaded none
  let inertia = 0;
  for (let chunk = start; chunk < end; chunk += SUM_ROWS) {
    const chunkEnd = Math.min(end, chunk + SUM_ROWS);
    if (run) hamerlyChunk(b, run, chunk, chunkEnd);
    inertia += simd
      ? simd.own(b.data, chunk, chunkEnd - chunk, b.labels, b.lower)
      : ownDistances(b, chunk, chunkEnd);
  }
  b.stats[block * statsWidth(b) + STAT_INERTIA] = inertia;
}

function momentsBlock(b: KMeansBuffers, block: number): void {
  const start = block * BLOCK_ROWS;
  const acc = new Float64Array(2 * b.d);
  momentRows(b, start, Math.min(b.n, start + BLOCK_ROWS), acc);
  b.moments.set(acc, block * 2 * b.d);
}
