/**
 * The MovieLens releases `kinema fetch` knows (GroupLens), the files it keeps from them and their
 * headers, and the usage licence in plain words. Fetch, sample and the build's ingest start from this.
 */
import { KinemaError } from './errors.ts';

export type MovielensRelease = '32m' | 'small';
/** A release, or `none` to go without MovieLens. */
export type MovielensChoice = MovielensRelease | 'none';
export const MOVIELENS_CHOICES: readonly MovielensChoice[] = ['32m', 'small', 'none'];

export interface MovielensReleaseInfo {
  release: MovielensRelease;
  /** Zip name on the GroupLens site (its `.md5` sits beside it). */
  zip: string;
  /** What it holds, for help and logs. */
  summary: string;
}

export const MOVIELENS_RELEASES: Record<MovielensRelease, MovielensReleaseInfo> = {
  '32m': {
    release: '32m',
    zip: 'ml-32m.zip',
    summary: 'ml-32m: 32M ratings by 200k users on 87k movies (2024), ~240 MB',
  },
  small: {
    release: 'small',
    zip: 'ml-latest-small.zip',
    summary: 'ml-latest-small: 100k ratings by 610 users on 9.7k movies, ~1 MB',
  },
};

/** Where GroupLens publishes the zips; `--movielens-mirror` replaces it. */
export const MOVIELENS_BASE_URL = 'https://files.grouplens.org/datasets/movielens/';

export interface MovielensFileInfo {
  file: string;
  /** The header line of the release (without line end). */
  header: string;
}

/** The files kinema keeps from a release, all in one folder (`<data>/../movielens`). */
export const MOVIELENS_FILES: readonly MovielensFileInfo[] = [
  { file: 'ratings.csv', header: 'userId,movieId,rating,timestamp' },
  { file: 'links.csv', header: 'movieId,imdbId,tmdbId' },
  { file: 'movies.csv', header: 'movieId,title,genres' },
];
/** The release's own README (its licence); kept when the zip has it, not required. */
export const MOVIELENS_README = 'README.txt';

/** The usage licence in plain words, printed once by `kinema fetch` when it downloads a release. */
export const MOVIELENS_LICENCE = [
  'MovieLens data (GroupLens Research, University of Minnesota): for research and non-commercial use;',
  'acknowledge it by citing F. Maxwell Harper and Joseph A. Konstan, 2015, "The MovieLens Datasets:',
  'History and Context", ACM Transactions on Interactive Intelligent Systems 5(4). ml-32m may not be',
  'redistributed without permission; the full terms are in README.txt beside the files.',
];

export function parseMovielensChoice(text: string): MovielensChoice {
  const found = MOVIELENS_CHOICES.find((c) => c === text.trim().toLowerCase());
  if (!found) {
    throw new KinemaError(
      'bad-input',
      `--movielens must be one of ${MOVIELENS_CHOICES.join(', ')}, got "${text}"`,
      'use 32m (the default), small or none',
    );
  }
  return found;
}
