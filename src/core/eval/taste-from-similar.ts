/**
 * A taste profile for strategies that only know "more like this": each liked movie votes for its
 * neighbours with a reciprocal-rank weight, and the best-voted unseen movies win.
 */
import { topK } from './top-k.ts';

export function tasteFromSimilar(
  similar: (item: number, limit: number) => ArrayLike<number>,
  liked: readonly number[],
  exclude: ReadonlySet<number>,
  limit: number,
  /** Neighbours taken from each liked movie. */
  depth = 50,
): number[] {
  const scores = new Map<number, number>();
  for (const item of liked) {
    const list = similar(item, depth);
    for (let r = 0; r < list.length; r++) {
      const other = list[r]!;
      if (!exclude.has(other)) scores.set(other, (scores.get(other) ?? 0) + 1 / (r + 1));
    }
  }
  const ids = Int32Array.from(scores.keys());
  const dense = Float64Array.from(ids, (i) => scores.get(i)!);
  return topK(dense, limit).map((p) => ids[p]!);
}
