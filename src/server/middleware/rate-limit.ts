/**
 * Per-client fixed-window rate limiting in memory. Each instance (a Node process, a Lambda container)
 * counts on its own, which is what a first line of defence needs; the CDN does the rest.
 */
import type { MiddlewareHandler } from 'hono';
import { KinemaError } from '../../core/errors.ts';
import type { RateLimitConfig } from '../deps.ts';
import type { AppEnv } from '../env.ts';

/** Clients tracked at once; beyond it the oldest windows are dropped (bounded memory under a flood). */
const MAX_CLIENTS = 50_000;

export class RateLimitError extends KinemaError {
  constructor(readonly retryAfter: number) {
    super('bad-input', 'too many requests', `retry in ${retryAfter} s`);
  }
}

export function rateLimit(config: RateLimitConfig, now: () => number): MiddlewareHandler<AppEnv> {
  const windows = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    if (config.max <= 0) return next();
    const t = now();
    const key = c.get('clientIp');
    let w = windows.get(key);
    if (!w || t - w.start >= config.windowMs) {
      if (w) windows.delete(key);
      else if (windows.size >= MAX_CLIENTS) evict(windows, t, config.windowMs);
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    c.header('RateLimit-Limit', String(config.max));
    c.header('RateLimit-Remaining', String(Math.max(0, config.max - w.count)));
    if (w.count > config.max) throw new RateLimitError(Math.ceil((w.start + config.windowMs - t) / 1000));
    await next();
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
