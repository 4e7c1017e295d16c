/**
 * Text folding shared by the index and the queries, so both sides see the same words:
 * lower case, accents removed (NFKD, combining marks dropped, a few letters NFKD keeps: ß æ œ ø …),
 * `&` read as "and", apostrophes joined ("Schindler's" → "schindlers") except French/Italian elision
 * ("L'Avventura" → "l avventura"), every other non-letter/non-digit a word break.
 * Leading articles stay in the token list; the index treats them as optional (see ARTICLES).
 */

/** Queries are cut to this many UTF-16 units before folding: longer input is never a title. */
export const MAX_QUERY_CHARS = 256;
/** At most this many query words are used (extra words are ignored). */
export const MAX_QUERY_TOKENS = 12;

/**
 * Leading words a title may be typed with or without ("The Godfather" ~ "Godfather",
 * "Le Samouraï" ~ "Samouraï"). "die" (German) also covers "Die Hard": both forms are indexed.
 */
export const ARTICLES: ReadonlySet<string> = new Set([
  'the',
  'a',
  'an',
  'le',
  'la',
  'les',
  'l',
  'el',
  'los',
  'las',
  'il',
  'lo',
  'gli',
  'i',
  'der',
  'die',
  'das',
  'ein',
  'eine',
]);

const EXTRA_FOLDS: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
};
const EXTRA_RE = new RegExp(`[${Object.keys(EXTRA_FOLDS).join('')}]`, 'g');

/** The words of a title or query after folding, in order. */
export function tokenize(text: string): string[] {
  return tokenizeLatin(text) ?? tokenizeUnicode(text);
}

/** Folded words joined by single spaces: the form whole-title comparisons use. */
export function foldTitle(text: string): string {
  return tokenize(text).join(' ');
}

/** Query words: input clipped first, so a 10 KB paste costs no more than a long title. */
export function queryTokens(query: string): string[] {
  const clipped = query.length > MAX_QUERY_CHARS ? query.slice(0, MAX_QUERY_CHARS) : query;
  const words = tokenize(clipped);
  return words.length > MAX_QUERY_TOKENS ? words.slice(0, MAX_QUERY_TOKENS) : words;
}

// --- internal ---

// The build folds every title and name (≈2M strings at full scale): a char loop, not a regex chain. It
// knows ASCII and, from a table, the Latin letters and combining marks; any other text (or null here)
// goes to tokenizeUnicode, which the table is made from, so both give the same words.
function tokenizeLatin(text: string): string[] | null {
  const out: string[] = [];
  // the word so far, and where a run of ASCII letters and digits not yet added to it starts (−1: none),
  // so a plain word costs one slice rather than a string per character
  let word = '';
  let run = -1;
  let table: LatinFolds | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90)) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0) {
      word += text.slice(run, i).toLowerCase();
      run = -1;
    }
    if (c === 39 || c === 96 || c === 0x2019 || c === 0x2bc) {
      // apostrophe: "l'avventura" splits after a lone leading letter, "schindler's" joins
      if (word.length === 1 && isLetterCode(word.charCodeAt(0))) {
        out.push(word);
        word = '';
      }
    } else if (c < 128) {
      if (word) out.push(word);
      word = '';
      if (c === 38) out.push('and');
    } else {
      const fold = c <= LATIN_END ? (table ??= latinFolds())[c - 128] : undefined;
      if (fold === undefined) return null;
      if (fold !== null) {
        word += fold;
        continue;
      }
      if (word) out.push(word);
      word = '';
    }
  }
  if (run >= 0) word += text.slice(run).toLowerCase();
  if (word) out.push(word);
  return out;
}

/** Per code point from U+0080: its folded ASCII letters ('' for a mark), null for a word break, undefined: not known. */
type LatinFolds = (string | null | undefined)[];

/** Latin-1, Latin Extended-A and B, IPA, spacing and combining marks. */
const LATIN_END = 0x36f;
let folds: LatinFolds | undefined;

function latinFolds(): LatinFolds {
  folds ??= Array.from({ length: LATIN_END - 127 }, (_, i) => {
    // what the full folding makes of the character between two letters
    const words = tokenizeUnicode(`a${String.fromCharCode(128 + i)}b`);
    if (words.length === 2 && words[0] === 'a' && words[1] === 'b') return null;
    return words.length === 1 ? /^a([a-z0-9]*)b$/.exec(words[0]!)?.[1] : undefined;
  });
  return folds;
}

/** The full folding (regular expressions over any Unicode): what tokenize falls back to, and its reference. */
export function tokenizeUnicode(text: string): string[] {
  const folded = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(EXTRA_RE, (ch) => EXTRA_FOLDS[ch] ?? ch)
    .replace(/&/g, ' and ')
    .replace(/(^|[^\p{L}\p{N}])(\p{L})['’ʼ`]/gu, '$1$2 ')
    .replace(/['’ʼ`]/g, '');
  return folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
}

function isLetterCode(c: number): boolean {
  return c >= 97 && c <= 122;
}
