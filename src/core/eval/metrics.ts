/**
 * Ranking metrics for leave-one-out with one relevant item, and the beyond-accuracy metrics of
 * the lists themselves. Every metric is normalised to [0, 1] so strategies compare in one table.
 */
import { popcount } from '../../numeric/row-distance.ts';
import type { ModeMetrics } from './types.ts';

/** 0-based position of `target` in the first `k` entries of `list`, or -1. */
export function rankOf(list: ArrayLike<number>, target: number, k: number): number {
  const n = Math.min(k, list.length);
  for (let i = 0; i < n; i++) if (list[i] === target) return i;
  return -1;
}

/** Hit rate contribution of one ranked list: 1 when the held-out item is in the top k. */
export function hit(rank: number): number {
  return rank >= 0 ? 1 : 0;
}

/** NDCG of one list with a single relevant item: the ideal DCG is 1, so NDCG = 1 / log2(rank + 2). */
export function ndcg(rank: number): number {
  return rank >= 0 ? 1 / Math.log2(rank + 2) : 0;
}

/**
 * Normalised self-information of a list: mean of -log2 p(i) over its items, divided by the largest
 * possible value. p(i) = (raters(i) + 1) / (users + 1), so unseen items are maximally novel (1)
 * and an item every user rated is close to 0.
 */
export function novelty(list: ArrayLike<number>, raters: Int32Array, users: number): number {
  if (list.length === 0) return 0;
  const max = Math.log2(users + 1);
  let sum = 0;
  for (let i = 0; i < list.length; i++) {
    const p = ((raters[list[i]!] ?? 0) + 1) / (users + 1);
    sum += -Math.log2(p);
  }
  return max > 0 ? sum / list.length / max : 0;
}

/** Jaccard similarity of two genre bit masks; two movies without genres are identical (1). */
export function maskJaccard(a: number, b: number): number {
  const union = popcount(a | b);
  return union === 0 ? 1 : popcount(a & b) / union;
}

/** Intra-list diversity: mean pairwise (1 - genre Jaccard) over the list, model-independent. */
export function intraListDiversity(list: ArrayLike<number>, genres: Uint32Array): number {
  const n = list.length;
  if (n < 2) return 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const gi = genres[list[i]!] ?? 0;
    for (let j = i + 1; j < n; j++) sum += 1 - maskJaccard(gi, genres[list[j]!] ?? 0);
  }
  return sum / ((n * (n - 1)) / 2);
}

/** Accumulates one strategy's lists and hits in one mode, then reports ModeMetrics. */
export class ModeAccumulator {
  private readonly seen: Uint8Array;
  private distinct = 0;
  private hrSum = 0;
  private ndcgSum = 0;
  private cases = 0;
  private noveltySum = 0;
  private diversitySum = 0;
  private lists = 0;

  constructor(
    private readonly catalogSize: number,
    private readonly genres: Uint32Array,
    private readonly raters: Int32Array,
    private readonly users: number,
  ) {
    this.seen = new Uint8Array(catalogSize);
  }

  /** A list that was served: counts for coverage, novelty and diversity. */
  addList(list: ArrayLike<number>): void {
    for (let i = 0; i < list.length; i++) {
      const item = list[i]!;
      if (!this.seen[item]) {
        this.seen[item] = 1;
        this.distinct++;
      }
    }
    this.noveltySum += novelty(list, this.raters, this.users);
    this.diversitySum += intraListDiversity(list, this.genres);
    this.lists++;
  }

  /** One held-out case, with its hit rate and NDCG already averaged over the case's lists. */
  addCase(hr: number, ndcgValue: number): void {
    this.hrSum += hr;
    this.ndcgSum += ndcgValue;
    this.cases++;
  }

  result(): ModeMetrics {
    const per = (sum: number, n: number) => (n > 0 ? sum / n : 0);
    return {
      hr: per(this.hrSum, this.cases),
      ndcg: per(this.ndcgSum, this.cases),
      coverage: per(this.distinct, this.catalogSize),
      novelty: per(this.noveltySum, this.lists),
      diversity: per(this.diversitySum, this.lists),
      cases: this.cases,
      lists: this.lists,
    };
  }
}
