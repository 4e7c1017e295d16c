/**
 * The one k-means entry point the pipeline calls. Picks the exact engine, shares the matrix with
 * worker threads and drives them; results are identical for any thread count.
 *
 * 'auto' is Hamerly for every k and d (the fastest exact engine in bench/README.md): one upper and one
 * lower bound per row; rows the bounds cannot settle are scanned in SIMD against all k centres below
 * SORTED_FROM_K, and from there against the centres nearest their own first, stopping at Elkan's
 * centre test (½·d(a, c) ≥ d(x, a)). 'lloyd' (full scans) is the reference the tests compare with.
 * 'minibatch' is Sculley's mini-batch k-means with extra centres reduced to k (src/numeric/
 * kmeans-minibatch.ts): approximate, one thread, for inputs too large for exact passes; to stream
 * rows instead of holding the matrix, call miniBatchKMeans with a ChunkReader directly.
 */
import { availableParallelism } from 'node:os';
import { allocateBuffers, BLOCK_ROWS, viewBuffers } from '../numeric/kmeans-buffers.ts';
import { driveKMeans, inlineRunner, type ExactAlgorithm } from '../numeric/kmeans-driver.ts';
import type { BlockRunner } from '../numeric/kmeans-init.ts';
import { validateShape, type KMeansAlgorithm, type KMeansResult } from '../numeric/kmeans.ts';
import type { InitMethod } from '../numeric/kmeans-parallel-init.ts';
import { matrixChunks, miniBatchKMeans, type MiniBatchOptions } from '../numeric/kmeans-minibatch.ts';
import { sortedScans } from '../numeric/kmeans-hamerly.ts';
import { startPool, type KMeansPool } from './pool.ts';

export type { KMeansAlgorithm } from '../numeric/kmeans.ts';

export interface RunKMeansOptions {
  k: number;
  seed: number;
  /**
   * Most worker threads to use; default the available cores. 1 runs inline on the calling thread, and
   * so does a run with less than `workPerThread` of work for a second thread.
   */
  threads?: number;
  /** n·d·k per thread worth starting workers for (default WORK_PER_THREAD; 0 always uses `threads`). */
  workPerThread?: number;
  /** Wait for the workers instead of running the first steps here meanwhile (tests: they do all). */
  waitForWorkers?: boolean;
  algorithm?: KMeansAlgorithm;
  maxIter?: number;
  /** Stop when the total squared centre shift ≤ tol × mean column variance (default 1e-4). */
  tol?: number;
  /** k-means++ restarts; the lowest inertia wins (default 1). */
  nInit?: number;
  /** Start from these k×d centres instead of k-means++. */
  initial?: Float32Array;
  /** Seeding: 'greedy' k-means++, 'parallel' (k-means||), or 'auto' (k-means|| from 20k rows). */
  init?: InitMethod;
  /** Settings of the 'minibatch' algorithm. */
  miniBatch?: Omit<MiniBatchOptions, 'k' | 'seed'>;
}

/** Picks the exact engine (the rule in the file comment: Hamerly for every k and d). */
export function pickAlgorithm(requested: KMeansAlgorithm): ExactAlgorithm {
  switch (requested) {
    case 'auto':
      return 'hamerly';
    case 'hamerly':
    case 'lloyd':
      return requested;
    case 'minibatch':
      throw new RangeError(`'minibatch' is not an exact engine`);
  }
}

/** Work (n·d·k) per thread below which one thread finishes before a worker is even up (bench/README.md). */
export const WORK_PER_THREAD = 32e6;

/** A Float32Array on a SharedArrayBuffer: build the feature matrix in one so threads need no copy. */
export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * 4));
}

/**
 * Clusters n×d row-major `data` into k groups.
 * @example const r = await runKMeans(features, n, d, { k: 9, seed: 1, threads: 2 });
 */
