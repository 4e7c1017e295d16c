/**
 * Politeness towards TMDB: at most `concurrency` requests in flight and at most `budget` in any
 * `windowMs`, a sliding window. A request holds its budget slot from the moment it is sent until one
 * window after its answer came back: TMDB counts arrivals, and an arrival always lies between the
 * two, so neither network jitter nor a stalled event loop (a send that leaves late) can push more than
 * `budget` into one of TMDB's windows. TMDB documents about 50 requests a second and 20 connections
 * per IP; the defaults stay well under both. The clock and the timer are injected for tests.
 */

export interface LimiterOptions {
  concurrency: number;
  /** Requests per window. */
  budget: number;
  windowMs: number;
  /** Extra wait before a slot is reused, for a server whose clock runs fast. Default 1% of the window. */
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

/** A budget slot: when its request was answered (Infinity while it is in flight). */
interface Slot {
  done: number;
}

export function createLimiter(options: LimiterOptions): Limiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const hold = options.windowMs + (options.slackMs ?? Math.ceil(options.windowMs / 100));
  const slots: Slot[] = [];
  const queue: Array<(slot: Slot) => void> = [];
  let inFlight = 0;
  let pumping = false;

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0 && inFlight < options.concurrency) {
        const t = now();
        for (let i = slots.length - 1; i >= 0; i--) if (slots[i]!.done + hold <= t) slots.splice(i, 1);
        if (slots.length >= options.budget) {
          let first = Infinity;
          for (const s of slots) first = Math.min(first, s.done);
          // every slot is in flight: the next answer calls pump again
          if (first === Infinity) break;
          await sleep(first + hold - t);
          continue;
        }
        const slot: Slot = { done: Infinity };
        slots.push(slot);
        inFlight++;
        queue.shift()!(slot);
      }
    } finally {
      pumping = false;
    }
  }

  return {
    run<T>(task: () => Promise<T>, urgent = false): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue[urgent ? 'unshift' : 'push']((slot) => {
          task()
            .then(resolve, reject)
            .finally(() => {
              slot.done = now();
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
