/**
 * Sequels and franchises from titles: "The Godfather Part II" and "The Godfather" share the stem
 * "godfather"; "Star Wars: Episode V - The Empire Strikes Back" and "Star Wars" share "star wars".
 * A shared stem alone is not enough ("Home" is the title of dozens of unrelated films): two movies are
 * in the same franchise when their stems match and at least one title carried a sequel marker or a
 * subtitle, or they share a person. Stems are words, never character codes.
 */
import type { Catalog } from '../model-catalog.ts';

export interface TitleStem {
  stem: string;
  /** A sequel number, "Part …", "Chapter …" or a subtitle was removed. */
  marked: boolean;
}

const ROMAN = '(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3}|xiv|xv|xvi{0,3})';
const SEQUEL_TAIL = new RegExp(
  `(?:\\s+(?:part|chapter|episode|vol(?:ume)?|book)\\s+(?:\\d+|${ROMAN}|one|two|three|four|five))$|(?:\\s+(?:\\d{1,2}|${ROMAN}))$`,
);
const SEQUEL_HEAD = new RegExp(`^(?:(?:part|chapter|episode|vol(?:ume)?|book)\\s+(?:\\d+|${ROMAN})\\b\\s*)`);

/** Lowercase, accents folded, punctuation to spaces, leading article dropped, sequel markers removed. */
export function titleStem(title: string): TitleStem {
  let text = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
  let marked = false;
  // a subtitle after ':' or ' - ' names the instalment, not the franchise
  const cut = text.search(/:|\s[-–—]\s/);
  if (cut > 0) {
    text = text.slice(0, cut);
    marked = true;
  }
  text = text
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const tail = text.replace(SEQUEL_TAIL, '').trim();
  if (tail !== text && tail.length > 0) {
    text = tail;
    marked = true;
  }
  const head = text.replace(SEQUEL_HEAD, '').trim();
  if (head !== text && head.length > 0) {
    text = head;
    marked = true;
  }
  text = text.replace(/^(?:the|a|an|le|la|les|der|die|das|el|il)\s+/, '');
  return { stem: text, marked };
}

/**
 * Per movie, up to STEM_SLOTS stem ids (display title, original title, and the display stem less its
 * last word, so "The Dark Knight Rises" meets "The Dark Knight"; −1 = none) and whether a marker was
 * seen. A prefix match carries no marker, so it needs a shared person to count as a franchise.
 */
export interface FranchiseIndex {
  stems: Int32Array;
  marked: Uint8Array;
  /** Movies of stem s: members[offsets[s] .. offsets[s+1]). */
  offsets: Int32Array;
  members: Int32Array;
}

/** Stems shared by more than this many movies are generic words, not franchises. */
const MAX_GROUP = 60;
export const STEM_SLOTS = 3;

/** The stem without its last word when at least two words remain ("dark knight rises" → "dark knight"). */
export function prefixStem(stem: string): string {
  const words = stem.split(' ');
  return words.length >= 3 ? words.slice(0, -1).join(' ') : '';
}

export function buildFranchiseIndex(catalog: Catalog): FranchiseIndex {
  const n = catalog.size;
  const raw: string[] = new Array<string>(STEM_SLOTS * n);
  const marked = new Uint8Array(n);
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const a = titleStem(catalog.title.get(i));
    const original = catalog.originalTitle.get(i);
    const b = original ? titleStem(original) : { stem: '', marked: false };
    const prefix = prefixStem(a.stem);
    raw[STEM_SLOTS * i] = a.stem;
    raw[STEM_SLOTS * i + 1] = b.stem === a.stem ? '' : b.stem;
    raw[STEM_SLOTS * i + 2] = prefix === b.stem ? '' : prefix;
    if (a.marked || b.marked) marked[i] = 1;
    for (let j = STEM_SLOTS * i; j < STEM_SLOTS * (i + 1); j++) {
      const s = raw[j]!;
      if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
  }
  const ids = new Map<string, number>();
  for (const [stem, count] of [...counts].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (count >= 2 && count <= MAX_GROUP) ids.set(stem, ids.size);
  }
  const stems = new Int32Array(STEM_SLOTS * n).fill(-1);
  const sizes = new Int32Array(ids.size + 1);
  for (let j = 0; j < STEM_SLOTS * n; j++) {
    const id = ids.get(raw[j]!);
    if (id !== undefined) {
      stems[j] = id;
      sizes[id + 1]!++;
    }
  }
  const offsets = new Int32Array(ids.size + 1);
  for (let s = 0; s < ids.size; s++) offsets[s + 1] = offsets[s]! + sizes[s + 1]!;
  const fill = offsets.slice(0, ids.size);
  const members = new Int32Array(offsets[ids.size]!);
  for (let j = 0; j < STEM_SLOTS * n; j++) {
    if (stems[j]! >= 0) members[fill[stems[j]!]!++] = Math.floor(j / STEM_SLOTS);
  }
  return { stems, marked, offsets, members };
}

/** Same stem (any title pair); the caller adds the marker-or-shared-person rule. */
export function sharedStem(f: FranchiseIndex, a: number, b: number): boolean {
  const sa = f.stems;
  const ai = STEM_SLOTS * a;
  const bi = STEM_SLOTS * b;
  for (let x = ai; x < ai + STEM_SLOTS; x++) {
    const s = sa[x]!;
    if (s >= 0 && (s === sa[bi]! || s === sa[bi + 1]! || s === sa[bi + 2]!)) return true;
  }
  return false;
}
