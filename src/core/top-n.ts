/**
 * The one top-k of the code base (recommendations, title search, evaluation): keeps the best
 * `capacity` (index, score) pairs seen so far in a min-heap over two typed arrays, so a scan over
 * thousands of candidates allocates nothing per candidate. Higher score first; ties break on a
 * `tie` key (higher first) when given, then on the smaller index, which makes every list
 * deterministic. Scores are kept as Float32 (recommendations; compared at the precision stored)
 * or, with `scores: Float64Array`, as given.
 *
 * @example
 *   const top = new TopN(10);
 *   for (let i = 0; i < n; i++) top.push(i, score[i]);
 *   top.sorted().index; // best first
 */
type Scores = Float32Array | Float64Array;

/** Rows best first with their scores. */
export interface Ranked<S extends Scores = Float32Array> {
  index: Int32Array;
  score: S;
}

export interface TopNOptions<S extends Scores> {
  /** The score array type: Float32Array (the default) or Float64Array to keep scores as given. */
  scores?: new (length: number) => S;
  /** A tie-break key per index, higher first, before the index itself. */
  tie?: ArrayLike<number>;
}

export class TopN<S extends Scores = Float32Array> {
  readonly index: Int32Array;
  readonly score: S;
  size = 0;
  private readonly Scores: new (length: number) => S;
  private readonly exact: boolean;
  private readonly tie: ArrayLike<number> | undefined;

  constructor(
    readonly capacity: number,
    options: TopNOptions<S> = {},
  ) {
    this.Scores = options.scores ?? (Float32Array as unknown as new (length: number) => S);
    this.exact = this.Scores !== (Float32Array as unknown);
    this.tie = options.tie;
    this.index = new Int32Array(capacity);
    this.score = new this.Scores(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  get full(): boolean {
    return this.size === this.capacity;
  }

  /** Score the current worst kept item must beat (−Infinity until full). */
  get threshold(): number {
    return this.size < this.capacity ? -Infinity : this.score[0]!;
  }

  push(index: number, rawScore: number): void {
    if (this.capacity === 0) return;
    // compare at the precision we store, so a kept item and a newcomer compare consistently
    const score = this.exact ? rawScore : Math.fround(rawScore);
    if (this.size < this.capacity) {
      let i = this.size++;
      // sift up
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(score, index, this.score[parent]!, this.index[parent]!)) break;
        this.index[i] = this.index[parent]!;
        this.score[i] = this.score[parent]!;
        i = parent;
      }
      this.index[i] = index;
      this.score[i] = score;
      return;
    }
    if (!this.worse(this.score[0]!, this.index[0]!, score, index)) return;
    this.siftDown(index, score);
  }

  /** Kept items, best first, into fresh arrays of length `size`. */
  sorted(): Ranked<S> {
    const index = new Int32Array(this.size);
    const score = new this.Scores(this.size);
    this.sortedInto(index, score, 0);
    return { index, score };
  }

  /**
   * Kept items, best first, written at `at` of `index` and `score` (the heap itself is left as it is):
   * the neighbour precomputation writes each movie's list into its slice of the output, allocating nothing.
   */
  sortedInto(index: Int32Array, score: Scores, at: number): void {
    // a heapsort of a copy: the worst item moves to the end, then the next worst, and so on
    index.set(this.index.subarray(0, this.size), at);
    score.set(this.score.subarray(0, this.size), at);
    for (let end = this.size - 1; end > 0; end--) {
      const i = index[at + end]!;
      const s = score[at + end]!;
      index[at + end] = index[at]!;
      score[at + end] = score[at]!;
      this.siftDownIn(index, score, at, end, i, s);
    }
  }

  // --- internal ---

  private siftDown(index: number, score: number): void {
    this.siftDownIn(this.index, this.score, 0, this.size, index, score);
  }

  /**
   * Places (index, score) from the root of the n-item heap at `base` of `indexes`/`scores` down to
   * where it belongs.
   */
  private siftDownIn(
    indexes: Int32Array,
    scores: Scores,
    base: number,
    n: number,
    index: number,
    score: number,
  ): void {
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c =
        r < n && this.worse(scores[base + r]!, indexes[base + r]!, scores[base + l]!, indexes[base + l]!)
          ? r
          : l;
      if (!this.worse(scores[base + c]!, indexes[base + c]!, score, index)) break;
      indexes[base + i] = indexes[base + c]!;
      scores[base + i] = scores[base + c]!;
      i = c;
    }
    indexes[base + i] = index;
    scores[base + i] = score;
  }

  /** True when (sa, ia) ranks below (sb, ib): lower score, or equal score and a lower tie key or larger index. */
  private worse(sa: number, ia: number, sb: number, ib: number): boolean {
    if (sa !== sb) return sa < sb;
    if (this.tie) {
      const ta = this.tie[ia]!;
      const tb = this.tie[ib]!;
      if (ta !== tb) return ta < tb;
    }
    return ia > ib;
  }
}
