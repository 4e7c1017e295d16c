/** The limiter and the breaker on a fake clock: exact budgets, slots held until an answer, states. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBreaker } from '../../../src/server/tmdb/breaker.ts';
import { createLimiter } from '../../../src/server/tmdb/limiter.ts';

function fakeTime() {
  let t = 0;
  const timers: Array<{ at: number; resolve: () => void }> = [];
  return {
    now: () => t,
    sleep: (ms: number) => new Promise<void>((resolve) => timers.push({ at: t + ms, resolve })),
    /** Moves the clock to the next timer and fires it. */
    async tick() {
      await new Promise((r) => setImmediate(r));
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (!next) return false;
      t = Math.max(t, next.at);
      next.resolve();
      await new Promise((r) => setImmediate(r));
      return true;
    },
  };
}

test('a budget of 3 per 1000 ms: the 4th request starts one window after the 1st was answered', async () => {
  const time = fakeTime();
  const limiter = createLimiter({ concurrency: 10, budget: 3, windowMs: 1000, slackMs: 0, ...time });
  const started: number[] = [];
  const tasks = Array.from({ length: 7 }, () => limiter.run(async () => void started.push(time.now())));
  while (await time.tick());
  await Promise.all(tasks);
  assert.deepEqual(started, [0, 0, 0, 1000, 1000, 1000, 2000]);
});

test('a slow answer keeps its slot: the window counts from when it came back', async () => {
  const time = fakeTime();
  const limiter = createLimiter({ concurrency: 10, budget: 1, windowMs: 1000, slackMs: 0, ...time });
  const started: number[] = [];
  const slow = limiter.run(async () => {
    started.push(time.now());
    await time.sleep(700); // the request is in flight for 700 ms
  });
  const next = limiter.run(async () => void started.push(time.now()));
  while (await time.tick());
  await Promise.all([slow, next]);
  assert.deepEqual(started, [0, 1700]);
});

test('concurrency is a hard cap, and urgent tasks jump the queue', async () => {
  const limiter = createLimiter({ concurrency: 2, budget: 100, windowMs: 1000 });
  let running = 0;
  let most = 0;
  const order: string[] = [];
  const task = (name: string) => async () => {
    running++;
    most = Math.max(most, running);
    await new Promise((r) => setTimeout(r, 5));
    order.push(name);
    running--;
  };
  const all = ['a', 'b', 'c', 'd'].map((n) => limiter.run(task(n)));
  all.push(limiter.run(task('urgent'), true));
  await Promise.all(all);
  assert.equal(most, 2);
  assert.deepEqual(order.slice(2, 3), ['urgent']);
});

test('the breaker opens after the threshold, lets one trial through after the cooldown, and closes on success', () => {
  let t = 0;
  const breaker = createBreaker({ threshold: 3, cooldownMs: 100, now: () => t });
  for (let i = 0; i < 2; i++) breaker.failure();
  assert.equal(breaker.allow(), true);
  breaker.failure();
  assert.equal(breaker.state, 'open');
  assert.equal(breaker.allow(), false);
  t = 100;
  assert.equal(breaker.allow(), true, 'one trial');
  assert.equal(breaker.allow(), false, 'only one');
  breaker.failure();
  assert.equal(breaker.state, 'open', 'a failed trial reopens it');
  t = 200;
  assert.equal(breaker.allow(), true);
  breaker.success();
  assert.equal(breaker.state, 'closed');
  assert.equal(breaker.allow(), true);
});
