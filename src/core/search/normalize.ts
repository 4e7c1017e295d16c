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
const ASCII_RE = /^[\x20-\x7e]*$/;

/** The words of a title or query after folding, in order. */
export function tokenize(text: string): string[] {
  return ASCII_RE.test(text) ? tokenizeAscii(text) : tokenizeUnicode(text);
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

// The build folds every catalog title (≈1.4M strings at full scale): a char loop, not a regex chain.
function tokenizeAscii(text: string): string[] {
  const out: string[] = [];
  let word = '';
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
      word += String.fromCharCode(c);
    } else if (c === 39 || c === 96) {
      // apostrophe: "l'avventura" splits after a lone leading letter, "schindler's" joins
      if (word.length === 1 && isLetterCode(word.charCodeAt(0))) {
        out.push(word);
        word = '';
      }
    } else {
      if (word) out.push(word);
      word = '';
      if (c === 38) out.push('and');
    }
  }
  if (word) out.push(word);
  return out;
}

function tokenizeUnicode(text: string): string[] {
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
