/**
 * Collaborative neighbours as serving reads them: per movie up to `k` other movies with a score, and
 * how many users liked the movie (the confidence the blend gives its row). Rows are sorted by movie
 * index, not by score, so a pair score looks one pair up by binary search and a taste profile visits
 * a row's entries as candidates in any order. −1 pads a short row (after the real entries).
 */
export interface CollabLists {
  /** Entries kept per movie. */
  k: number;
  /** size×k movie rows, ascending, −1 padded. */
  items: Int32Array;
  /** Scores in [0, 1]: each row divided by its best score. */
  scores: Float32Array;
  /** Share of the users who liked the row's movie that also liked the entry's ("liked by 41% of …"). */
  shared: Float32Array;
  /** Users who liked each movie in the training ratings. */
  likes: Int32Array;
}

/** Position of b in a's row (an index into items/scores/shared), −1 when absent. */
export function collabEntry(c: CollabLists, a: number, b: number): number {
  const base = a * c.k;
  let lo = 0;
  let hi = c.k;
  // the padding (−1) sits at the end, so treat it as +∞ for the search
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = c.items[base + mid]!;
    if (v >= 0 && v < b) lo = mid + 1;
    else hi = mid;
  }
  return lo < c.k && c.items[base + lo] === b ? base + lo : -1;
}

/** Score of b in a's row, 0 when absent. */
export function collabScore(c: CollabLists, a: number, b: number): number {
  const at = collabEntry(c, a, b);
  return at < 0 ? 0 : c.scores[at]!;
}

/** Collects scored candidates one row at a time and packs them into CollabLists. */
export class CollabListsBuilder {
  readonly items: Int32Array;
  readonly scores: Float32Array;
  readonly shared: Float32Array;
  private readonly order: number[] = [];

  constructor(
    readonly size: number,
    readonly k: number,
  ) {
    this.items = new Int32Array(size * k).fill(-1);
    this.scores = new Float32Array(size * k);
    this.shared = new Float32Array(size * k);
  }

  /**
   * Row a from a dense score scratch over `touched` movies: keeps the k best positive scores (ties to
   * the lower index), divides by the best, stores them by movie index with the share of a's likers
   * who also liked them (`colikes[j]` users of `likes` liked both).
   */
  setRow(
    a: number,
    acc: Float64Array,
    touched: ArrayLike<number>,
    colikes: ArrayLike<number>,
    likes: number,
  ): void {
    const { k } = this;
    const order = this.order;
    order.length = 0;
    for (let t = 0; t < touched.length; t++) {
      const j = touched[t]!;
      if (j !== a && colikes[j]! > 0) order.push(j);
    }
    // half the row: the most co-liked movies ("people who liked this also liked", popular ones
    // included); the rest: the method's best scores among the others
    order.sort((x, y) => colikes[y]! - colikes[x]! || x - y);
    const keep = new Set(order.slice(0, k >> 1));
    order.sort((x, y) => acc[y]! - acc[x]! || x - y);
    const best = order.length > 0 && acc[order[0]!]! > 0 ? acc[order[0]!]! : 1;
    for (let t = 0; t < order.length && keep.size < k; t++) keep.add(order[t]!);
    const base = a * k;
    this.items.fill(-1, base, base + k);
    this.scores.fill(0, base, base + k);
    this.shared.fill(0, base, base + k);
    [...keep]
      .sort((x, y) => x - y)
      .forEach((j, p) => {
        this.items[base + p] = j;
        this.scores[base + p] = Math.max(0, acc[j]!) / best;
        this.shared[base + p] = likes > 0 ? colikes[j]! / likes : 0;
      });
  }

  finish(likes: Int32Array): CollabLists {
    return { k: this.k, items: this.items, scores: this.scores, shared: this.shared, likes };
  }
}
