/**
 * Maximal marginal relevance: picks items one by one, trading relevance for being unlike what was
 * already picked, so a list is not ten near-copies. Redundancy between two picks is their feature
 * closeness, shared people and franchise, in [0, 1].
 */
import type { Similarity } from './similarity.ts';

/**
 * Reorders `rows` (relevance order, scores in `scores`) and returns the first `count` picks.
 * `lambda` = 0 keeps the relevance order; 1 only avoids redundancy.
 */
export function mmr(
  sim: Similarity,
  rows: Int32Array,
  scores: Float32Array,
  count: number,
  lambda: number,
): { index: Int32Array; score: Float32Array } {
  const m = rows.length;
  const take = Math.min(count, m);
  if (lambda <= 0 || m === 0) return { index: rows.slice(0, take), score: scores.slice(0, take) };
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < m; i++) {
    lo = Math.min(lo, scores[i]!);
    hi = Math.max(hi, scores[i]!);
  }
  const span = hi > lo ? hi - lo : 1;
  const picked = new Uint8Array(m);
  /** Highest redundancy of each candidate with anything picked so far. */
  const redundancy = new Float32Array(m);
  const index = new Int32Array(take);
  const score = new Float32Array(take);
  for (let t = 0; t < take; t++) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < m; i++) {
      if (picked[i]) continue;
      const value = (1 - lambda) * ((scores[i]! - lo) / span) - lambda * redundancy[i]!;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    picked[best] = 1;
    index[t] = rows[best]!;
    score[t] = scores[best]!;
    for (let i = 0; i < m; i++) {
      if (picked[i]) continue;
      const p = sim.parts(rows[best]!, rows[i]!);
      const r = 0.6 * p.features + 0.2 * p.people + (p.franchise ? 0.2 : 0);
      if (r > redundancy[i]!) redundancy[i] = r;
    }
  }
  return { index, score };
}
