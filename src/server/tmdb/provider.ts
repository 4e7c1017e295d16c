/**
 * The TMDB details of movies, for pages: answers from memory at once and fetches what it lacks in
 * the background, so no page ever waits for TMDB. Entries come from a store (one JSON a movie on disk
 * beside the model, S3 on Lambda; src/runtime implements it) and, with a client, from TMDB itself,
 * through a concurrency and rate limit, retries with backoff and a circuit breaker. A failed fetch is
 * remembered only in memory, for `retryFailedMs`, and is never written to the store.
 *
 * @example
 *   const tmdb = createTmdbProvider({ store, client, log, region: 'US' });
 *   tmdb.peek('tt0068646'); // { state: 'unknown' } now, { state: 'found', details } once fetched
 */
import type { Logger } from '../../core/log.ts';
import { createBreaker, DEFAULT_BREAKER, type Breaker } from './breaker.ts';
import { TmdbError, type TmdbClient } from './client.ts';
import type { CacheEntry, TmdbDetails } from './details.ts';
import { createLimiter, DEFAULT_LIMITS, type Limiter, type LimiterOptions } from './limiter.ts';

/** Where entries persist. `get` resolves undefined for a movie it has no (readable) entry for. */
export interface TmdbStore {
  get(id: string): Promise<CacheEntry | undefined>;
  put(entry: CacheEntry): Promise<void>;
  /** Every entry, newest first where the store knows; used to warm memory at start. */
  entries?(): AsyncIterable<CacheEntry>;
}

/** `stale`: past the TTL (or for another region) and being refreshed; shown meanwhile. */
export type Peek =
  | { state: 'found'; details: TmdbDetails; stale?: true }
  /** TMDB has no such film, or (without a client) the store has no entry: the generated poster. */
  | { state: 'absent'; stale?: true }
  /** Not known yet: being read or fetched, or a fetch failed and will be retried. */
  | { state: 'unknown' };

export type Outcome = 'cached' | 'fetched' | 'absent' | 'failed' | 'skipped';

