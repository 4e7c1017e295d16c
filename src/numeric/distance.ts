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