export async function runKMeans(
  data: Float32Array,
  n: number,
  d: number,
  options: RunKMeansOptions,
): Promise<KMeansResult & { algorithm: string }> {
  // non-finite values surface in the column sums the engines take first (by blocks, in parallel),
  // which then name the row and column: no separate serial pass over the matrix
  validateShape(data, n, d, options.k);
  if (options.threads !== undefined && (!Number.isInteger(options.threads) || options.threads < 1)) {
    throw new RangeError(`threads must be a positive integer, got ${options.threads}`);
  }
  if (options.algorithm === 'minibatch') {
    const chunks = matrixChunks(data, n, d);
    const result = await miniBatchKMeans(chunks, d, {
      ...options.miniBatch,
      k: options.k,
      seed: options.seed,
    });
    return { ...result, algorithm: 'minibatch' };
  }
  const algorithm = pickAlgorithm(options.algorithm ?? 'auto');
  const k = Math.min(options.k, n);
  const work = options.workPerThread ?? WORK_PER_THREAD;
  const threads = Math.max(
    1,
    Math.min(
      options.threads ?? availableParallelism(),
      Math.ceil(n / BLOCK_ROWS),
      work > 0 ? Math.floor((n * d * k) / work) : Infinity,
    ),
  );
  const shared = threads > 1;
  // Threads need the matrix on a SharedArrayBuffer; copy only when the caller did not provide one.
  const matrix = !shared || data.buffer instanceof SharedArrayBuffer ? data : copyToShared(data, n * d);
  const set = allocateBuffers(matrix, n, d, k, shared, algorithm === 'hamerly' && sortedScans(k));
  const buffers = viewBuffers(set);
  const drive = {
    seed: options.seed,
    algorithm,
    maxIter: options.maxIter,
    tol: options.tol,
    nInit: options.nInit,
    initial: options.initial,
    init: options.init,
  };
  if (!shared) {
    const result = await driveKMeans(buffers, inlineRunner(buffers), drive);
    return { ...result, algorithm };
  }
  const pool = deferredPool(() => startPool(threads, set, buffers));
  if (options.waitForWorkers) await pool.start();
  else if (k >= POOL_AT_ONCE_FROM_K) void pool.start();
  try {
    const result = await driveKMeans(buffers, pool.runner(inlineRunner(buffers)), drive);
    return { ...result, algorithm };
  } finally {
    pool.close(); // not awaited: a short run may end before the workers are even up
  }
}

/**
 * Below POOL_AT_ONCE_FROM_K centres the workers start only once a fit has made this many assignment
 * passes without converging, or this many steps of any kind (a long k-means++ seeding): most k = 9
 * fits end after 2–3 passes, before a worker (a V8 isolate) would pay for its start.
 */
export const POOL_AFTER_PASSES = 3;
export const POOL_AFTER_STEPS = 24;
/** From this many centres the workers start at once: such fits run tens of passes and long seedings. */
export const POOL_AT_ONCE_FROM_K = 32;

/**
 * Steps run on this thread until the fit has run long enough (above); then the workers start, and until
 * they are ready steps still run here, yielding between steps so their "ready" can arrive. Who runs a
 * step does not change it.
 */
export function deferredPool(start: () => Promise<KMeansPool>): {
  start(): Promise<KMeansPool>;
  runner(inline: BlockRunner): BlockRunner;
  close(): void;
} {
  let starting: Promise<KMeansPool> | undefined;
  let pool: KMeansPool | undefined;
  let failure: unknown;
  let steps = 0;
  let passes = 0;
  const begin = (): Promise<KMeansPool> => {
    if (!starting) {
      starting = start();
      starting.then(
        (p) => void (pool = p),
        (error: unknown) => void (failure = error ?? new Error('k-means workers failed to start')),
      );
    }
    return starting;
  };
  return {
    start: begin,
    runner: (inline) => async (cmd) => {
      if (failure) throw failure;
      if (pool) return pool.run(cmd);
      steps++;
      if (cmd.op === 'assign') passes++;
      if (passes > POOL_AFTER_PASSES || steps > POOL_AFTER_STEPS) void begin();
      await inline(cmd);
      if (starting) await new Promise((resolve) => setImmediate(resolve));
    },
    close: () => void starting?.then((p) => p.close()).catch(() => undefined),
  };
}

function copyToShared(data: Float32Array, length: number): Float32Array {
  const out = sharedFloat32(length);
  out.set(data.subarray(0, length));
  return out;
}
