/**
 * `kinema refresh` and `kinema start --refresh`: every source asked whether it changed (conditional
 * requests: an unchanged file costs a 304), the model rebuilt only when an input or the kinema version
 * changed (the build's own freshness key), and one line saying what happened. A running server swaps
 * the new model in by itself (src/runtime/model-watch.ts); a deployed one needs `kinema deploy`.
 */
import { KinemaError } from '../core/errors.ts';
import { settingsFor } from '../core/build-settings.ts';
import { formatBytes } from '../core/format-bytes.ts';
import type { Logger } from '../core/log.ts';
import type { BuildOptions, BuildResult } from './build.ts';
import { readManifest } from './build.ts';
import { ensureTables, type FetchedTable, type FetchOptions } from './fetch.ts';
import { syncMovielens, type MovielensOptions, type MovielensResult } from './movielens-fetch.ts';

export interface RefreshOptions {
  dataDir: string;
  modelDir: string;
  mirror?: string;
  /** A local folder of the six files instead of downloading. */
  from?: string;
  movielens: MovielensOptions;
}

export interface RefreshEffects {
  fetch: typeof fetch;
  log: Logger;
  /** Builds the model (the CLI's build prints its summary and diff). */
  build: (options: BuildOptions) => Promise<BuildResult>;
  /** Milliseconds, for the report's duration. */
  now: () => number;
}

export interface RefreshReport {
  tables: FetchedTable[];
  movielens: MovielensResult;
  /** Bytes downloaded from every source. */
  received: number;
  /** The files that came in new or changed. */
  changed: string[];
  /** False when the model was fresh: nothing it is built from changed. */
  rebuilt: boolean;
  build: BuildResult;
  ms: number;
}

/** Statuses that mean a file's bytes changed in this run. */
const CHANGED = new Set(['downloaded', 'resumed', 'linked', 'copied', 'unpacked']);

export async function refreshModel(options: RefreshOptions, effects: RefreshEffects): Promise<RefreshReport> {
  const started = effects.now();
  const fetchOptions: FetchOptions = { dir: options.dataDir, mirror: options.mirror, from: options.from };
  const tables = await ensureTables(fetchOptions, effects);
  const movielens = await syncMovielens({ ...options.movielens, keepPresent: true }, effects);
  // a model built with other options (kinema build --k 12) is rebuilt with them, not the defaults
  const { settings, note } = settingsFor(readManifest(options.modelDir));
  if (note) effects.log.info(note);
  const build = await effects.build({
    ...settings,
    dataDir: options.dataDir,
    modelDir: options.modelDir,
    movielens: options.movielens.release === 'none' ? false : undefined,
  });
  const changed = tables.filter((t) => CHANGED.has(t.status)).map((t) => t.path.split(/[\\/]/).pop()!);
  if (CHANGED.has(movielens.status)) changed.push(`MovieLens (${movielens.status})`);
  return {
    tables,
    movielens,
    received: tables.reduce((n, t) => n + t.received, 0) + movielens.received,
    changed,
    rebuilt: !build.fresh,
    build,
    ms: effects.now() - started,
  };
}

/** The one log line a refresh ends with. */
export function describeRefresh(r: RefreshReport): string {
  const kept = r.tables.filter((t) => t.status === 'kept').length;
  const sources = r.changed.length
    ? `${r.changed.join(', ')} changed`
    : `nothing changed${kept ? ` (${kept} IMDb files kept unchecked: offline)` : ''}`;
  const model = r.rebuilt
    ? `model rebuilt: ${r.build.manifest.counts.movies.toLocaleString('en-US')} movies, version ${r.build.manifest.id ?? ''}`
    : 'model unchanged';
  return `refresh: ${sources}; ${formatBytes(r.received)} transferred; ${model} (${(r.ms / 1000).toFixed(1)} s)`;
}

/** How often `kinema start --refresh` refreshes: daily, hourly, or a number of minutes or hours. */
export function refreshInterval(value: string): number {
  const named: Record<string, number> = { daily: 24 * 3600e3, hourly: 3600e3 };
  if (value in named) return named[value]!;
  const m = /^(\d+)(m|h)$/.exec(value);
  const ms = m ? Number(m[1]) * (m[2] === 'h' ? 3600e3 : 60e3) : NaN;
  if (!(ms >= 60e3)) {
    throw new KinemaError(
      'bad-input',
      `--refresh ${value}: expected daily, hourly or a duration like 6h or 30m (at least 1m)`,
    );
  }
  return ms;
}
