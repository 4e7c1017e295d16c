/**
 * The memory one k-means run works in: flat typed arrays that can live on SharedArrayBuffers so
 * worker threads read the matrix and write their row blocks without copying.
 *
 * Rows are cut into fixed blocks of BLOCK_ROWS, independent of the thread count. Every block writes
 * its own partial sums, counts and statistics, and the driver adds blocks in index order, so the
 * result is bit-identical whether one thread or eight did the work.
 */
import type { SimdDistances } from './kmeans-simd.ts';

/** Rows per block: large enough that per-block partial sums stay small next to the matrix. */
export const BLOCK_ROWS = 16384;

/** Per-block statistics slots (after them come the k-means++ candidate potentials). */
export const STAT_CHANGED = 0;
export const STAT_INERTIA = 1;
export const STAT_POTENTIAL = 2;
export const STAT_CANDIDATES = 3;

/** Greedy k-means++ candidates per step, as scikit-learn: 2 + ⌊ln k⌋. */
export function candidatesPerStep(k: number): number {
  return 2 + Math.floor(Math.log(k));
}

/** k-means|| draws ℓ = 2k rows per round in expectation; room for twice that plus slack. */
export function oversampleCapacity(k: number): number {
  return 4 * k + 16;
}

export interface KMeansBuffers {
  n: number;
  d: number;
  k: number;
  blocks: number;
  /** Rows `candidates` holds: greedy k-means++ candidates, or one k-means|| round. */
  maxCandidates: number;
  /** n×d input rows. */
  data: Float32Array;
  /** k×d current centres. */
  centroids: Float32Array;
  labels: Int32Array;
  /** Hamerly upper bound on the distance to the own centre; the squared best distance during init. */
  upper: Float32Array;
  /** Hamerly lower bound on the distance to any other centre; the final distances at the end. */
  lower: Float32Array;
  /** Half the distance from each centre to its nearest other centre. */
  half: Float64Array;
  /** How far each centre moved in the last update. */
  shift: Float64Array;
  /** [largest shift, its centre, second largest shift]. */
  shiftMax: Float64Array;
  /** Centre-to-centre distances the init kernels prune with (candidatesPerStep(k)×k). */
  centreDist: Float64Array;
  /** maxCandidates×d candidate rows for seeding. */
  candidates: Float32Array;
  /** blocks×k×d partial coordinate sums. */
  sums: Float64Array;
  /** blocks×k partial counts. */
  counts: Float64Array;
  /** blocks×2d column moments: Σ(x−x₀) then Σ(x−x₀)² (the tolerance scale; catches NaN and ±∞). */
  moments: Float64Array;
  /** blocks×(STAT_CANDIDATES + maxCandidates) per-block statistics. */
  stats: Float64Array;
  /** Work counter the threads take blocks from. */
  next: Int32Array;
  /** Sorted scans (Hamerly from SORTED_FROM_K): for each centre the others nearest first (k×k). */
  nearOrder: Int32Array;
  /** Half the distance to each of them, in that order (rounded down). */
  nearGap: Float64Array;
  /** This thread's WebAssembly kernels: created on first use, null where SIMD is missing. */
  simd?: SimdDistances | null;
}

/** The raw buffers, to post to workers; `viewBuffers` rebuilds the typed views on the other side. */
export interface KMeansBufferSet {
  n: number;
  d: number;
  k: number;
  maxCandidates: number;
  /** Byte offset of the matrix inside its buffer. */
  dataOffset: number;
  raw: Record<BufferName, ArrayBufferLike>;
}

type BufferName = Exclude<keyof KMeansBuffers, 'n' | 'd' | 'k' | 'blocks' | 'maxCandidates' | 'simd'>;

export function statsWidth(b: { maxCandidates: number }): number {
  return STAT_CANDIDATES + b.maxCandidates;
}

/**
 * Allocates the work buffers for an n×d matrix and k centres; shared when threads will use them.
 * `sorted` adds the k×k centre order the sorted scans use (12 bytes per pair).
 */
export function allocateBuffers(
  data: Float32Array,
  n: number,
  d: number,
  k: number,
  shared: boolean,
  sorted = false,
): KMeansBufferSet {
  const blocks = Math.ceil(n / BLOCK_ROWS);
  const maxCandidates = Math.max(candidatesPerStep(k), oversampleCapacity(k));
  const make = (bytes: number): ArrayBufferLike =>
    shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  const raw: Record<BufferName, ArrayBufferLike> = {
    data: data.buffer,
    centroids: make(k * d * 4),
    labels: make(n * 4),
    upper: make(n * 4),
    lower: make(n * 4),
    half: make(k * 8),
    shift: make(k * 8),
    shiftMax: make(3 * 8),
    centreDist: make(candidatesPerStep(k) * k * 8),
    candidates: make(maxCandidates * d * 4),
    sums: make(blocks * k * d * 8),
    counts: make(blocks * k * 8),
    moments: make(blocks * 2 * d * 8),
    stats: make(blocks * (STAT_CANDIDATES + maxCandidates) * 8),
    next: make(4),
    nearOrder: make(sorted ? k * k * 4 : 0),
    nearGap: make(sorted ? k * k * 8 : 0),
  };
  return { n, d, k, maxCandidates, dataOffset: data.byteOffset, raw };
}

export function viewBuffers(set: KMeansBufferSet): KMeansBuffers {
  const { n, d, k, maxCandidates, dataOffset, raw } = set;
  return {
    n,
    d,
    k,
    blocks: Math.ceil(n / BLOCK_ROWS),
    maxCandidates,
    data: new Float32Array(raw.data, dataOffset, n * d),
    centroids: new Float32Array(raw.centroids),
    labels: new Int32Array(raw.labels),
    upper: new Float32Array(raw.upper),
    lower: new Float32Array(raw.lower),
    half: new Float64Array(raw.half),
    shift: new Float64Array(raw.shift),
    shiftMax: new Float64Array(raw.shiftMax),
    centreDist: new Float64Array(raw.centreDist),
    candidates: new Float32Array(raw.candidates),
    sums: new Float64Array(raw.sums),
    counts: new Float64Array(raw.counts),
    moments: new Float64Array(raw.moments),
    stats: new Float64Array(raw.stats),
    next: new Int32Array(raw.next),
    nearOrder: new Int32Array(raw.nearOrder),
    nearGap: new Float64Array(raw.nearGap),
  };
}
