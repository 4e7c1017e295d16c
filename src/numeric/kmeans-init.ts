/**
 * Greedy k-means++ (as scikit-learn): each step samples 2 + ⌊ln k⌋ candidates with probability
 * ∝ D² and keeps the one that lowers the potential most. Distances are evaluated block by block
 * through a BlockRunner, so threads share the work and the outcome does not depend on them.
 */
import { sqDist } from './distance.ts';
import {
  BLOCK_ROWS,
  candidatesPerStep,
  STAT_CANDIDATES,
  STAT_POTENTIAL,
  statsWidth,
  type KMeansBuffers,
} from './kmeans-buffers.ts';
import type { BlockCommand } from './kmeans-kernels.ts';
import { createRandom, type Random } from './random.ts';

/** Runs one command over every block (inline or on worker threads) and resolves when all are done. */
export type BlockRunner = (cmd: BlockCommand) => Promise<void>;

/** Fills `b.centroids` with k greedy k-means++ centres drawn with `seed`; leaves labels at the nearest. */
export async function greedyKMeansPlusPlus(b: KMeansBuffers, run: BlockRunner, seed: number): Promise<void> {
  const { n, d, k, data, centroids, candidates, centreDist } = b;
  const rng = createRandom(seed);
  const width = statsWidth(b);
  const tries = candidatesPerStep(k);
  const potentials = new Float64Array(b.blocks);
  const first = rng.int(n);
  centroids.set(data.subarray(first * d, first * d + d), 0);
  await run({ op: 'pp-commit', centre: 0, reset: true });
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let bl = 0; bl < b.blocks; bl++) total += potentials[bl] = b.stats[bl * width + STAT_POTENTIAL]!;
    if (total <= 0) {
      // every row already sits on a centre: any row will do
      const row = rng.int(n);
      centroids.set(data.subarray(row * d, row * d + d), c * d);
    } else {
      for (let t = 0; t < tries; t++) {
        const row = sampleRow(b, potentials, total, rng);
        candidates.set(data.subarray(row * d, row * d + d), t * d);
        for (let o = 0; o < c; o++)
          centreDist[t * k + o] = Math.sqrt(sqDist(candidates, t * d, centroids, o * d, d));
      }
      await run({ op: 'pp-eval', count: tries });
      let bestT = 0;
      let bestPot = Infinity;
      for (let t = 0; t < tries; t++) {
        let pot = 0;
        for (let bl = 0; bl < b.blocks; bl++) pot += b.stats[bl * width + STAT_CANDIDATES + t]!;
        if (pot < bestPot) {
          bestPot = pot;
          bestT = t;
        }
      }
      centroids.set(candidates.subarray(bestT * d, bestT * d + d), c * d);
    }
    for (let o = 0; o < c; o++) centreDist[o] = Math.sqrt(sqDist(centroids, c * d, centroids, o * d, d));
    await run({ op: 'pp-commit', centre: c, reset: false });
  }
}

/** A row drawn with probability ∝ its best squared distance: pick a block, then a row inside it. */
function sampleRow(b: KMeansBuffers, potentials: Float64Array, total: number, rng: Random): number {
  let target = rng.next() * total;
  let block = b.blocks - 1;
  for (let bl = 0; bl < b.blocks; bl++) {
    if (target < potentials[bl]!) {
      block = bl;
      break;
    }
    target -= potentials[bl]!;
  }
  const start = block * BLOCK_ROWS;
  const end = Math.min(b.n, start + BLOCK_ROWS);
  let last = start;
  for (let i = start; i < end; i++) {
    const w = b.upper[i]!;
    if (w > 0) last = i;
    target -= w;
    if (target < 0) return i;
  }
  return last; // rounding left a sliver of target: take the last row with weight
}
