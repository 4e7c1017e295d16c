/** Hand-built catalogs for search tests: only the columns search reads carry meaning. */
import type { Catalog } from '../../../src/core/model-catalog.ts';
import { stringsOf } from '../../../src/core/columns.ts';

export interface Row {
  id?: string;
  title: string;
  originalTitle?: string;
  year?: number;
  votes?: number;
  rating?: number;
}

export function catalogOf(rows: Row[]): Catalog {
  const n = rows.length;
  return {
    size: n,
    id: stringsOf(rows.map((r, i) => r.id ?? `tt${String(9_000_000 + i).padStart(7, '0')}`)),
    title: stringsOf(rows.map((r) => r.title)),
    originalTitle: stringsOf(rows.map((r) => r.originalTitle ?? '')),
    year: Int16Array.from(rows, (r) => r.year ?? 2000),
    runtime: new Int16Array(n),
    genres: new Uint32Array(n),
    rating: Float32Array.from(rows, (r) => r.rating ?? 7),
    votes: Int32Array.from(rows, (r) => r.votes ?? 1000),
    bayes: Float32Array.from(rows, (r) => r.rating ?? 7),
    cluster: new Int32Array(n),
    distance: new Float32Array(n),
  };
}
