/**
 * A circuit breaker in front of TMDB: after `threshold` failures in a row it opens for `cooldownMs`
 * and every call fails at once, without a request; then one trial call is let through (half open),
 * and its outcome closes or reopens it. An outage so costs a handful of timeouts, not one per page.
 */

export interface BreakerOptions {
  threshold: number;
  cooldownMs: number;
  now?: () => number;
}

export const DEFAULT_BREAKER = { threshold: 5, cooldownMs: 30_000 } as const;

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface Breaker {
  /** May a call go out now? In half-open state only one may, until it reports back. */
  allow(): boolean;
  success(): void;
  failure(): void;
  readonly state: BreakerState;
}

export function createBreaker(options: BreakerOptions): Breaker {
  const now = options.now ?? Date.now;
  let failures = 0;
  let openedAt: number | undefined;
  let trial = false;

  const state = (): BreakerState =>
    openedAt === undefined ? 'closed' : now() - openedAt < options.cooldownMs ? 'open' : 'half-open';

  return {
    allow() {
      const s = state();
      if (s === 'closed') return true;
      if (s === 'open' || trial) return false;
      trial = true;
      return true;
    },
    success() {
      failures = 0;
      openedAt = undefined;
      trial = false;
    },
    failure() {
      failures++;
      if (trial || failures >= options.threshold) openedAt = now();
      trial = false;
    },
    get state() {
      return state();
    },
  };
}
