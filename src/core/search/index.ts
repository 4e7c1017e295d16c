/**
 * Title search: autocomplete, results pages and the CLI's title resolution (contract: ./types.ts).
 *
 *   const search = createTitleSearch(model.catalog);
 *   search.search('godf', 8);        // [{ index, score }, …] best first
 *   search.resolve('Dune (2021)');   // { index } or { suggestions }
 *
 * Matching: the display title, the original title and the akas (search keys); case, accents and
 * punctuation folded; a trailing year ("the matrix (1999)") puts that year's films of the title first;
 * `&` = "and"; a leading article optional on either side; words AND-ed, the last one a prefix;
 * typos (Damerau, 1 edit from 4 letters, 2 from 8) when direct matches do not fill the page.
 * Ranking: exact title > title prefix > all words present > typo match, then popularity
 * (log votes, then rating). Scores: ≥ 30 exact, ≥ 20 prefix, ≥ 10 words, < 10 typo.
 * Never throws on any text; only `resolve` throws, for a malformed tt id.
 */
import type { Catalog } from '../model-catalog.ts';
import { MAX_QUERY_CHARS, queryTokens } from './normalize.ts';
import { MatchClass, QueryRunner, type RankedHit } from './query-runner.ts';
import { resolveTitle, TRAILING_YEAR } from './resolve.ts';
import { buildTitleIndex, type TitleIndex } from './title-index.ts';
import { buildTypoIndex, type TypoIndex } from './typo-index.ts';
import type { SearchHit, TitleSearch } from './types.ts';

export type { SearchHit, TitleSearch } from './types.ts';
export { MatchClass };

export interface TitleSearchOptions {
  /**
   * Candidates a query may examine (about half through title starts, the rest through words):
   * bounds the cost of one- and two-letter queries. Default 4000.
   */
  budget?: number;
  /** Build the typo index at the first typo query instead of up front (faster start). Default false. */
  lazyTypos?: boolean;
  /** The index `kinema build` shipped (search.bin); built from the catalog when absent. */
  index?: TitleIndex;
}

/** Largest page `search` returns. */
export const MAX_LIMIT = 100;

export function createTitleSearch(catalog: Catalog, options: TitleSearchOptions = {}): TitleSearch {
  const index = options.index ?? buildTitleIndex(catalog);
  let typos: TypoIndex | undefined = options.lazyTypos ? undefined : buildTypoIndex(index.vocab);
  const typoIndex = () => (typos ??= buildTypoIndex(index.vocab));
  const runner = new QueryRunner(index, typoIndex, Math.max(2, options.budget ?? 4000));
  let ids: ((id: string) => number) | undefined; // built at the first resolve, not at load
  return {
    search(query: string, limit = 10): SearchHit[] {
      const k = Math.max(0, Math.min(MAX_LIMIT, Math.floor(Number.isFinite(limit) ? limit : 10)));
      if (k === 0 || typeof query !== 'string') return [];
      const hits = runner.run(queryTokens(query), k);
      const inYear = yearMatches(catalog, runner, query, k);
      if (inYear.length === 0) return hits.map(({ row, score }) => ({ index: row, score }));
      // "the matrix (1999)", "dark knight 2008": the title's films of that year first, then the rest
      const seen = new Set(inYear.map((h) => h.row));
      return [...inYear, ...hits.filter((h) => !seen.has(h.row))]
        .slice(0, k)
        .map(({ row, score }) => ({ index: row, score }));
    },
    resolve(query: string) {
      return resolveTitle(
        { catalog, run: (words, limit) => runner.run(words, limit), rowOfId: (ids ??= idLookup(catalog)) },
        typeof query === 'string' ? query : '',
      );
    },
  };
}

// --- internal ---

/**
 * A trailing year ("(1999)", ", 2008", " 1984") narrows the words before it to that year. The hits keep
 * their title scores; none when the query has no year or no film of the title is from that year
 * ("blade runner 2049" is a title, and its own words find it).
 */
function yearMatches(catalog: Catalog, runner: QueryRunner, query: string, limit: number): RankedHit[] {
  const split = TRAILING_YEAR.exec(query.slice(0, MAX_QUERY_CHARS).trim());
  if (!split) return [];
  const words = queryTokens(split[1]!);
  if (words.length === 0) return [];
  const year = Number(split[2]);
  return runner
    .run(words, YEAR_POOL)
    .filter((h) => catalog.year[h.row] === year && h.match !== MatchClass.typo)
    .slice(0, limit);
}

/** Title hits a year is looked for among. */
const YEAR_POOL = 100;

/** tt id → row via one sorted Float64Array of (number × 2^22 + row): no 700k-entry Map of strings. */
function idLookup(catalog: Catalog): (id: string) => number {
  const SHIFT = 2 ** 22;
  const keys: number[] = [];
  for (let row = 0; row < catalog.size; row++) {
    const id = catalog.id.get(row);
    const m = /^tt(\d{1,9})$/.exec(id);
    if (m && row < SHIFT) keys.push(Number(m[1]) * SHIFT + row);
  }
  const sorted = Float64Array.from(keys).sort();
  return (id) => {
    const m = /^tt(\d{1,9})$/.exec(id);
    if (!m) return -1;
    const target = Number(m[1]) * SHIFT;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    const key = sorted[lo];
    return key !== undefined && key - target < SHIFT ? key - target : -1;
  };
}
