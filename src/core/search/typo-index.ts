/**
 * Typo lookup over the vocabulary by deletion neighbourhood (as SymSpell does), kept in one sorted
 * Float64Array instead of a Map of strings: each word of 3+ letters is stored under the hash of itself
 * and, from 4 letters, of each one-letter deletion. A query word looks up its own deletions (one, and two
 * for words of 8+ letters); every hit is then checked with the real bounded Damerau distance, so hash
 * collisions cost time, never wrong answers.
 *
 * Coverage: every word within 1 edit is found. Within 2 edits (typed words of 8+ letters) a word is found
 * when at most one of the edits is a missing letter, a wrong letter or a swap, the other being an extra
 * letter ("shawwshenk" → shawshank); two wrong or missing letters ("shewshenk") are not: that would need
 * two-letter deletions of every word in the index, ~30× the memory.
 */
import { allowedEdits, damerau } from './damerau.ts';

export interface TypoIndex {
  /** Sorted keys: hash × 2^idBits + token id. */
  keys: Float64Array;
  idBits: number;
}

export function buildTypoIndex(vocab: readonly string[]): TypoIndex {
  const idBits = Math.max(1, Math.ceil(Math.log2(vocab.length + 1)));
  const scale = 2 ** idBits;
  const hashMask = 2 ** (53 - idBits);
  let count = 0;
  for (const word of vocab) if (word.length >= 3) count += word.length >= 4 ? word.length + 1 : 1;
  const keys = new Float64Array(count);
  let k = 0;
  for (let id = 0; id < vocab.length; id++) {
    const word = vocab[id]!;
    if (word.length < 3 || /\d/.test(word)) continue;
    keys[k++] = (hashSkip(word, -1, -1) % hashMask) * scale + id;
    if (word.length < 4) continue;
    for (let i = 0; i < word.length; i++) {
      // a doubled letter gives the same deletion twice: store it once
      if (i > 0 && word.charCodeAt(i) === word.charCodeAt(i - 1)) continue;
      keys[k++] = (hashSkip(word, i, -1) % hashMask) * scale + id;
    }
  }
  const used = keys.subarray(0, k).sort();
  return { keys: used, idBits };
}

/** Vocabulary ids within the allowed edits of `word` (by its length), with their distance. */
export function typoCandidates(
  index: TypoIndex,
  vocab: readonly string[],
  word: string,
): Map<number, number> {
  const out = new Map<number, number>();
  const max = allowedEdits(word);
  if (max === 0 || word.length > 40) return out;
  const seen = new Set<number>();
  const probe = (h: number) => {
    if (seen.has(h)) return;
    seen.add(h);
    for (const id of lookup(index, h)) {
      if (out.has(id)) continue;
      const d = damerau(word, vocab[id]!, max);
      if (d <= max && d > 0) out.set(id, d);
    }
  };
  probe(hashSkip(word, -1, -1));
  for (let i = 0; i < word.length; i++) {
    probe(hashSkip(word, i, -1));
    if (max >= 2) for (let j = i + 1; j < word.length; j++) probe(hashSkip(word, i, j));
  }
  return out;
}

// --- internal ---

function lookup(index: TypoIndex, hash: number): number[] {
  const scale = 2 ** index.idBits;
  const h = hash % 2 ** (53 - index.idBits);
  const lo = lowerBound(index.keys, h * scale);
  const hi = lowerBound(index.keys, (h + 1) * scale);
  const ids: number[] = [];
  for (let i = lo; i < hi; i++) ids.push(index.keys[i]! - h * scale);
  return ids;
}

function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** 32-bit FNV-1a of `word` without the letters at `skipA` and `skipB` (-1 = none). */
function hashSkip(word: string, skipA: number, skipB: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    if (i === skipA || i === skipB) continue;
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // mix in the length so "ab" minus nothing and "abc" minus "c" stay distinct from shorter words
  return (h ^ (word.length - (skipA >= 0 ? 1 : 0) - (skipB >= 0 ? 1 : 0))) >>> 0;
}
