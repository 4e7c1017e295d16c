/** The MovieLens flags `fetch` and `start` share, and their translation into the pipeline's options. */
import type { Command } from 'commander';
import { KinemaError } from '../core/errors.ts';
import { MOVIELENS_CHOICES, type MovielensChoice } from '../core/movielens-release.ts';
import type { MovielensOptions } from '../pipeline/movielens-fetch.ts';
import { oneOf } from './options.ts';
import { movielensDirFor } from './paths.ts';

export interface MovielensFlags {
  movielens: MovielensChoice;
  movielensFrom?: string;
  movielensMirror?: string;
}

export function addMovielensOptions(command: Command): Command {
  return command
    .option(
      '--movielens <release>',
      'MovieLens ratings into <data>/../movielens: 32m (ml-32m, ~240 MB), small (ml-latest-small, ~1 MB) or none',
      oneOf('--movielens', MOVIELENS_CHOICES),
      '32m',
    )
    .option('--movielens-from <dir>', 'take ratings.csv, links.csv, movies.csv from an unpacked release')
    .option(
      '--movielens-mirror <url>',
      'base URL of the MovieLens zips instead of https://files.grouplens.org/datasets/movielens/ (env KINEMA_MOVIELENS_MIRROR)',
    );
}

/** The pipeline's options for the data folder `data`; conflicting flags are a bad-input error. */
export function movielensOptions(flags: MovielensFlags, data: string): MovielensOptions {
  const mirror = flags.movielensMirror ?? process.env['KINEMA_MOVIELENS_MIRROR'];
  if (flags.movielensFrom !== undefined && mirror) {
    throw new KinemaError(
      'bad-input',
      '--movielens-from and --movielens-mirror (or KINEMA_MOVIELENS_MIRROR) exclude each other',
      'use one of them',
    );
  }
  if (flags.movielensFrom !== undefined && flags.movielens === 'none') {
    throw new KinemaError(
      'bad-input',
      '--movielens-from and --movielens none exclude each other',
      'use one of them',
    );
  }
  return {
    dir: movielensDirFor(data),
    release: flags.movielens,
    mirror: mirror || undefined,
    from: flags.movielensFrom,
  };
}
