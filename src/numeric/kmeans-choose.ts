/**
 * Choosing k: silhouette on a seeded sample, and the rule that picks k from a curve.
 * `KCurvePoint` mirrors src/core/model.ts (numeric imports nothing), so a curve drops into the manifest.
 */
import { createRandom } from './random.ts';
import { sqDistance } from './kmeans-block-math.ts';

export interface KCurvePoint {
  k: number;
  inertia: number;
  silhouette?: number;
}

/** Silhouettes within this of the best count as equal; the smallest such k wins (simpler model). */
export const SILHOUETTE_SLACK = 0.01;

/**
 * The rule: among points with a silhouette, the smallest k whose silhouette is within
 * SILHOUETTE_SLACK of the highest. Without any silhouette (k = 1 only), the smallest k.
 */
export function pickK(curve: readonly KCurvePoint[]): number {
  if (curve.length === 0) throw new RangeError('cannot pick k from an empty curve');
  const scored = curve.filter((p) => p.silhouette !== undefined);
  if (scored.length === 0) return Math.min(...curve.map((p) => p.k));
  const best = Math.max(...scored.map((p) => p.silhouette!));
  return Math.min(...scored.filter((p) => p.silhouette! >= best - SILHOUETTE_SLACK).map((p) => p.k));
}

/** Up to `size` distinct row indices, seeded (partial Fisher–Yates), in ascending order. */
export function sampleRows(n: number, size: number, seed: number): Int32Array {
  const m = Math.min(n, size);
  const rng = createRandom(seed);
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  for (let i = 0; i < m; i++) {
    const j = i + rng.int(n - i);
    const t = pool[i]!;
    pool[i] = pool[j]!;
    pool[j] = t;
  }
  return pool.slice(0, m).sort();
}

/**
 * Mean silhouette of the sampled rows (Rousseeuw 1987), distances among the sample only: O(m²·d).
 * A row alone in its cluster within the sample scores 0, as in scikit-learn. Undefined for k < 2.
 */
export function silhouette(
  data: Float32Array,
  d: number,
  labels: Int32Array,
  k: number,
  rows: Int32Array,
): number | undefined {
  if (k < 2 || rows.length < 2) return undefined;
  const m = rows.length;
  const sums = new Float64Array(k);
  const sizes = new Int32Array(k);
  for (const r of rows) sizes[labels[r]!]!++;
  let total = 0;
  for (let a = 0; a < m; a++) {
    const ra = rows[a]!;
    const own = labels[ra]!;
    sums.fill(0);
    for (let b = 0; b < m; b++) {
      if (a === b) continue;
      const rb = rows[b]!;
      sums[labels[rb]!]! += Math.sqrt(sqDistance(data, ra * d, data, rb * d, d));
    }
    if (sizes[own]! < 2) continue;
    const inside = sums[own]! / (sizes[own]! - 1);
    let nearest = Infinity;
    for (let c = 0; c < k; c++)
      if (c !== own && sizes[c]! > 0) nearest = Math.min(nearest, sums[c]! / sizes[c]!);
    if (nearest === Infinity) continue;
    const denom = Math.max(inside, nearest);
    total += denom > 0 ? (nearest - inside) / denom : 0;
  }
  return total / m;
}
