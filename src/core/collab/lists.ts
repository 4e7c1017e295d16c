import { TopN } from '../top-n.ts';

/**
 * Collaborative neighbours as serving reads them: per movie up to `k` other movies with a score, and
 * how many users liked the movie (the confidence the blend gives its row). Compressed rows: movie a's
 * entries are [offsets[a], offsets[a + 1]), so the many movies nobody rated cost 4 bytes each. Rows are
 * sorted by movie index, not by score, so a pair score looks one pair up by binary search and a taste
 * profile visits a row's entries as candidates in any order.
 */
export interface CollabLists {
  /** Most entries a row holds. */
  k: number;
  /** size + 1 row starts into items/scores/shared. */
  offsets: Int32Array;
  /** Each row's movies, ascending. */
  items: Int32Array;
  /** Scores in [0, 1]: each row divided by its best score. */
  scores: Float32Array;
  /** Share of the users who liked the row's movie that also liked the entry's ("liked by 41% of …"). */
  shared: Float32Array;
  /** Users who liked each movie in the training ratings. */
  likes: Int32Array;
  /** Users in the training ratings: likes / users is a like's base rate. */
  users: number;
}

/** Position of b in a's row (an index into items/scores/shared), −1 when absent. */
export function collabEntry(c: CollabLists, a: number, b: number): number {
  let lo = c.offsets[a]!;
  const end = c.offsets[a + 1]!;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.items[mid]! < b) lo = mid + 1;
    else hi = mid;
  }
  return lo < end && c.items[lo] === b ? lo : -1;
}

/**
 * How much more often a's likers liked b than everyone did (the entry's share minus b's base rate,
 * at least 0): "people who liked this also liked" without the films everyone likes.
 */
export function liftAt(c: CollabLists, at: number, b: number): number {
  const base = c.users > 0 ? c.likes[b]! / c.users : 0;
  return Math.max(0, c.shared[at]! - base);
}

/** Score of b in a's row, 0 when absent. */
export function collabScore(c: CollabLists, a: number, b: number): number {
  const at = collabEntry(c, a, b);
  return at < 0 ? 0 : c.scores[at]!;
}

interface Row {
  items: Int32Array;
  scores: Float32Array;
  shared: Float32Array;
}

/** Collects scored candidates one row at a time (a later row replaces an earlier one) and packs them. */
export class CollabListsBuilder {
  private readonly rows: (Row | undefined)[];
  private readonly byColikes: TopN;
  private readonly byScore: TopN;

  constructor(
    readonly size: number,
    readonly k: number,
  ) {
    this.rows = new Array<Row | undefined>(size);
    this.byColikes = new TopN(k >> 1);
    // when the co-liked half is not full it already holds every candidate
    this.byScore = new TopN(k - (k >> 1));
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
    // half the row: the most co-liked movies ("people who liked this also liked", popular ones
    // included); the rest: the method's best scores among the others. Heaps, not sorts: a popular
    // movie's row touches most of the catalog.
    const byColikes = this.byColikes;
    byColikes.clear();
    let best = -Infinity;
    for (let t = 0; t < touched.length; t++) {
      const j = touched[t]!;
      if (j === a || !(colikes[j]! > 0)) continue;
      byColikes.push(j, colikes[j]!);
      if (acc[j]! > best) best = acc[j]!;
    }
    if (byColikes.size === 0) {
      this.rows[a] = undefined;
      return;
    }
    const keep = new Set(byColikes.index.subarray(0, byColikes.size));
    const byScore = this.byScore;
    byScore.clear();
    for (let t = 0; t < touched.length; t++) {
      const j = touched[t]!;
      if (j !== a && colikes[j]! > 0 && !keep.has(j)) byScore.push(j, acc[j]!);
    }
    for (let t = 0; t < byScore.size; t++) keep.add(byScore.index[t]!);
    const scale = best > 0 ? best : 1;
    const kept = Int32Array.from(keep).sort();
    this.rows[a] = {
      items: kept,
      scores: Float32Array.from(kept, (j) => Math.max(0, acc[j]!) / scale),
      shared: Float32Array.from(kept, (j) => (likes > 0 ? colikes[j]! / likes : 0)),
    };
  }

  finish(likes: Int32Array, users: number): CollabLists {
    const offsets = new Int32Array(this.size + 1);
    for (let a = 0; a < this.size; a++) offsets[a + 1] = offsets[a]! + (this.rows[a]?.items.length ?? 0);
    const total = offsets[this.size]!;
    const items = new Int32Array(total);
    const scores = new Float32Array(total);
    const shared = new Float32Array(total);
    this.rows.forEach((row, a) => {
      if (!row) return;
      items.set(row.items, offsets[a]!);
      scores.set(row.scores, offsets[a]!);
      shared.set(row.shared, offsets[a]!);
    });
    return { k: this.k, offsets, items, scores, shared, likes, users };
  }
}
