/**
 * The assignment problem: the one-to-one matching of n rows to n columns with the least total cost,
 * by the Hungarian method with potentials (Kuhn–Munkres, O(n³)). Rebuilds use it to give new
 * k-means centres the ids of the old centres they sit on.
 */

/**
 * `cost` is n×n row-major; returns, for each row, the column it is matched to. Ties go to the lower
 * column, so equal costs give the same matching on every run.
 * @example minCostAssignment(Float64Array.of(4, 1, 2, 3), 2) // → Int32Array [1, 0]
 */
export function minCostAssignment(cost: ArrayLike<number>, n: number): Int32Array {
  if (cost.length !== n * n) throw new RangeError(`cost must be ${n}×${n}, got ${cost.length} values`);
  // 1-based arrays, as in the classic formulation: column 0 is the virtual start
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const rowOf = new Int32Array(n + 1); // rowOf[j]: the row matched to column j (0 = none)
  const way = new Int32Array(n + 1);
  const minTo = new Float64Array(n + 1);
  const used = new Uint8Array(n + 1);
  for (let i = 1; i <= n; i++) {
    rowOf[0] = i;
    let j0 = 0;
    minTo.fill(Infinity);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = rowOf[j0]!;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const reduced = cost[(i0 - 1) * n + (j - 1)]! - u[i0]! - v[j]!;
        if (reduced < minTo[j]!) {
          minTo[j] = reduced;
          way[j] = j0;
        }
        if (minTo[j]! < delta) {
          delta = minTo[j]!;
          j1 = j;
        }
      }
      if (!Number.isFinite(delta)) throw new RangeError('cost must be finite');
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[rowOf[j]!]! += delta;
          v[j]! -= delta;
        } else minTo[j]! -= delta;
      }
      j0 = j1;
    } while (rowOf[j0] !== 0);
    // walk the augmenting path back to the start
    do {
      const j1 = way[j0]!;
      rowOf[j0] = rowOf[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const match = new Int32Array(n);
  for (let j = 1; j <= n; j++) if (rowOf[j]! > 0) match[rowOf[j]! - 1] = j - 1;
  return match;
}