export interface TmdbProviderOptions {
  store?: TmdbStore;
  /** Without a client the provider only reads the store (static export, Lambda). */
  client?: TmdbClient;
  log: Logger;
  region?: string;
  ttlMs?: number;
  /** How long a failed movie waits before a page view may ask for it again. */
  retryFailedMs?: number;
  /** Movies kept in memory; the first loaded go first past it. */
  memoryEntries?: number;
  /** Background fetches allowed to wait; past it, views do not queue more (they will ask again). */
  maxQueued?: number;
  limits?: Partial<LimiterOptions>;
  breaker?: { threshold?: number; cooldownMs?: number };
  /** Attempts per request on 429/5xx/timeouts (default 3). */
  attempts?: number;
  backoffMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface TmdbProvider {
  /** Synchronous: what memory has. Starts a background read or fetch when the answer is unknown or stale. */
  peek(id: string, urgent?: boolean): Peek;
  /** Makes sure the movie is known and fresh (read or fetched), e.g. for prefetch. */
  ensure(id: string, options?: { urgent?: boolean }): Promise<Outcome>;
  /**
   * Waits up to `maxWaitMs` for the store's entry of one movie (never for TMDB): a movie page on a
   * cold Lambda instance reads its own details from S3 or the bundle before it renders.
   */
  preload(id: string, maxWaitMs: number): Promise<void>;
  /** Loads the store's entries into memory, up to the memory bound; resolves with how many. */
  warm(): Promise<number>;
  /** Whether TMDB may still be asked (false without a client and after the key was rejected). */
  readonly fetching: boolean;
  readonly breaker: Breaker;
  readonly limiter: Limiter;
  /** Resolves when no background work is left (tests, benchmarks, shutdown). */
  idle(): Promise<void>;
}

export const DEFAULT_TTL_MS = 7 * 86_400_000;

export function createTmdbProvider(options: TmdbProviderOptions): TmdbProvider {
  const { store, log } = options;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const region = options.region ?? 'US';
  const ttl = options.ttlMs ?? DEFAULT_TTL_MS;
  const retryFailed = options.retryFailedMs ?? 5 * 60_000;
  const memoryMax = options.memoryEntries ?? 10_000;
  const maxQueued = options.maxQueued ?? 500;
  const attempts = options.attempts ?? 3;
  const backoff = options.backoffMs ?? 500;
  const limiter = createLimiter({ ...DEFAULT_LIMITS, now, sleep, ...options.limits });
  const breaker = createBreaker({ ...DEFAULT_BREAKER, now, ...options.breaker });
  let client = options.client;

  // null: the store has nothing and there is no client to ask (a known "no data")
  const memory = new Map<string, CacheEntry | null>();
  const pending = new Map<string, Promise<Outcome>>();
  const reading = new Map<string, Promise<CacheEntry | undefined>>();
  const failedUntil = new Map<string, number>();
  let breakerLogged = false;

  const remember = (id: string, entry: CacheEntry | null) => {
    memory.delete(id);
    memory.set(id, entry);
    if (memory.size > memoryMax) memory.delete(memory.keys().next().value!);
  };
  // an entry for another region's offers (serve --region changed) is as good as stale
  const fresh = (e: CacheEntry) =>
    now() - e.fetchedAt < ttl && (e.status === 'absent' || e.details.region === region);

  /** The store's entry, into memory; one read per movie at a time. */
  function fromStore(id: string): Promise<CacheEntry | undefined> {
    if (memory.has(id) || !store) return Promise.resolve(memory.get(id) ?? undefined);
    let read = reading.get(id);
    if (!read) {
      read = store
        .get(id)
        .catch((error: unknown) => {
          log.warn(`tmdb cache: ${id}: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        })
        .then((entry) => {
          if (entry) remember(id, entry);
          else if (!client) remember(id, null);
          return entry;
        })
        .finally(() => reading.delete(id));
      reading.set(id, read);
    }
    return read;
  }

  async function load(id: string, urgent: boolean): Promise<Outcome> {
    const entry = await fromStore(id);
    if (entry && (fresh(entry) || !client)) return entry.status === 'absent' ? 'absent' : 'cached';
    if (!client) return 'skipped';
    const old = entry?.status === 'found' ? entry.details.tmdbId : undefined;
    try {
      const tmdbId = old ?? (await call(() => client!.find(id), urgent));
      const next: CacheEntry =
        tmdbId === undefined
          ? { v: 1, id, fetchedAt: now(), status: 'absent' }
          : {
              v: 1,
              id,
              fetchedAt: now(),
              status: 'found',
              details: await call(() => client!.movie(tmdbId, region), urgent),
            };
      remember(id, next);
      failedUntil.delete(id);
      await store?.put(next).catch((error: unknown) => {
        log.warn(
          `tmdb cache: could not write ${id}: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      return next.status === 'absent' ? 'absent' : 'fetched';
    } catch (error) {
      if (!(error instanceof TmdbError)) throw error;
      failedUntil.set(id, now() + retryFailed);
      if (error.kind === 'rejected' && client) {
        client = undefined;
        log.warn(`TMDB rejected the key: ${error.message}; serving without TMDB data from now on`);
      }
      return 'failed';
    }
  }

  /** One TMDB request through the breaker and the limiter, retried on 429 and outages. */
  async function call<T>(request: () => Promise<T>, urgent: boolean): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      if (!breaker.allow()) throw new TmdbError('unavailable', 'circuit open: TMDB failed repeatedly');
      try {
        const value = await limiter.run(request, urgent);
        breaker.success();
        breakerLogged = false;
        return value;
      } catch (error) {
        if (!(error instanceof TmdbError)) throw error;
        if (error.kind === 'unavailable' || error.kind === 'malformed') {
          breaker.failure();
          if (breaker.state === 'open' && !breakerLogged) {
            breakerLogged = true;
            log.warn(`TMDB is failing (${error.message}): pages use the cache; retrying in a while`);
          }
        } else if (error.kind !== 'rate-limited') breaker.success(); // TMDB answered: it is up
        const retry = error.kind === 'rate-limited' || error.kind === 'unavailable';
        if (!retry || attempt >= attempts) throw error;
        await sleep(error.retryAfterMs ?? backoff * 2 ** (attempt - 1));
      }
    }
  }

  function ensure(id: string, opts: { urgent?: boolean } = {}): Promise<Outcome> {
    const running = pending.get(id);
    if (running) return running;
    const work = load(id, opts.urgent ?? false).finally(() => pending.delete(id));
    pending.set(id, work);
    return work;
  }

  return {
    peek(id, urgent = false) {
      const entry = memory.get(id);
      if (entry === null) return { state: 'absent' };
      const stale = entry !== undefined && client !== undefined && !fresh(entry);
      if (entry === undefined || stale) {
        const waitFailed = (failedUntil.get(id) ?? 0) > now();
        if (!waitFailed && !pending.has(id) && pending.size < maxQueued && (client || store))
          void ensure(id, { urgent }).catch((error: unknown) => log.warn(`tmdb: ${String(error)}`));
      }
      if (entry === undefined) return { state: 'unknown' };
      if (entry.status === 'absent') return stale ? { state: 'absent', stale } : { state: 'absent' };
      return stale
        ? { state: 'found', details: entry.details, stale }
        : { state: 'found', details: entry.details };
    },
    ensure,
    async preload(id, maxWaitMs) {
      if (memory.has(id) || !store) return;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxWaitMs)));
      await Promise.race([fromStore(id), late]);
      clearTimeout(timer);
    },
    async warm() {
      let n = 0;
      if (!store?.entries) return 0;
      for await (const entry of store.entries()) {
        if (n >= memoryMax) break;
        if (!memory.has(entry.id)) remember(entry.id, entry);
        n++;
      }
      return n;
    },
    get fetching() {
      return client !== undefined;
    },
    breaker,
    limiter,
    async idle() {
      while (pending.size > 0) await Promise.allSettled([...pending.values()]);
    },
  };
}
