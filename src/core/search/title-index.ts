/**
 * The search index over a catalog, all flat typed arrays:
 * - movies are renumbered by popularity rank (0 = most popular) so every posting list, kept in rank
 *   order, already yields the famous films first and top-k needs no sort;
 * - `vocab` is sorted, so a typed prefix is one contiguous range of token ids (two binary searches) and
 *   the postings of that whole range are one contiguous slice;
 * - `postings`: token → ranks having it anywhere; `lead`: token → ranks whose title (or original title)
 *   starts with it, or with an article and then it; whole-title prefix matches are found there;
 * - `fwd`: per rank, the tokens of its names (title, original title, then its search keys: akas), to
 *   check a candidate against every query word; `slots` says where each rank's names are.
 */
import type { Catalog } from '../model-catalog.ts';
import type { Strings } from '../columns.ts';
import { ARTICLES, foldTitle, tokenize } from './normalize.ts';

export interface Postings {
  /** Items of token t: items[offsets[t] .. offsets[t+1]), ascending rank. */
  offsets: Int32Array;
  items: Int32Array;
}

export interface TitleIndex {
  size: number;
  vocab: string[];
  /** Per token id: 1 when it is an article (optional at the start of a title). */
  article: Uint8Array;
  rankToRow: Int32Array;
  /** Per rank: log10(1 + votes) + rating / 10, the popularity the ranking adds within a class. */
  popularity: Float32Array;
  /**
   * Names of rank r are slots slots[r] .. slots[r+1]-1 (the first is the title, the second the original
   * title, empty when the same, then search keys); name s has tokens fwd[names[s] .. names[s+1]).
   */
  slots: Int32Array;
  names: Int32Array;
  fwd: Int32Array;
  postings: Postings;
  lead: Postings;
}

/** What the index is built from: a catalog, or any list of named, voted rows (people). */
export type TitleSource = Pick<Catalog, 'size' | 'title' | 'originalTitle'> & {
  votes: ArrayLike<number>;
  rating: ArrayLike<number>;
  /** More names a row is found by (akas): values[offsets[row] .. offsets[row+1]). */
  keys?: { offsets: ArrayLike<number>; values: Strings };
};

/** At most this many search keys a row (beyond its title and original title). */
export const MAX_KEYS = 8;

export function buildTitleIndex(catalog: TitleSource): TitleIndex {
  const n = catalog.size;
  const { rankToRow, popularity } = rankByPopularity(catalog);
  // pass 1: tokenize the names of every movie, in rank order, with provisional token ids
  const provisional = new Map<string, number>();
  const words: string[] = [];
  let fwd: Int32Array = new Int32Array(Math.max(16, n * 4));
  let names: Int32Array = new Int32Array(2 * n + 1);
  const slots = new Int32Array(n + 1);
  let used = 0;
  let slot = 0;
  const addName = (text: string) => {
    if (slot + 1 >= names.length) names = grow(names);
    names[slot++] = used;
    for (const word of text ? tokenize(text) : []) {
      let id = provisional.get(word);
      if (id === undefined) {
        id = words.length;
        provisional.set(word, id);
        words.push(word);
      }
      if (used === fwd.length) fwd = grow(fwd);
      fwd[used++] = id;
    }
  };
  for (let r = 0; r < n; r++) {
    const row = rankToRow[r]!;
    slots[r] = slot;
    const title = catalog.title.get(row) ?? '';
    const original = catalog.originalTitle.get(row) ?? '';
    addName(title);
    addName(original !== title ? original : '');
    const keys = catalog.keys;
    if (!keys) continue;
    // a key folded like a name the row already has adds nothing (Amelie ~ Amélie)
    const known = new Set([foldTitle(title), foldTitle(original)]);
    for (let k = keys.offsets[row]!; k < keys.offsets[row + 1]! && known.size < MAX_KEYS + 2; k++) {
      const key = keys.values.get(k);
      const folded = foldTitle(key);
      if (!folded || known.has(folded)) continue;
      known.add(folded);
      addName(key);
    }
  }
  slots[n] = slot;
  names[slot] = used;
  names = names.slice(0, slot + 1);
  // pass 2: sort the vocabulary (code-unit order, the order binary search uses) and renumber
  const vocab = words.slice().sort(); // default sort: UTF-16 code-unit order, no comparator calls
  const remap = new Int32Array(words.length);
  vocab.forEach((word, id) => (remap[provisional.get(word)!] = id));
  fwd = fwd.slice(0, used);
  for (let i = 0; i < used; i++) fwd[i] = remap[fwd[i]!]!;
  const article = new Uint8Array(vocab.length);
  vocab.forEach((w, id) => (article[id] = ARTICLES.has(w) ? 1 : 0));
  const postings = buildPostings(n, vocab.length, (r, emit) => {
    for (let i = names[slots[r]!]!; i < names[slots[r + 1]!]!; i++) emit(fwd[i]!);
  });
  const lead = buildPostings(n, vocab.length, (r, emit) => {
    for (let j = slots[r]!; j < slots[r + 1]!; j++) {
      const start = names[j]!;
      const end = names[j + 1]!;
      if (start === end) continue;
      emit(fwd[start]!);
      if (article[fwd[start]!] && end - start > 1) emit(fwd[start + 1]!);
    }
  });
  return { size: n, vocab, article, rankToRow, popularity, slots, names, fwd, postings, lead };
}

