/** The 28 genres IMDb uses in title.basics, in a fixed order: bit i of a genre mask is GENRES[i]. */
export const GENRES = [
  'Action',
  'Adult',
  'Adventure',
  'Animation',
  'Biography',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Family',
  'Fantasy',
  'Film-Noir',
  'Game-Show',
  'History',
  'Horror',
  'Music',
  'Musical',
  'Mystery',
  'News',
  'Reality-TV',
  'Romance',
  'Sci-Fi',
  'Short',
  'Sport',
  'Talk-Show',
  'Thriller',
  'War',
  'Western',
] as const;

export type Genre = (typeof GENRES)[number];

/** The ten genre flags of the 2020 recipe. */
export const ORIGINAL_GENRES = [
  'Action',
  'Adventure',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Horror',
  'Mystery',
  'Romance',
  'Thriller',
] as const;

const INDEX = new Map<string, number>(GENRES.map((g, i) => [g.toLowerCase(), i]));

/** Bit index of a genre name (case-insensitive), or -1. */
export function genreIndex(name: string): number {
  return INDEX.get(name.toLowerCase()) ?? -1;
}

export function genreMask(names: readonly string[]): number {
  let mask = 0;
  for (const name of names) {
    const i = genreIndex(name);
    if (i >= 0) mask |= 1 << i;
  }
  return mask >>> 0;
}

export function genreNames(mask: number): Genre[] {
  const out: Genre[] = [];
  for (let i = 0; i < GENRES.length; i++) if (mask & (1 << i)) out.push(GENRES[i]!);
  return out;
}
