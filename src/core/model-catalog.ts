/** The catalog: one row per movie, as columns (src/core/columns.ts), and its JSON form from the build. */
import type { Strings } from './columns.ts';

export interface CatalogJson {
  id: string[];
  /** Display title: primaryTitle, or the English US display aka without attributes (catalog-kinema.sql). */
  title: string[];
  /** IMDb's original title, "" when equal to `title`. */
  originalTitle: string[];
  year: number[];
  /** Minutes; 0 = unknown. */
  runtime: number[];
  /** Bit mask over GENRES (src/core/genres.ts). */
  genres: number[];
  rating: number[];
  votes: number[];
  /** IMDb-style Bayesian weighted rating. */
  bayes: number[];
  cluster: number[];
  /** Euclidean distance to the cluster centroid in feature space. */
  distance: number[];
}

export interface Catalog {
  size: number;
  id: Strings;
  title: Strings;
  originalTitle: Strings;
  year: Int16Array;
  runtime: Int16Array;
  genres: Uint32Array;
  rating: Float32Array;
  votes: Int32Array;
  bayes: Float32Array;
  cluster: Int32Array;
  distance: Float32Array;
}

/** tconst → row (a Map in memory; a binary search over catalog.bin's idOrder when loaded). */
export interface RowLookup {
  get(id: string): number | undefined;
}
