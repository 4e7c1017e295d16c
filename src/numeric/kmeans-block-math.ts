/** Small helpers shared by the block kernels: the distance, float32 bound rounding, partial sums. */
import type { KMeansBuffers } from './kmeans-buffers.ts';
import { SIMD_ROWS } from './kmeans-simd.ts';

/** Squared distance, unrolled by four with separate sums so V8 keeps more multiplies in flight. */
export function sqDistance(x: Float32Array, xo: number, c: Float32Array, co: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < d; j += 4) {
    const t0 = x[xo + j]! - c[co + j]!;
    const t1 = x[xo + j + 1]! - c[co + j + 1]!;
    const t2 = x[xo + j + 2]! - c[co + j + 2]!;
    const t3 = x[xo + j + 3]! - c[co + j + 3]!;
    s0 += t0 * t0;
    s1 += t1 * t1;
    s2 += t2 * t2;
    s3 += t3 * t3;
  }
  for (; j < d; j++) {
    const t = x[xo + j]! - c[co + j]!;
    s0 += t * t;
  }
  return s0 + s1 + (s2 + s3);
}

/** Bounds are stored as float32: widen them by more than float32 rounding so skips stay exact. */
export function roundUp(x: number): number {
  return x + Math.abs(x) * 2 ** -20;
}

export function roundDown(x: number): number {
  return x - Math.abs(x) * 2 ** -20;
}

/**
 * Relative error bound on a distance from float32 SIMD squared distances (about (d/4 + 5)·2^-24 on the
 * square; this is several times that), so bounds built from them stay sound.
 */
export function f32Slack(d: number): number {
  return (d + 16) * 2 ** -22;
}

/** Absolute error allowance for float32 squares that underflow (far above d·2^-149). */
const F32_TINY = 2 ** -100;
export const F32_MAX = 3.4028234663852886e38;

/** An upper bound on the true distance, from a float32 squared distance. */
export function upperFromF32(sq: number, slack: number): number {
  return Math.sqrt(sq + F32_TINY) * (1 + slack);
}

/** A lower bound on the true distance, from a float32 squared distance (which may have overflowed). */
export function lowerFromF32(sq: number, slack: number): number {
  return Math.sqrt(Math.max(0, Math.min(sq, F32_MAX) - F32_TINY)) * (1 - slack);
}

/** Rows summed at a time: the assignment kernels add a chunk right after scanning it, still in cache. */
export const SUM_ROWS = SIMD_ROWS;

/**
 * Column moments of rows start..end, shifted by row 0 so float64 squares do not cancel: adds Σ(x−x₀)
 * into acc[0..d) and Σ(x−x₀)² into acc[d..2d).
 */
export function momentRows(b: KMeansBuffers, start: number, end: number, acc: Float64Array): void {
  const { d, data } = b;
  for (let i = start; i < end; i++) {
    const xo = i * d;
    for (let j = 0; j < d; j++) {
      const t = data[xo + j]! - data[j]!;
      acc[j]! += t;
      acc[d + j]! += t * t;
    }
  }
}

/** Float64 distance of rows start..end to their own centre, into `lower`; returns their inertia. */
export function ownDistances(b: KMeansBuffers, start: number, end: number): number {
  const { d, data, centroids, labels, lower } = b;
  let inertia = 0;
  for (let i = start; i < end; i++) {
    const sq = sqDistance(data, i * d, centroids, labels[i]! * d, d);
    inertia += sq;
    lower[i] = Math.sqrt(sq);
  }
  return inertia;
}

/** Zeroes this block's partial sums and counts. */
export function clearSums(b: KMeansBuffers, block: number): void {
  const kd = b.k * b.d;
  b.sums.fill(0, block * kd, (block + 1) * kd);
  b.counts.fill(0, block * b.k, (block + 1) * b.k);
}

/**
 * Adds rows start..end (in order) to their centres' sums and counts in this block's slots. Unrolled by
 * four for speed; each sum still gets its rows in order, so the result is the same.
 */
export function addSums(b: KMeansBuffers, block: number, start: number, end: number): void {
  const { d, k, data, labels, sums, counts } = b;
  const sumsAt = block * k * d;
  const countsAt = block * k;
  for (let i = start; i < end; i++) {
    const c = labels[i]!;
    counts[countsAt + c]!++;
    const so = sumsAt + c * d;
    const xo = i * d;
    let j = 0;
    for (; j + 3 < d; j += 4) {
      sums[so + j]! += data[xo + j]!;
      sums[so + j + 1]! += data[xo + j + 1]!;
      sums[so + j + 2]! += data[xo + j + 2]!;
      sums[so + j + 3]! += data[xo + j + 3]!;
    }
    for (; j < d; j++) sums[so + j]! += data[xo + j]!;
  }
}
