/**
 * Which generated movies are "on MovieLens", and how popular each is there. MovieLens holds a fraction
 * of IMDb's movies, mostly the well-known ones: every rated, released, non-adult movie of the sample gets
 * a key ln(votes) + noise, and the top keys make the catalog (ml-32m: 87,585 movies at scale 1). The same
 * key orders popularity, so MovieLens popularity follows IMDb votes without copying them. A few entries
 * (0.4%) link to 8-digit IMDb ids the sample doesn't have, as real links.csv rows point at titles a
 * given IMDb snapshot lacks; they sit at the popularity tail and have no tmdbId.
 */
import { mix32, RowRandom } from './row-random.ts';
import { titleBasics } from './title-basics.ts';
import { titleRating } from './title-ratings.ts';
import { T, titleType, type SampleShape } from './titles.ts';
import { makeTitle } from './words.ts';

/** ml-32m's counts, the shape of scale 1. */
export const ML_FULL = { users: 200_948, movies: 87_585, ratings: 32_000_204 };

export interface MlMovie {
  movieId: number;
  /** `tt…` number without the `tt`, as links.csv writes it (7 digits at least). */
  imdbId: string;
  /** Empty for a few, as in the real links.csv. */
  tmdbId: string;
  /** `Title (year)` with a leading article moved to the end, as MovieLens writes it. */
  title: string;
  genres: string;
  /** IMDb rating minus the sample's mean, in standard deviations (0 when the title isn't in the sample). */
  quality: number;
}

export interface MlCatalog {
  /** In popularity order: index 0 is the most rated movie. */
  movies: MlMovie[];
}

// separate streams from the IMDb tables' salts
const SALT_KEY = 0x3b9aca07;
const SALT_LINK = 0x5851f42d;

export function movielensCatalog(shape: SampleShape, scale: number): MlCatalog {
  const candidates: { i: number; key: number; rating: number }[] = [];
  const r = new RowRandom();
  const count = { rows: 0 };
  for (let i = 1; i <= shape.titles; i++) {
    if (titleType(shape.seed, i) !== T.movie) continue;
    const rated = titleRating(shape, i, r);
    if (!rated) continue;
    // Gumbel noise: a movie with fewer votes is sometimes on MovieLens ahead of a bigger one
    const u = r.at(shape.seed, SALT_KEY, i).next();
    const key = Math.log(rated.votes) - 0.9 * Math.log(-Math.log(Math.max(u, 1e-12)));
    candidates.push({ i, key, rating: rated.rating / 10 });
  }
  candidates.sort((a, b) => b.key - a.key || a.i - b.i);

  const wanted = Math.max(10, Math.round(ML_FULL.movies * scale));
  const dangling = Math.max(1, Math.round(wanted * 0.004));
  const movies: MlMovie[] = [];
  for (const c of candidates) {
    if (movies.length >= wanted - dangling) break;
    const [tconst, , primary, , adult, year, , , genres] = titleBasics
      .rows(shape, c.i, c.i + 1, count)
      .trimEnd()
      .split('\t');
    if (adult === '1' || year === '\\N') continue;
    r.at(shape.seed, SALT_LINK, c.i);
    movies.push({
      movieId: 0,
      imdbId: tconst!.slice(2),
      tmdbId: r.chance(0.0015) ? '' : String(1 + r.int(1_300_000)),
      title: mlTitle(primary!, year!),
      genres: mlGenres(genres!),
      quality: (c.rating - 6.2) / 1.2,
    });
  }
  for (let k = 0; k < dangling; k++) {
    r.at(shape.seed, SALT_LINK, -1 - k);
    movies.push({
      movieId: 0,
      imdbId: String(10_000_000 + 3 * shape.titles + 1 + 7 * k + r.int(7)),
      tmdbId: '',
      title: mlTitle(makeTitle(r), String(shape.year - r.int(3))),
      genres: r.chance(0.3) ? NO_GENRES : mlGenres(r.pick(['Drama', 'Comedy', 'Documentary', 'Horror'])),
      quality: 0,
    });
  }
  assignMovieIds(movies, shape.seed);
  return { movies };
}

// --- internal ---

const NO_GENRES = '(no genres listed)';
const GENRE_MAP: Record<string, string> = { Family: 'Children', Music: 'Musical' };
const ML_GENRES = new Set([
  'Action',
  'Adventure',
  'Animation',
  'Children',
  'Comedy',
  'Crime',
  'Documentary',
  'Drama',
  'Fantasy',
  'Film-Noir',
  'Horror',
  'Musical',
  'Mystery',
  'Romance',
  'Sci-Fi',
  'Thriller',
  'War',
  'Western',
]);

/** IMDb's comma list to MovieLens's `|` list (its own 18 genres, sorted). */
function mlGenres(imdb: string): string {
  const out = new Set<string>();
  for (const g of imdb.split(',')) {
    const name = GENRE_MAP[g] ?? g;
    if (ML_GENRES.has(name)) out.add(name);
  }
  return out.size === 0 ? NO_GENRES : [...out].sort().join('|');
}

/** "The Last Road" (2001) → "Last Road, The (2001)". */
function mlTitle(primary: string, year: string): string {
  const m = /^(The|A|An) (.+)$/.exec(primary);
  return `${m ? `${m[2]}, ${m[1]}` : primary} (${year})`;
}

/**
 * MovieLens ids grow as movies were added, with gaps (ml-32m's highest id is 3.3× its count). Ordered by
 * a hash of the IMDb id: unrelated to popularity, as real ids are.
 */
function assignMovieIds(movies: MlMovie[], seed: number): void {
  const order = movies.map((m, k) => ({ k, h: mix32(seed ^ mix32(Number(m.imdbId))) }));
  order.sort((a, b) => a.h - b.h || a.k - b.k);
  const r = new RowRandom().at(seed, SALT_LINK, 0x7fffffff);
  let id = 0;
  for (const { k } of order) {
    id += 1 + Math.floor(-2.3 * Math.log(1 - r.next()));
    movies[k]!.movieId = id;
  }
}
