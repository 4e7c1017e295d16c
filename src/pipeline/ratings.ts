/**
 * Build step: MovieLens behaviour onto the catalog. ratings.csv and links.csv are read by DuckDB
 * (src/db/movielens.ts) within the build's memory limit, mapped to catalog rows through the IMDb ids,
 * and packed into user-major compressed rows for the collaborative step. A header that is not
 * MovieLens's stops the build naming the file; what is skipped is counted with samples.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/database.ts';
import { readMovieLensRatings, type MovieLensSkips } from '../db/movielens.ts';
import { KinemaError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import type { RatingsMatrix } from '../core/collab/ratings.ts';

export const MOVIELENS_HEADERS = {
  'ratings.csv': ['userId', 'movieId', 'rating', 'timestamp'],
  'links.csv': ['movieId', 'imdbId', 'tmdbId'],
} as const;

export interface RatingsStep {
  matrix: RatingsMatrix;
  read: number;
  users: number;
  skips: MovieLensSkips;
}

/** The MovieLens folder a build uses: the option, else `<data>/../movielens` when it holds ratings.csv. */
export function movieLensDir(dataDir: string, option: string | false | undefined): string | undefined {
  if (option === false) return undefined;
  if (option !== undefined) return option;
  const near = join(dataDir, '..', 'movielens');
  return existsSync(join(near, 'ratings.csv')) ? near : undefined;
}

export async function readRatings(
  db: Db,
  dir: string,
  catalogSize: number,
  log: Logger,
): Promise<RatingsStep> {
  for (const [name, expected] of Object.entries(MOVIELENS_HEADERS)) checkHeader(join(dir, name), expected);
  const r = await readMovieLensRatings(db, {
    ratings: join(dir, 'ratings.csv'),
    links: join(dir, 'links.csv'),
  });
  const offsets = new Int32Array(r.users + 1);
  for (let p = 0; p < r.rows; p++) offsets[r.user[p]! + 1]!++;
  for (let u = 0; u < r.users; u++) offsets[u + 1]! += offsets[u]!;
  const s = r.skips;
  const skipped = [
    s.unknownMovies && `${s.unknownMovies.toLocaleString('en-US')} of unlinked movies`,
    s.outsideCatalog && `${s.outsideCatalog.toLocaleString('en-US')} of movies outside the catalog`,
    s.duplicates && `${s.duplicates.toLocaleString('en-US')} repeated`,
    s.outOfRange && `${s.outOfRange.toLocaleString('en-US')} out of range`,
    s.badRows.ratings && `${s.badRows.ratings.toLocaleString('en-US')} malformed`,
  ].filter(Boolean);
  if (s.badRows.links || s.badLinks) {
    log.warn(`${join(dir, 'links.csv')}: skipped ${s.badRows.links + s.badLinks} malformed row(s)`);
  }
  log.info(
    `MovieLens: ${r.rows.toLocaleString('en-US')} of ${r.read.toLocaleString('en-US')} ratings by ${r.users.toLocaleString('en-US')} users are on catalog movies` +
      (skipped.length ? ` (skipped: ${skipped.join(', ')})` : ''),
  );
  return {
    matrix: {
      userIds: Array.from(r.userIds),
      offsets,
      items: r.item,
      values: r.rating,
      catalogSize,
    },
    read: r.read,
    users: r.users,
    skips: s,
  };
}

function checkHeader(path: string, expected: readonly string[]): void {
  if (!existsSync(path)) {
    throw new KinemaError(
      'not-found',
      `${path} does not exist`,
      'pass a MovieLens folder holding ratings.csv and links.csv (`kinema fetch` downloads one), or --movielens none',
    );
  }
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(4096);
  const n = readSync(fd, buffer, 0, buffer.length, 0);
  closeSync(fd);
  const first =
    buffer
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)[0] ?? '';
  const found = first.split(',').map((f) => f.trim().replace(/^"|"$/g, ''));
  if (found.join(',') !== expected.join(',')) {
    throw new KinemaError(
      'bad-input',
      `${path}:1: unknown column layout\n  expected: ${expected.join(',')}\n  found:    ${found.join(',')}`,
      'is this a MovieLens ratings.csv / links.csv (ml-32m, ml-latest, ml-latest-small)?',
    );
  }
}
