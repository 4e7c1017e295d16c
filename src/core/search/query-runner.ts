/**
 * Answers one query against a TitleIndex. Words are AND-ed; the last one is a prefix. Two stages:
 * direct (exact and prefix words) and, only when that fills fewer than `limit` slots, typo-tolerant
 * (each word of 4+ letters may also match vocabulary words within its allowed edits).
 *
 * Each stage walks candidates most-popular-first: first through `lead` (titles starting with the
 * first word, so exact and whole-title prefix matches are never crowded out by popular films that
 * merely contain the word), then through the rarest word's postings. Both walks stop after a budget:
 * for a one-letter query that keeps the cost flat and returns the most popular matches.
 *
 * Score bands (also what callers see): exact title 30+p, title prefix 20+p, all words present 10+p,
 * typo match 0–10; p = log10(1 + votes) + rating / 10 (≤ ≈ 8.5).
 */
import { allowedEdits } from './damerau.ts';
import { RankMerge } from './rank-merge.ts';
import { prefixRange, tokenId, wholeNamePostings, type Postings, type TitleIndex } from './title-index.ts';
import { typoCandidates, type TypoIndex } from './typo-index.ts';
import { TopN } from '../top-n.ts';

export const MatchClass = { typo: 0, words: 1, prefix: 2, exact: 3 } as const;
export type MatchClass = (typeof MatchClass)[keyof typeof MatchClass];

export interface RankedHit {
  row: number;
  rank: number;
  score: number;
  match: MatchClass;
}

interface Term {
  /** Token id of the whole word, or -1. */
  exact: number;
  /** Token ids accepted directly: the prefix range for the last word, else [exact, exact + 1). */
  lo: number;
  hi: number;
  /** Typo stage only: sorted token ids within the allowed edits (none when null), and their edits. */
  typoIds: Int32Array | null;
  typoEdits: Uint8Array | null;
}

type Range = [number, number];

export class QueryRunner {
  private readonly seen: Int32Array;
  /**
   * Exact one-word titles: walking `lead` for them scored every title starting with a common word.
   * Built at the first one-word query, so loading a model (a Lambda cold start) does not pay for it.
   */
  private whole: Postings | undefined;
  private generation = 0;

  constructor(
    private readonly index: TitleIndex,
    private readonly typoIndex: () => TypoIndex,
    private readonly budget: number,
    /** false: direct matches only (people search: a typo'd name is noise beside the title hits). */
    private readonly typos = true,
  ) {
    this.seen = new Int32Array(index.size);
  }

  run(words: readonly string[], limit: number): RankedHit[] {
    if (words.length === 0 || this.index.size === 0) return [];
    const top = new TopN(limit, { scores: Float64Array });
    this.nextGeneration();
    const leadsWithArticle = words.length > 1 && this.isArticle(words[0]!);
    this.stage(this.terms(words, false), leadsWithArticle, top, false);
    if (this.typos && top.size < limit && words.some((w) => allowedEdits(w) > 0)) {
      // rows rejected above may match with typos; rows already listed must not come back twice
      this.nextGeneration();
      for (const rank of top.sorted().index) this.seen[rank] = this.generation;
      this.stage(this.terms(words, true), leadsWithArticle, top, true);
    }
    const best = top.sorted();
    return Array.from(best.index, (rank, i) => {
      const score = best.score[i]!;
      return { rank, row: this.index.rankToRow[rank]!, score, match: bandOf(score) };
    });
  }

  // --- internal ---

  private stage(terms: Term[], leadsWithArticle: boolean, top: TopN<Float64Array>, typoStage: boolean): void {
    const { lead, postings } = this.index;
    const budget = this.budget;
    const leadAt = leadsWithArticle ? 1 : 0;
    const leadTerm = terms[leadAt]!;
    const walk = (
      list: Postings,
      at: number,
      ranges: Range[],
      tokens: ArrayLike<number>,
      share: number,
      ceiling: number,
    ) =>
      this.walk(
        list,
        ranges,
        tokens,
        terms,
        at,
        leadsWithArticle,
        top,
        Math.max(1, Math.floor(budget * share)),
        ceiling,
      );
    if (!typoStage) {
      if (terms.some((t) => t.hi <= t.lo)) return; // a word matches nothing
      // exact titles first: only they can outrank everything else, so they must not wait behind prefixes
      let ceiling = 30;
      if (leadAt === terms.length - 1 && leadTerm.exact >= 0) {
        this.whole ??= wholeNamePostings(this.index);
        if (walk(this.whole, leadAt, [[leadTerm.exact, leadTerm.exact + 1]], [], 0.25, 30)) ceiling = 20;
      }
      if (walk(lead, leadAt, [[leadTerm.lo, leadTerm.hi]], [], 0.5, ceiling)) ceiling = Math.min(ceiling, 10);
      // a full list of title-prefix matches cannot be beaten by mere word matches
      if (top.threshold >= 20) return;
      let driver = 0;
      let best = Infinity;
      terms.forEach((term, i) => {
        const cost = RankMerge.cost(postings, [[term.lo, term.hi]], []);
        if (cost < best && !(leadsWithArticle && i === 0)) [best, driver] = [cost, i];
      });
      const d = terms[driver]!;
      walk(postings, driver, [[d.lo, d.hi]], [], 1, ceiling);
      return;
    }
    // typo stage: names starting with a typo of the first word first (a typo match scores at most
    // popularity + 1), then the word whose direct and typo matches are rarest drives the walk
    if (leadTerm.typoIds) walk(lead, leadAt, [], leadTerm.typoIds, 0.25, 1);
    let driver = leadAt;
    let best = Infinity;
    terms.forEach((term, i) => {
      const cost = RankMerge.cost(postings, [[term.lo, term.hi]], term.typoIds ?? []);
      if (cost < best && !(leadsWithArticle && i === 0)) [best, driver] = [cost, i];
    });
    const d = terms[driver]!;
    walk(postings, driver, [[d.lo, d.hi]], d.typoIds ?? [], 0.75, 30);
  }

