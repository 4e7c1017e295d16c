/**
 * Stable cluster ids across rebuilds. The previous model's centres are carried into the new feature
 * space (each build scales the columns from its own data), a rebuild starts k-means from them, and the
 * new clusters take the ids of the old clusters they share most movies with (ties: the nearer centre),
 * so "cluster 3", its name and its URL mean the same thing tomorrow, also after a fresh start.
 */
import { minCostAssignment } from '../numeric/assignment.ts';
import { sqDist } from '../numeric/distance.ts';
import type { FeatureSpec } from './features.ts';

/** How a build scaled its feature columns (the manifest's `features` block). */
export interface FeatureScaling {
  names: readonly string[];
  offset: readonly number[];
  scale: readonly number[];
  /** Each column's weight, in column order. */
  weight: readonly number[];
}

/** The per-column weights of a spec, in column order. */
export function columnWeights(spec: FeatureSpec): number[] {
  return spec.columns.map((c) => spec.weights[c.weightKey] ?? 1);
}

/**
 * The previous centres (k×d, scaled the previous way) in the new scaling, or a reason they cannot be
 * used: the columns differ, or the file does not hold k×d values.
 */
export function carryCentroids(
  centroids: Float32Array,
  k: number,
  from: FeatureScaling,
  to: FeatureScaling,
): Float32Array | string {
  const d = to.names.length;
  if (from.names.length !== d || from.names.some((name, j) => name !== to.names[j])) {
    return 'the feature columns changed';
  }
  if (centroids.length !== k * d) return `the previous centres are not ${k}×${d}`;
  const out = new Float32Array(k * d);
  for (let j = 0; j < d; j++) {
    const wFrom = from.weight[j]!;
    const wTo = to.weight[j]!;
    for (let c = 0; c < k; c++) {
      // a zero-weight column carries nothing: every row is 0 there too
      const raw = wFrom > 0 ? (centroids[c * d + j]! / wFrom) * from.scale[j]! + from.offset[j]! : 0;
      out[c * d + j] = wFrom > 0 ? ((raw - to.offset[j]!) / to.scale[j]!) * wTo : 0;
    }
  }
  return out;
}

/**
 * For each new cluster, the id it takes: the old cluster it shares most movies with (`previous[i]` is
 * row i's old cluster, -1 for a new movie), ties broken by the nearer centre when both sets of centres
 * (k×d, one scaling) are given.
 */
export function matchIds(
  previous: Int32Array,
  labels: Int32Array,
  k: number,
  centres?: { previous: Float32Array; next: Float32Array; d: number },
): Int32Array {
  const cost = new Float64Array(k * k);
  for (let i = 0; i < labels.length; i++) {
    const was = previous[i]!;
    if (was >= 0 && was < k) cost[labels[i]! * k + was]! -= 1;
  }
  if (centres) {
    const { d } = centres;
    const gaps = new Float64Array(k * k);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) gaps[a * k + b] = sqDist(centres.next, a * d, centres.previous, b * d, d);
    }
    // shared movies are whole numbers: a distance scaled below 1 only breaks their ties
    const top = Math.max(...gaps) || 1;
    for (let j = 0; j < k * k; j++) cost[j]! += (0.5 * gaps[j]!) / top;
  }
  return minCostAssignment(cost, k);
}

/** Each new row's cluster in the previous model (-1 for a movie it did not have). */
export function previousLabels(
  ids: readonly string[],
  previous: { size: number; id: { get(i: number): string }; cluster: Int32Array },
): Int32Array {
  const row = new Map<string, number>();
  for (let i = 0; i < previous.size; i++) row.set(previous.id.get(i), previous.cluster[i]!);
  return Int32Array.from(ids, (id) => row.get(id) ?? -1);
}

/** Renames clusters in place: label l becomes ids[l]; centre l moves to row ids[l]. */
export function renameClusters(
  result: { labels: Int32Array; centroids: Float32Array; k: number; d: number },
  ids: Int32Array,
): void {
  const { labels, k, d } = result;
  for (let i = 0; i < labels.length; i++) labels[i] = ids[labels[i]!]!;
  const old = result.centroids.slice(0, k * d);
  for (let c = 0; c < k; c++) result.centroids.set(old.subarray(c * d, c * d + d), ids[c]! * d);
}

/** How many new centres kept the id of the old centre they started from (warm start: ideally all). */
export function keptIds(ids: Int32Array): number {
  let kept = 0;
  for (let c = 0; c < ids.length; c++) if (ids[c] === c) kept++;
  return kept;
}
