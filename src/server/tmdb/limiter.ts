/**
 * Politeness towards TMDB: at most `concurrency` requests in flight and at most `budget` started in
 * any `windowMs` (a sliding window over start times, so bursts at a window's edge cannot double the
 * rate). TMDB documents about 50 requests a second and 20 connections per IP; the defaults stay well
 * under both. The clock and the timer are injected so tests and benchmarks can drive them.
 */

export interface LimiterOptions {
  concurrency: number;
  /** Requests started per window. */
  budget: number;
  windowMs: number;
  /**
   * Extra wait before a window slot is reused: requests sent exactly one window apart may still
   * arrive closer together than that (network jitter), and the server counts arrivals. Default 1%
   * of the window, at least 50 ms (a busy event loop can hold a send back that long).
   */
  slackMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_LIMITS = { concurrency: 8, budget: 1200, windowMs: 60_000 } as const;

export interface Limiter {
  /** Runs `task` once a slot and the budget allow; `urgent` tasks go before the queued ones. */
  run<T>(task: () => Promise<T>, urgent?: boolean): Promise<T>;
  /** Tasks waiting for a slot. */
  readonly waiting: number;
  readonly inFlight: number;
}

export function createLimiter(options: LimiterOptions): Limiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const slack = options.slackMs ?? Math.max(50, Math.ceil(options.windowMs / 100));
  // start times of the last `budget` requests, oldest first (a ring would do; budgets are small)
  const starts: number[] = [];
  const queue: Array<() => void> = [];
  let inFlight = 0;
  let pumping = false;

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0 && inFlight < options.concurrency) {
        const t = now();
        while (starts.length > 0 && starts[0]! + options.windowMs + slack <= t) starts.shift();
        if (starts.length >= options.budget) {
          await sleep(starts[0]! + options.windowMs + slack - t);
          continue;
        }
        starts.push(t);
        inFlight++;
        queue.shift()!();
      }
    } finally {
      pumping = false;
    }
  }

  return {
    run<T>(task: () => Promise<T>, urgent = false): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue[urgent ? 'unshift' : 'push'](() => {
          task()
            .then(resolve, reject)
            .finally(() => {
              inFlight--;
              void pump();
            });
        });
        void pump();
      });
    },
    get waiting() {
      return queue.length;
    },
    get inFlight() {
      return inFlight;
    },
  };
}
