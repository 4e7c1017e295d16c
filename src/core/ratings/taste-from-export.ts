/**
 * Rated rows → a taste: IMDb ids looked up, Letterboxd title/year pairs through the same resolver as
 * search (a match must have the row's year, ±1 for festival-versus-release years). Ratings at or
 * above `likeAt` (1–10 scale) are likes, at or below `dislikeAt` dislikes, and every matched row is
 * seen. Rows that match no movie are returned, never dropped.
 */
import type { Model } from '../model.ts';
import type { TitleSearch } from '../search/types.ts';
import type { RatedRow } from './export-file.ts';

export interface ImportOptions {
  /** Default 7 (IMDb 7/10, Letterboxd 3.5/5). */
  likeAt?: number;
  /** Default 4 (IMDb 4/10, Letterboxd 2/5). */
  dislikeAt?: number;
}

export interface Catalogue {
  /** Row of a tt id, or undefined. */
  byId(id: string): number | undefined;
  /** Row a title and year resolve to (search's resolver), or undefined. */
  resolve(title: string, year: number): number | undefined;
  year(row: number): number;
}

/** The catalogue of a model, titles resolved as `kinema recommend "Dune (1984)"` resolves them. */
export function modelCatalogue(model: Model, search: TitleSearch): Catalogue {
  return {
    byId: (id) => model.byId.get(id),
    resolve(title, year) {
      const found = search.resolve(year ? `${title} (${year})` : title);
      return 'index' in found ? found.index : undefined;
    },
    year: (row) => model.catalog.year[row]!,
  };
}

export interface ImportedTaste {
  /** Best rated first (file order among equals). */
  liked: number[];
  disliked: number[];
  seen: number[];
  unmatched: RatedRow[];
  rows: number;
}

export function tasteFromRows(
  rows: readonly RatedRow[],
  catalogue: Catalogue,
  options: ImportOptions = {},
): ImportedTaste {
  const likeAt = options.likeAt ?? 7;
  const dislikeAt = options.dislikeAt ?? 4;
  const liked = new Map<number, number>();
  const disliked = new Set<number>();
  const seen = new Set<number>();
  const unmatched: RatedRow[] = [];
  for (const row of rows) {
    const index = row.id ? catalogue.byId(row.id) : byTitle(row, catalogue);
    if (index === undefined) {
      unmatched.push(row);
      continue;
    }
    seen.add(index);
    if (row.rating === undefined) continue;
    // a later row (a re-rating) wins over an earlier one
    liked.delete(index);
    disliked.delete(index);
    if (row.rating >= likeAt) liked.set(index, row.rating);
    else if (row.rating <= dislikeAt) disliked.add(index);
  }
  const best = [...liked].sort((a, b) => b[1] - a[1]).map(([index]) => index);
  return { liked: best, disliked: [...disliked], seen: [...seen], unmatched, rows: rows.length };
}

function byTitle(row: RatedRow, catalogue: Catalogue): number | undefined {
  if (!row.title) return undefined;
  const index = catalogue.resolve(row.title, row.year);
  if (index === undefined) return undefined;
  return row.year === 0 || Math.abs(catalogue.year(index) - row.year) <= 1 ? index : undefined;
}

/** "37 of 1,204 rows matched no movie in this catalog: Title (Year) line 12, …". */
export function unmatchedSummary(taste: ImportedTaste, file: string, show = 10): string | undefined {
  const n = taste.unmatched.length;
  if (n === 0) return undefined;
  const fmt = (x: number) => x.toLocaleString('en-US');
  const listed = taste.unmatched
    .slice(0, show)
    .map((r) => `${r.title || r.id || '?'}${r.year ? ` (${r.year})` : ''} line ${r.line}`);
  const more = n > show ? `, and ${fmt(n - show)} more` : '';
  return `${file}: ${fmt(n)} of ${fmt(taste.rows)} rows matched no movie in this catalog: ${listed.join('; ')}${more}`;
}
