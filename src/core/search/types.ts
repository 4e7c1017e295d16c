/** Title search over the catalog: autocomplete, results pages and the CLI's fuzzy title matching. */

export interface SearchHit {
  /** Catalog row index. */
  index: number;
  score: number;
}

export interface TitleSearch {
  /** Ranked matches for free text: prefix and word matching, typo tolerant, accent and case folding. */
  search(query: string, limit?: number): SearchHit[];
  /**
   * Resolve what a user typed to one movie: a tt id, an exact title, "Dune (2021)" picking the year,
   * or a close fuzzy match. Returns the best index, or suggestions when nothing is close enough.
   */
  resolve(query: string): { index: number } | { suggestions: SearchHit[] };
}
