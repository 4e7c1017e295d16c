/**
 * Per-client fixed-window rate limiting in memory. Each instance (a Node process, a Lambda container)
 * counts on its own, which is what a first line of defence needs; the CDN does the rest.
 */
import { KinemaError } from '../../core/errors.ts';
import type { RateLimitConfig } from '../deps.ts';
import type { HeaderRecord } from './security.ts';

/** Clients tracked at once; beyond it the oldest windows are dropped (bounded memory under a flood). */
const MAX_CLIENTS = 50_000;

export class RateLimitError extends KinemaError {
  constructor(readonly retryAfter: number) {
    super('bad-input', 'too many requests', `retry in ${retryAfter} s`);
  }
}

/**
 * Counts one request of client `key`: adds RateLimit-Limit / RateLimit-Remaining to `headers`, or
 * throws RateLimitError once the client is over its budget for this window.
 */
export type RateLimiter = (key: string, headers: HeaderRecord) => void;

export function rateLimiter(config: RateLimitConfig, now: () => number): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const limit = String(config.max);
  return (key, headers) => {
    if (config.max <= 0) return;
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= config.windowMs) {
      if (w) windows.delete(key);
      else if (windows.size >= MAX_CLIENTS) evict(windows, t, config.windowMs);
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    headers['RateLimit-Limit'] = limit;
    headers['RateLimit-Remaining'] = String(Math.max(0, config.max - w.count));
    if (w.count > config.max) throw new RateLimitError(Math.ceil((w.start + config.windowMs - t) / 1000));
  };
}

// --- internal ---

function evict(windows: Map<string, { start: number }>, t: number, windowMs: number): void {
  for (const [key, w] of windows) if (t - w.start >= windowMs) windows.delete(key);
  // still full: drop the oldest insertions (Map keeps insertion order)
  for (const key of windows.keys()) {
    if (windows.size < MAX_CLIENTS) break;
    windows.delete(key);
  }
}
