/** The TMDB flags `serve` and `tmdb prefetch` share, and their translation into runtime settings. */
import { InvalidArgumentError, type Command } from 'commander';
import { KinemaError } from '../core/errors.ts';
import type { TmdbSettings } from '../runtime/tmdb.ts';
import { tmdbCacheDirFor } from '../runtime/tmdb-disk-cache.ts';
import { DEFAULT_TMDB_API } from '../server/tmdb/client.ts';

export interface TmdbFlags {
  tmdbKey?: string;
  tmdbApi?: string;
  region: string;
  tmdbCache?: string;
}

export function addTmdbOptions(command: Command): Command {
  return command
    .option(
      '--tmdb-key <key>',
      'TMDB API key (v3) or read access token (v4): real posters, plots and where to watch; off without one (env KINEMA_TMDB_KEY)',
    )
    .option('--tmdb-api <url>', `TMDB API base URL (default ${DEFAULT_TMDB_API})`)
    .option('--region <code>', 'country of the where-to-watch offers, ISO 3166-1', region, 'US')
    .option('--tmdb-cache <dir>', 'folder of cached TMDB details (default: beside the model, <model>-tmdb)');
}

/** Settings for the model folder `model`, or undefined when no key was given (TMDB stays off). */
export function tmdbSettings(flags: TmdbFlags, model: string): TmdbSettings | undefined {
  const key = (flags.tmdbKey ?? process.env['KINEMA_TMDB_KEY'] ?? '').trim();
  if (!key) return undefined;
  const api = flags.tmdbApi ?? DEFAULT_TMDB_API;
  if (!/^https?:\/\/[^\s/]+/.test(api))
    throw new KinemaError(
      'bad-input',
      `--tmdb-api is not an http(s) URL: "${api}"`,
      `e.g. ${DEFAULT_TMDB_API}`,
    );
  return { key, api, region: flags.region, cacheDir: flags.tmdbCache ?? tmdbCacheDirFor(model) };
}

// --- internal ---

function region(value: string): string {
  if (!/^[A-Za-z]{2}$/.test(value))
    throw new InvalidArgumentError(`--region must be a two-letter country code, got "${value}"`);
  return value.toUpperCase();
}
