/**
 * Deterministic top-k selection over a dense score array: higher score first, ties broken by a
 * secondary key (higher first) and then by lower index, so every run ranks identically.
 */

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
  const best: number[] = [];
  const better = (a: number, b: number): boolean => {
    const sa = scores[a]!;
    const sb = scores[b]!;
    if (sa !== sb) return sa > sb;
    if (tie) {
      const ta = tie[a]!;
      const tb = tie[b]!;
      if (ta !== tb) return ta > tb;
    }
    return a < b;
  };
  const n = candidates ? candidates.length : scores.length;
  for (let c = 0; c < n; c++) {
    const i = candidates ? candidates[c]! : c;
    if (Number.isNaN(scores[i]!) || skip?.(i)) continue;
    if (best.length === k && !better(i, best[k - 1]!)) continue;
    // insertion into a short sorted list: k is 10, so this beats a heap
    let pos = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(i);
    while (pos > 0 && better(i, best[pos - 1]!)) {
      best[pos] = best[pos - 1]!;
      pos--;
    }
    best[pos] = i;
  }
  return best;
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
