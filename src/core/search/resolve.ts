/**
 * What a user typed → one movie, for `kinema recommend "<title>"` and links by title:
 * 1. `tt0111161`: looked up by id (a tt followed by the wrong number of digits is a bad-input error);
 * 2. an exact title (after folding, article optional): the most popular movie of that title;
 * 3. a trailing year, "Dune (2021)" / "dune 1984" / "Dune, 1984": the title as above, within that year;
 * 4. the one title starting with the query as whole words ("Star Wars: Episode VI", not "godf");
 * 5. else the best hit whose whole title is within the typo allowance of the whole query
 *    (1 edit from 4 letters, 2 from 8): "godfahter", "shawshank redemtion";
 * 6. else, for two or more words, the one title holding them as a phrase ("Return of the Jedi" →
 *    "Star Wars: Episode VI - Return of the Jedi"): what the site's search box lists first;
 * 7. else up to five suggestions, for a "did you mean".
 */
import { KinemaError } from '../errors.ts';
import type { Catalog } from '../model-catalog.ts';
import { damerau } from './damerau.ts';
import { ARTICLES, MAX_QUERY_CHARS, foldTitle, queryTokens } from './normalize.ts';
import type { RankedHit } from './query-runner.ts';
import { MatchClass } from './query-runner.ts';
import type { SearchHit } from './types.ts';

export interface ResolveContext {
  catalog: Catalog;
  run(words: readonly string[], limit: number): RankedHit[];
  /** Row of a tt id (lower case), or -1. */
  rowOfId(id: string): number;
}

export type Resolution = { index: number } | { suggestions: SearchHit[] };

const ID_LIKE = /^tt\d+$/i;
const ID = /^tt\d{7,9}$/i;
export const TRAILING_YEAR = /^(.*?\S)[\s,]*[([]?\s*((?:18|19|20)\d{2})\s*[)\]]?$/u;
const SUGGESTIONS = 5;

export function resolveTitle(ctx: ResolveContext, query: string): Resolution {
  const text = query.slice(0, MAX_QUERY_CHARS).trim();
  if (ID_LIKE.test(text)) {
    if (!ID.test(text)) {
      throw new KinemaError(
        'bad-input',
        `"${text}" is not an IMDb title id`,
        'ids are "tt" and 7 to 9 digits, like tt0111161',
      );
    }
    const row = ctx.rowOfId(text.toLowerCase());
    return row >= 0 ? { index: row } : { suggestions: [] };
  }
  const words = queryTokens(text);
  if (words.length === 0) return { suggestions: [] };
  const hits = ctx.run(words, 10);
  if (hits[0]?.match === MatchClass.exact) return { index: hits[0].row };

  let titleHits: RankedHit[] = [];
  const split = TRAILING_YEAR.exec(text);
  const titleWords = split ? queryTokens(split[1]!) : [];
  if (split && titleWords.length > 0) {
    const year = Number(split[2]);
    titleHits = ctx.run(titleWords, 100);
    const inYear = titleHits.filter((h) => ctx.catalog.year[h.row] === year);
    if (inYear[0]?.match === MatchClass.exact) return { index: inYear[0].row };
    const close = closest(ctx.catalog, inYear, titleWords);
    if (close >= 0) return { index: close };
  }
  const leading = onlyPhrase(ctx.catalog, hits, words, true);
  if (leading >= 0) return { index: leading };
  const close = closest(ctx.catalog, hits, words);
  if (close >= 0) return { index: close };
  const phrase = words.length >= 2 ? onlyPhrase(ctx.catalog, hits, words, false) : -1;
  if (phrase >= 0) return { index: phrase };
  const pool = hits.length > 0 ? hits : titleHits;
  return { suggestions: pool.slice(0, SUGGESTIONS).map(({ row, score }) => ({ index: row, score })) };
}

// --- internal ---

/** Row of the first hit whose whole name is within the allowance of the whole query, or -1. */
function closest(catalog: Catalog, hits: readonly RankedHit[], words: readonly string[]): number {
  const queries = variants(words.join(' '));
  const allowance = queries[0]!.length >= 8 ? 2 : queries[0]!.length >= 4 ? 1 : 0;
  let best = -1;
  let bestDistance = allowance + 1;
  for (const hit of hits.slice(0, 10)) {
    for (const name of [catalog.title.get(hit.row) ?? '', catalog.originalTitle.get(hit.row) ?? '']) {
      if (!name) continue;
      for (const candidate of variants(foldTitle(name))) {
        for (const q of queries) {
          const d = damerau(q, candidate, allowance);
          if (d < bestDistance) [best, bestDistance] = [hit.row, d];
        }
      }
    }
  }
  return best;
}

/**
 * Row of the only direct hit whose title or original title starts with (`leading`) or holds the query
 * as whole words, or -1 when none or several do: "star wars episode vi" is one film, "night" many.
 */
function onlyPhrase(
  catalog: Catalog,
  hits: readonly RankedHit[],
  words: readonly string[],
  leading: boolean,
): number {
  const query = words.join(' ');
  let found = -1;
  for (const hit of hits) {
    if (hit.match === MatchClass.typo) continue;
    const names = [catalog.title.get(hit.row) ?? '', catalog.originalTitle.get(hit.row) ?? ''];
    const has = names.some((name) =>
      variants(foldTitle(name)).some((folded) => {
        const padded = ` ${folded} `;
        return leading ? padded.startsWith(` ${query} `) : padded.includes(` ${query} `);
      }),
    );
    if (!has) continue;
    if (found >= 0) return -1;
    found = hit.row;
  }
  return found;
}

/** The folded text, and without its leading article when it has one. */
function variants(folded: string): string[] {
  const space = folded.indexOf(' ');
  return space > 0 && ARTICLES.has(folded.slice(0, space)) ? [folded, folded.slice(space + 1)] : [folded];
}
