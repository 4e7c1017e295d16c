/**
 * Deterministic top-k selection over a dense score array (through the one TopN, core/top-n.ts): higher score first, ties
 * broken by a secondary key (higher first) and then by lower index, so every run ranks identically.
 */
import { TopN } from '../top-n.ts';

export interface TopKOptions {
  /** Skip these indices. */
  skip?: (index: number) => boolean;
  /** Tie-break key per index (higher wins), e.g. IMDb votes. */
  tie?: ArrayLike<number>;
  /** Only consider these indices instead of 0..n-1. */
  candidates?: ArrayLike<number>;
}

export function topK(scores: ArrayLike<number>, k: number, options: TopKOptions = {}): number[] {
  const { skip, tie, candidates } = options;
  const top = new TopN(k, { scores: Float64Array, tie });
  const n = candidates ? candidates.length : scores.length;
  for (let c = 0; c < n; c++) {
    const i = candidates ? candidates[c]! : c;
    const score = scores[i]!;
    if (Number.isNaN(score) || skip?.(i)) continue;
    top.push(i, score);
  }
  return Array.from(top.sorted().index);
}

/** Indices 0..n-1 ordered by a key, higher first, ties by lower index: a global popularity order. */
export function orderBy(key: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: key.length }, (_, i) => i);
  order.sort((a, b) => key[b]! - key[a]! || a - b);
  return order;
}

/** The first `limit` entries of a fixed order that pass `keep`. */
export function firstOf(order: Int32Array, limit: number, keep: (index: number) => boolean): number[] {
  const out: number[] = [];
  for (let p = 0; p < order.length && out.length < limit; p++) if (keep(order[p]!)) out.push(order[p]!);
  return out;
}
