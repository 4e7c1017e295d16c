/**
 * EASE (Steck 2019): the item-item weights B that best reconstruct the like matrix from itself with a
 * zero diagonal, in closed form: P = (XᵀX + λI)⁻¹, B_ij = −P_ij / P_jj. Cubic in items, so it runs
 * over the most-liked movies only; the caller fills the other rows from a cheaper method.
 */
import { invertSpd } from '../../numeric/spd-inverse.ts';
import type { CollabListsBuilder } from './lists.ts';
import type { Liked } from './liked.ts';

export interface EaseOptions {
  lambda: number;
  /** Most movies in the dense model (by likes, ties to the lower index). */
  maxItems: number;
  onProgress?: (done: number, total: number) => void;
}

/** The movies EASE models densely: the `maxItems` most liked (at least two likes), ascending. */
export function easeItems(liked: Liked, maxItems: number): Int32Array {
  const { counts } = liked;
  const order = Array.from({ length: liked.items }, (_, i) => i).filter((i) => counts[i]! >= 2);
  order.sort((a, b) => counts[b]! - counts[a]! || a - b);
  return Int32Array.from(order.slice(0, maxItems)).sort();
}

/** Writes EASE rows for the selected movies into `builder`; returns the selected movies. */
export function easeRows(
  liked: Liked,
  options: EaseOptions,
  builder: CollabListsBuilder,
  chosen = easeItems(liked, options.maxItems),
): Int32Array {
  const { counts, userOffsets, userItems } = liked;
  const n = chosen.length;
  const dense = new Int32Array(liked.items).fill(-1);
  chosen.forEach((item, d) => (dense[item] = d));
  const g = new Float64Array(n * n);
  const mine: number[] = [];
  for (let u = 0; u < liked.users; u++) {
    mine.length = 0;
    for (let p = userOffsets[u]!; p < userOffsets[u + 1]!; p++) {
      const d = dense[userItems[p]!]!;
      if (d >= 0) mine.push(d);
    }
    for (const a of mine) {
      const row = a * n;
      for (const b of mine) g[row + b]!++;
    }
  }
  // co-like counts as float32 (exact below 2^24 users) for the explanations, before g is inverted
  const colikes = Float32Array.from(g);
  for (let d = 0; d < n; d++) g[d * n + d]! += options.lambda;
  invertSpd(g, n, options.onProgress);
  const acc = new Float64Array(liked.items);
  const co = new Float64Array(liked.items);
  for (let a = 0; a < n; a++) {
    const row = a * n;
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      acc[chosen[b]!] = -g[row + b]! / g[b * n + b]!;
      co[chosen[b]!] = colikes[row + b]!;
    }
    builder.setRow(chosen[a]!, acc, chosen, co, counts[chosen[a]!]!);
    for (let b = 0; b < n; b++) acc[chosen[b]!] = 0;
  }
  return chosen;
}
