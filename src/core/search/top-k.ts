/** The best `k` (rank, score) pairs seen so far: higher score first, then lower rank (more popular). */
export class TopK {
  private readonly ranks: Int32Array;
  private readonly scores: Float64Array;
  size = 0;

  constructor(readonly k: number) {
    this.ranks = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  get full(): boolean {
    return this.size === this.k;
  }

  /** The score a newcomer must beat once the list is full. */
  get min(): number {
    return this.size === 0 ? -Infinity : this.scores[this.size - 1]!;
  }

  offer(rank: number, score: number): void {
    if (this.k === 0) return;
    if (this.full && !before(score, rank, this.scores[this.k - 1]!, this.ranks[this.k - 1]!)) return;
    let i = this.full ? this.k - 1 : this.size++;
    // insertion sort: k is small (a page of results)
    while (i > 0 && before(score, rank, this.scores[i - 1]!, this.ranks[i - 1]!)) {
      this.scores[i] = this.scores[i - 1]!;
      this.ranks[i] = this.ranks[i - 1]!;
      i--;
    }
    this.scores[i] = score;
    this.ranks[i] = rank;
  }

  sorted(): { rank: number; score: number }[] {
    return Array.from({ length: this.size }, (_, i) => ({ rank: this.ranks[i]!, score: this.scores[i]! }));
  }
}

function before(score: number, rank: number, otherScore: number, otherRank: number): boolean {
  return score > otherScore || (score === otherScore && rank < otherRank);
}
