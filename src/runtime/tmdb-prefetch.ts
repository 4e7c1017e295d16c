/**
 * Fills the TMDB cache for a list of movies (the most popular first), through the provider's limiter,
 * so it keeps to the same concurrency and request budget as the server. Resumable by construction:
 * movies already cached and fresh cost no request, so a second run continues where one stopped.
 */
import type { Outcome, TmdbProvider } from '../server/tmdb/provider.ts';

export interface PrefetchReport {
  total: number;
  fetched: number;
  cached: number;
  absent: number;
  failed: number;
  /** True when it stopped early: TMDB rejected the key or kept failing (the breaker opened). */
  stopped: boolean;
  ms: number;
}

export interface PrefetchOptions {
  /** Movies asked for at once (default: twice the limiter's concurrency, so it never idles). */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  now?: () => number;
}

export async function prefetchTmdb(
  provider: TmdbProvider,
  ids: readonly string[],
  options: PrefetchOptions = {},
): Promise<PrefetchReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const counts: Record<Outcome, number> = { fetched: 0, cached: 0, absent: 0, failed: 0, skipped: 0 };
  let next = 0;
  let done = 0;
  let stopped = false;
  const worker = async () => {
    while (!stopped && next < ids.length) {
      const outcome = await provider.ensure(ids[next++]!);
      counts[outcome]++;
      options.onProgress?.(++done, ids.length);
      if (!provider.fetching || provider.breaker.state === 'open') stopped = true;
    }
  };
  await Promise.all(Array.from({ length: options.workers ?? 16 }, worker));
  return {
    total: ids.length,
    fetched: counts.fetched,
    cached: counts.cached,
    absent: counts.absent,
    failed: counts.failed + counts.skipped,
    stopped,
    ms: now() - started,
  };
}
