/** Squared Euclidean distance between row a (at offset ao) and row b (at offset bo), d columns. */
export function sqDist(a: Float32Array, ao: number, b: Float32Array, bo: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = a[ao + j]! - b[bo + j]!;
    s += t * t;
  }
  return s;
}

/** Index of the closest of k centroids to the row at offset ro, and its squared distance. */
export function nearestCentroid(
  data: Float32Array,
  ro: number,
  centroids: Float32Array,
  k: number,
  d: number,
): [number, number] {
  let best = 0;
  let bestDist = Infinity;
  for (let c = 0; c < k; c++) {
    const dist = sqDist(data, ro, centroids, c * d, d);
    if (dist < bestDist) {
      bestDist = dist;
      best = c;
    }
  }
  return [best, bestDist];
}

/**
 * sqDist(a, ao, b, bo, d) when it is below `limit`; otherwise some partial sum ≥ limit. The bound is
 * checked every four columns, not every column: the sums are the same, in the same order, as sqDist.
 */
export function sqDistBelow(
  a: Float32Array,
  ao: number,
  b: Float32Array,
  bo: number,
  d: number,
  limit: number,
): number {
  let s = 0;
  let j = 0;
  for (; j + 4 <= d && s < limit; j += 4) {
    const t0 = a[ao + j]! - b[bo + j]!;
    const t1 = a[ao + j + 1]! - b[bo + j + 1]!;
    const t2 = a[ao + j + 2]! - b[bo + j + 2]!;
    const t3 = a[ao + j + 3]! - b[bo + j + 3]!;
    s += t0 * t0;
    s += t1 * t1;
    s += t2 * t2;
    s += t3 * t3;
  }
  for (; j < d && s < limit; j++) {
    const t = a[ao + j]! - b[bo + j]!;
    s += t * t;
  }
  return s;
}