  /**
   * Scores candidates from `list` (driven by term `at`) most popular first, until the budget is spent or
   * no later candidate could enter the list (its score is below `ceiling` + popularity).
   * Returns true when the walk saw every candidate.
   */
  private walk(
    list: Postings,
    ranges: Range[],
    tokens: ArrayLike<number>,
    terms: Term[],
    at: number,
    leadsWithArticle: boolean,
    top: TopN<Float64Array>,
    budget: number,
    ceiling: number,
  ): boolean {
    const merge = new RankMerge(list, ranges, Array.from(tokens));
    const { seen, generation } = this;
    const popularity = this.index.popularity;
    for (let taken = 0; taken < budget;) {
      const rank = merge.next();
      if (rank < 0) return true;
      if (top.threshold > ceiling + popularity[rank]!) return true;
      if (seen[rank] === generation) continue;
      seen[rank] = generation;
      taken++;
      const score = this.score(rank, terms, at, leadsWithArticle);
      if (score >= 0) top.push(rank, score);
    }
    return false;
  }

  /** Score of one candidate, or -1 when some word is missing from its names. */
  private score(rank: number, terms: Term[], at: number, leadsWithArticle: boolean): number {
    const { slots, names, fwd, article, popularity } = this.index;
    const first = slots[rank]!;
    const last = slots[rank + 1]!;
    const a = names[first]!;
    const b = names[last]!;
    let edits = 0;
    // the driving word is present by construction: check the others first, they reject most rows
    for (let k = 0; k < terms.length; k++) {
      const term = terms[k === terms.length - 1 ? at : k >= at ? k + 1 : k]!;
      let best = 255;
      for (let i = a; i < b && best > 0; i++) {
        const q = quality(term, fwd[i]!);
        if (q >= 0 && q < best) best = q;
      }
      if (best === 255) {
        // "the dark knight" also finds "Dark Knight": a leading article is optional
        if (leadsWithArticle && term === terms[0]) continue;
        return -1;
      }
      edits += best;
    }
    let sequence = 0; // 1: a name starts with the query, 2: a name is the query
    for (let j = first; j < last && sequence < 2; j++) {
      const s = names[j]!;
      const e = names[j + 1]!;
      if (s === e) continue;
      const skip = article[fwd[s]!] === 1 && e - s > 1 ? 1 : 0;
      for (let t = s; t <= s + skip; t++) {
        sequence = Math.max(sequence, matchSequence(fwd, t, e, terms, 0));
        if (leadsWithArticle) sequence = Math.max(sequence, matchSequence(fwd, t, e, terms, 1));
      }
    }
    const p = popularity[rank]!;
    if (edits === 0) return (sequence === 2 ? 30 : sequence === 1 ? 20 : 10) + p;
    return Math.min(9.99, Math.max(0, p + sequence / 2 - 1.5 * (edits - 1)));
  }

  private terms(words: readonly string[], typos: boolean): Term[] {
    const { vocab } = this.index;
    return words.map((word, i) => {
      const exact = tokenId(vocab, word);
      const [lo, hi] =
        i === words.length - 1 ? prefixRange(vocab, word) : exact >= 0 ? [exact, exact + 1] : [0, 0];
      const found = typos && allowedEdits(word) > 0 ? typoCandidates(this.typoIndex(), vocab, word) : null;
      if (!found?.size) return { exact, lo, hi, typoIds: null, typoEdits: null };
      const typoIds = Int32Array.from(found.keys()).sort();
      const typoEdits = Uint8Array.from(typoIds, (id) => found.get(id)!);
      return { exact, lo, hi, typoIds, typoEdits };
    });
  }

  private isArticle(word: string): boolean {
    const id = tokenId(this.index.vocab, word);
    return id >= 0 && this.index.article[id] === 1;
  }

  private nextGeneration(): void {
    if (this.generation === 0x7fffffff) {
      this.seen.fill(0);
      this.generation = 0;
    }
    this.generation++;
  }
}

/** 0 when the token matches the word directly, the edits for a typo match, -1 for none. */
function quality(term: Term, token: number): number {
  if (token >= term.lo && token < term.hi) return 0;
  const ids = term.typoIds;
  if (!ids) return -1;
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < token) lo = mid + 1;
    else hi = mid;
  }
  return ids[lo] === token ? term.typoEdits![lo]! : -1;
}

/** Does the name from `t` to `end` start with (1) or equal (2) the query words from `q`? */
function matchSequence(fwd: Int32Array, t: number, end: number, terms: Term[], q: number): number {
  const len = terms.length - q;
  if (len <= 0 || end - t < len) return 0;
  for (let i = 0; i < len; i++) if (quality(terms[q + i]!, fwd[t + i]!) < 0) return 0;
  const lastTerm = terms[terms.length - 1]!;
  const lastToken = fwd[t + len - 1]!;
  const whole = lastToken === lastTerm.exact || (lastToken !== -1 && quality(lastTerm, lastToken) > 0);
  return end - t === len && whole ? 2 : 1;
}

function bandOf(score: number): MatchClass {
  return score >= 30 ? 3 : score >= 20 ? 2 : score >= 10 ? 1 : 0;
}
