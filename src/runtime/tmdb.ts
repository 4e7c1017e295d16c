/**
 * Turns a TMDB key into the provider the app uses: checks the key once at start (a wrong one is a
 * bad-input KinemaError: serve logs it and goes on without TMDB, prefetch stops), opens the disk cache beside the model and warms
 * memory from it in the background. Without a key there is no provider and nothing is requested.
 */
import { KinemaError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { createTmdbClient, DEFAULT_TMDB_API, TmdbError } from '../server/tmdb/client.ts';
import type { LimiterOptions } from '../server/tmdb/limiter.ts';
import { createTmdbProvider, type TmdbProvider } from '../server/tmdb/provider.ts';
import { DEFAULT_CACHE_BYTES, diskTmdbStore } from './tmdb-disk-cache.ts';

export interface TmdbSettings {
  /** A v3 API key or a v4 read access token. */
  key: string;
  /** API base (default TMDB's); tests and mirrors point elsewhere. */
  api?: string;
  /** ISO 3166-1 country of the where-to-watch offers (default US). */
  region?: string;
  cacheDir: string;
  cacheBytes?: number;
  ttlMs?: number;
  timeoutMs?: number;
  limits?: Partial<LimiterOptions>;
  fetch?: typeof fetch;
}

/** The provider for `settings`; throws only when TMDB rejects the key (an outage is a warning). */
export async function startTmdb(settings: TmdbSettings, log: Logger): Promise<TmdbProvider> {
  const client = createTmdbClient({
    key: settings.key,
    api: settings.api ?? DEFAULT_TMDB_API,
    fetch: settings.fetch ?? fetch,
    timeoutMs: settings.timeoutMs,
  });
  try {
    await client.checkKey();
  } catch (error) {
    if (!(error instanceof TmdbError)) throw error;
    if (error.kind === 'rejected')
      throw new KinemaError(
        'bad-input',
        `TMDB rejected the key: ${error.message}`,
        'check --tmdb-key or KINEMA_TMDB_KEY',
      );
    log.warn(`TMDB did not answer the key check (${error.message}); pages fill in once it does`);
  }
  const provider = createTmdbProvider({
    store: diskTmdbStore(settings.cacheDir, settings.cacheBytes ?? DEFAULT_CACHE_BYTES),
    client,
    log,
    region: settings.region,
    ttlMs: settings.ttlMs,
    limits: settings.limits,
  });
  void provider
    .warm()
    .then((n) => log.info(`TMDB details on: ${n} movies cached in ${settings.cacheDir}`))
    .catch((error: unknown) => log.warn(`TMDB cache ${settings.cacheDir}: ${String(error)}`));
  return provider;
}

/** A provider that only reads the cache (static export, Lambda): never a request to TMDB. */
export async function cachedTmdb(cacheDir: string, memoryEntries = 100_000): Promise<TmdbProvider> {
  const provider = createTmdbProvider({
    store: diskTmdbStore(cacheDir),
    log: { info() {}, warn() {} },
    memoryEntries,
  });
  await provider.warm();
  return provider;
}
