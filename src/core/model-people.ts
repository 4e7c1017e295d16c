/** The people of a model: names, per-movie crew and cast lists (CSR), and their JSON form from the build. */
import type { Strings } from './columns.ts';
import type { TitleIndex } from './search/title-index.ts';

/** Compressed sparse rows: the items of row i are items[offsets[i] .. offsets[i+1]). */
export interface Csr {
  offsets: Int32Array;
  items: Int32Array;
}

export interface PeopleJson {
  id: string[];
  /** "" for a person missing from name.basics: kept for the similarity, never shown. */
  name: string[];
  directors: { offsets: number[]; items: number[] };
  writers: { offsets: number[]; items: number[] };
  cast: { offsets: number[]; items: number[] };
  /** 0 = unknown. */
  birthYear?: number[];
  deathYear?: number[];
  /** name.basics primaryProfession, comma-separated ("" when unknown). */
  professions?: string[];
  /** Per cast entry (aligned with cast.items): the characters played, "Bruce Wayne / Batman" or "". */
  characters?: string[];
  /** Per movie: people name.basics says are known for it (knownForTitles); pages only. */
  known?: { offsets: number[]; items: number[] };
}

export interface People {
  id: Strings;
  name: Strings;
  directors: Csr;
  writers: Csr;
  cast: Csr;
  birthYear?: Int16Array;
  deathYear?: Int16Array;
  professions?: Strings;
  characters?: Strings;
  /** Per movie: people known for it (name.basics knownForTitles), for pages, not the similarity. */
  known?: Csr;
  /** Person → catalog movies by year (people.bin); computed on first use when absent. */
  filmography?: Filmography;
  /** Search index over people's names (people.bin), decoded on first call. */
  nameIndex?: () => TitleIndex;
}

/** Person → catalog movies by year: what a person page lists (src/core/people/filmography.ts). */
export interface Filmography {
  /** Movies of person p: movies[offsets[p] .. offsets[p+1]), by year then row. */
  offsets: Int32Array;
  movies: Int32Array;
}
