/**
 * People search: "nolan" → Christopher Nolan, "fincher" → David Fincher. Same folding and word rules
 * as title search (src/core/search), direct matches only (every word present, the last one a prefix),
 * most-voted people first.
 */
import { queryTokens } from '../search/normalize.ts';
import { QueryRunner } from '../search/query-runner.ts';
import type { TitleIndex } from '../search/title-index.ts';
import type { SearchHit } from '../search/types.ts';
import { buildTypoIndex } from '../search/typo-index.ts';

export interface NameSearch {
  /** People whose name has every query word (hit.index = person row), best first. */
  search(query: string, limit?: number): SearchHit[];
}

/** Names need at least this many letters typed: two letters match half the people. */
const MIN_CHARS = 3;

export function createNameSearch(index: TitleIndex, budget = 2000): NameSearch {
  // never consulted (typos off); the runner only asks for it in its typo stage
  const runner = new QueryRunner(index, () => buildTypoIndex([]), budget, false);
  return {
    search(query, limit = 5) {
      const k = Math.max(0, Math.min(20, Math.floor(Number.isFinite(limit) ? limit : 5)));
      if (k === 0 || typeof query !== 'string') return [];
      const words = queryTokens(query);
      if (words.join('').length < MIN_CHARS) return [];
      return runner.run(words, k).map(({ row, score }) => ({ index: row, score }));
    },
  };
}
