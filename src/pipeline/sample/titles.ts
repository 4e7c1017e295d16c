/**
 * What every table of the sample agrees on about title i (1-based) and person j: the ids, the title
 * type, the release year and the title text. Each is a pure function of (seed, i), so basics, akas,
 * ratings, crew and principals can be generated independently and still refer to the same titles.
 */
import { cumulative, mix32, RowRandom, SALT } from './row-random.ts';
import { makeEpisodeTitle, makeTitle } from './words.ts';

export interface SampleShape {
  seed: number;
  /** Rows of title.basics (and title.crew). */
  titles: number;
  /** Rows of name.basics. */
  people: number;
  /** "This year": later years are unreleased titles. */
  year: number;
}

/** Real IMDb row counts (2025): scale 1.0 aims at these. */
export const FULL_TITLES = 11_500_000;
export const FULL_PEOPLE = 14_000_000;

export function sampleShape(scale: number, seed: number, year: number): SampleShape {
  return {
    seed,
    // a floor keeps tiny scales useful: every type, a few ratings and people
    titles: Math.max(200, Math.round(FULL_TITLES * scale)),
    people: Math.max(200, Math.round(FULL_PEOPLE * scale)),
    year,
  };
}

/** Title types with their share of title.basics in the real files. */
export const TITLE_TYPES = [
  'tvEpisode',
  'short',
  'movie',
  'video',
  'tvSeries',
  'tvMovie',
  'tvMiniSeries',
  'tvSpecial',
  'videoGame',
  'tvShort',
  'tvPilot',
] as const;
export type TitleType = (typeof TITLE_TYPES)[number];
const TYPE_CDF = cumulative([
  0.7712, 0.087, 0.0609, 0.027, 0.0245, 0.0135, 0.0057, 0.0048, 0.0045, 0.0009, 0.00001,
]);

export const T = {
  episode: 0,
  short: 1,
  movie: 2,
  video: 3,
  series: 4,
  tvMovie: 5,
  mini: 6,
  special: 7,
  game: 8,
  tvShort: 9,
  pilot: 10,
} as const;

/** Ids have gaps, like IMDb's: title i gets one of three numbers in its own block of three. */
export function tconst(seed: number, i: number): string {
  const n = 3 * (i - 1) + 1 + (mix32((seed ^ mix32((Math.imul(i, 0x9e3779b1) + SALT.id) | 0)) >>> 0) % 3);
  return `tt${n < 1e7 ? String(n).padStart(7, '0') : n}`;
}

export function nconst(j: number): string {
  return `nm${j < 1e7 ? String(j).padStart(7, '0') : j}`;
}

/** Index into TITLE_TYPES. */
export function titleType(seed: number, i: number): number {
  return scratch.at(seed, SALT.type, i).weighted(TYPE_CDF);
}

/**
 * Start year, or 0 for `\N`. Skewed recent (episodes more so); ~2% lie up to 5 years in the future
 * (announced, unreleased).
 */
export function titleYear(shape: SampleShape, i: number, type: number): number {
  const r = scratch.at(shape.seed, SALT.year, i);
  const x = r.next();
  if (x < 0.012) return 0;
  if (x < 0.032) return shape.year + 1 + r.int(5);
  const mean = type === T.episode ? 12 : type === T.movie ? 28 : 20;
  const back = Math.floor(-Math.log(1 - r.next()) * mean);
  return Math.max(1874, shape.year - back);
}

/** Primary and original title; they differ for ~10% of titles (a foreign original). */
export function titleText(seed: number, i: number, type: number): { primary: string; original: string } {
  const r = scratch.at(seed, SALT.title, i);
  const primary = type === T.episode ? makeEpisodeTitle(r) : makeTitle(r);
  const original = type !== T.episode && r.chance(0.1) ? makeTitle(r) : primary;
  return { primary, original };
}

/** A person index, skewed so that early (famous) people appear in many titles. */
export function pickPerson(r: RowRandom, people: number): number {
  const u = r.next();
  return 1 + Math.floor(people * u * u * u);
}

/** A title index, uniform. */
export function pickTitle(r: RowRandom, titles: number): number {
  return 1 + r.int(titles);
}

// --- internal ---

// shared scratch stream: every function above positions it before use and finishes with it before returning
const scratch = new RowRandom();