/**
 * token → ranks with a name that is exactly that word (or an article and then it): the exact-title
 * matches of a one-word query. Derived from `names` at load (one pass), so search.bin stays as it is.
 */
export function wholeNamePostings(ix: TitleIndex): Postings {
  const { slots, names, fwd, article } = ix;
  return buildPostings(ix.size, ix.vocab.length, (r, emit) => {
    for (let j = slots[r]!; j < slots[r + 1]!; j++) {
      const start = names[j]!;
      const length = names[j + 1]! - start;
      if (length === 1) emit(fwd[start]!);
      else if (length === 2 && article[fwd[start]!]) emit(fwd[start + 1]!);
    }
  });
}

/** Token ids whose word starts with `prefix`: [lo, hi). */
export function prefixRange(vocab: readonly string[], prefix: string): [number, number] {
  const lo = lowerBound(vocab, prefix);
  // every word starting with prefix sorts below prefix + U+FFFF
  const hi = lowerBound(vocab, prefix + '\uffff');
  return [lo, hi];
}

/** Token id of exactly `word`, or -1. */
export function tokenId(vocab: readonly string[], word: string): number {
  const i = lowerBound(vocab, word);
  return vocab[i] === word ? i : -1;
}

// --- internal ---

function rankByPopularity(catalog: TitleSource): { rankToRow: Int32Array; popularity: Float32Array } {
  const n = catalog.size;
  const pop = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const votes = Math.max(0, catalog.votes[i] ?? 0);
    const rating = catalog.rating[i] ?? 0;
    pop[i] = Math.log10(1 + votes) + (Number.isFinite(rating) ? rating / 10 : 0);
  }
  // packed keys sort natively (a comparator sort of 700k rows is several times slower); ties → row order
  const rankToRow = new Int32Array(n);
  if (n < 2 ** 22) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = Math.round((20 - pop[i]!) * 1e6) * 2 ** 22 + i;
    keys.sort();
    for (let r = 0; r < n; r++) rankToRow[r] = keys[r]! % 2 ** 22;
  } else {
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => pop[b]! - pop[a]! || a - b);
    idx.forEach((row, r) => (rankToRow[r] = row));
  }
  const popularity = new Float32Array(n);
  for (let r = 0; r < n; r++) popularity[r] = pop[rankToRow[r]!]!;
  return { rankToRow, popularity };
}

/** CSR token → ranks, each list ascending and without repeats (ranks are visited in order). */
function buildPostings(
  n: number,
  tokens: number,
  each: (rank: number, emit: (token: number) => void) => void,
): Postings {
  const last = new Int32Array(tokens).fill(-1);
  const counts = new Int32Array(tokens + 1);
  for (let r = 0; r < n; r++) {
    each(r, (t) => {
      if (last[t] === r) return;
      last[t] = r;
      counts[t + 1]!++;
    });
  }
  const offsets = new Int32Array(tokens + 1);
  for (let t = 0; t < tokens; t++) offsets[t + 1] = offsets[t]! + counts[t + 1]!;
  const items = new Int32Array(offsets[tokens]!);
  const cursor = offsets.slice(0, tokens);
  last.fill(-1);
  for (let r = 0; r < n; r++) {
    each(r, (t) => {
      if (last[t] === r) return;
      last[t] = r;
      items[cursor[t]!++] = r;
    });
  }
  return { offsets, items };
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
