/**
 * Keeps the best `capacity` (index, score) pairs seen so far in a min-heap over two typed arrays, so a
 * scan over thousands of candidates allocates nothing per candidate. Ties break on the smaller index,
 * which makes every list deterministic.
 */
/** Rows best first with their scores. */
export interface Ranked {
  index: Int32Array;
  score: Float32Array;
}

export class TopN {
  readonly index: Int32Array;
  readonly score: Float32Array;
  size = 0;

  constructor(readonly capacity: number) {
    this.index = new Int32Array(capacity);
    this.score = new Float32Array(capacity);
  }

  clear(): void {
    this.size = 0;
  }

  /** Score the current worst kept item must beat (−Infinity until full). */
  get threshold(): number {
    return this.size < this.capacity ? -Infinity : this.score[0]!;
  }

  push(index: number, rawScore: number): void {
    if (this.capacity === 0) return;
    // compare at the precision we store, so a kept item and a newcomer compare consistently
    const score = Math.fround(rawScore);
    if (this.size < this.capacity) {
      let i = this.size++;
      // sift up
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!worse(score, index, this.score[parent]!, this.index[parent]!)) break;
        this.index[i] = this.index[parent]!;
        this.score[i] = this.score[parent]!;
        i = parent;
      }
      this.index[i] = index;
      this.score[i] = score;
      return;
    }
    if (!worse(this.score[0]!, this.index[0]!, score, index)) return;
    this.siftDown(index, score);
  }

  /** Kept items, best first, into fresh arrays of length `size`. */
  sorted(): Ranked {
    const order = Array.from({ length: this.size }, (_, i) => i);
    order.sort((a, b) => (worse(this.score[a]!, this.index[a]!, this.score[b]!, this.index[b]!) ? 1 : -1));
    const index = new Int32Array(this.size);
    const score = new Float32Array(this.size);
    order.forEach((o, i) => {
      index[i] = this.index[o]!;
      score[i] = this.score[o]!;
    });
    return { index, score };
  }

  private siftDown(index: number, score: number): void {
    const n = this.size;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && worse(this.score[r]!, this.index[r]!, this.score[l]!, this.index[l]!) ? r : l;
      if (!worse(this.score[c]!, this.index[c]!, score, index)) break;
      this.index[i] = this.index[c]!;
      this.score[i] = this.score[c]!;
      i = c;
    }
    this.index[i] = index;
    this.score[i] = score;
  }
}

/** True when (sa, ia) ranks below (sb, ib): lower score, or equal score and larger index. */
function worse(sa: number, ia: number, sb: number, ib: number): boolean {
  return sa < sb || (sa === sb && ia > ib);
}
