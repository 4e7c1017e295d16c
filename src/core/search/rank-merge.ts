/**
 * Walks the union of several posting lists in ascending rank (most popular first), each rank once:
 * a k-way merge with a binary heap of cursors. A short prefix like "s" spans thousands of lists, but
 * the caller stops after a budget, so the cost is O(lists + taken × log lists), never the list sizes.
 */
import type { Postings } from './title-index.ts';

export class RankMerge {
  private readonly pos: Int32Array;
  private readonly end: Int32Array;
  /** Heap of cursor slots ordered by the rank under each cursor. */
  private readonly heap: Int32Array;
  private size = 0;
  private last = -1;

  /** `tokens` lists every token whose postings take part; ranges [lo, hi) add all tokens inside. */
  constructor(
    private readonly postings: Postings,
    ranges: readonly (readonly [number, number])[],
    tokens: Iterable<number>,
  ) {
    const ids: number[] = [];
    for (const [lo, hi] of ranges) for (let t = lo; t < hi; t++) ids.push(t);
    for (const t of tokens) ids.push(t);
    this.pos = new Int32Array(ids.length);
    this.end = new Int32Array(ids.length);
    this.heap = new Int32Array(ids.length);
    const { offsets } = postings;
    for (let s = 0; s < ids.length; s++) {
      const t = ids[s]!;
      this.pos[s] = offsets[t]!;
      this.end[s] = offsets[t + 1]!;
      if (this.pos[s]! < this.end[s]!) this.heap[this.size++] = s;
    }
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.siftDown(i);
  }

  /** Total postings under the merge: what a full walk would cost. */
  static cost(postings: Postings, ranges: readonly (readonly [number, number])[], tokens: Iterable<number>) {
    const { offsets } = postings;
    let total = 0;
    for (const [lo, hi] of ranges) total += offsets[hi]! - offsets[lo]!;
    for (const t of tokens) total += offsets[t + 1]! - offsets[t]!;
    return total;
  }

  /** The next rank, or -1 when every list is exhausted. */
  next(): number {
    const items = this.postings.items;
    while (this.size > 0) {
      const s = this.heap[0]!;
      const rank = items[this.pos[s]!]!;
      this.pos[s]!++;
      if (this.pos[s]! < this.end[s]!) this.siftDown(0);
      else {
        this.heap[0] = this.heap[--this.size]!;
        if (this.size > 0) this.siftDown(0);
      }
      if (rank !== this.last) {
        this.last = rank;
        return rank;
      }
    }
    return -1;
  }

  // --- internal ---

  private key(slot: number): number {
    return this.postings.items[this.pos[slot]!]!;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = this.size;
    const slot = heap[i]!;
    const k = this.key(slot);
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.key(heap[c + 1]!) < this.key(heap[c]!)) c++;
      if (this.key(heap[c]!) >= k) break;
      heap[i] = heap[c]!;
      i = c;
    }
    heap[i] = slot;
  }
}
