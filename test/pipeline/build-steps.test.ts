import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepTimer } from '../../src/pipeline/build-steps.ts';
import { memoryLogger } from '../../src/core/log.ts';

test('steps: a step alongside starts at once, is recorded once when awaited, with its note', async () => {
  const log = memoryLogger();
  const timer = stepTimer(log);
  let started = false;
  const people = timer.alongside(
    'people',
    async () => {
      started = true;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return 3;
    },
    (n) => `${n} people`,
  );
  assert.equal(started, true);
  await timer.step('features', async () => 'f');
  assert.equal(await people(), 3);
  assert.equal(await people(), 3);
  assert.deepEqual(
    timer.timings.map((t) => [t.step, t.note]),
    [
      ['features', undefined],
      ['people', '3 people'],
    ],
  );
  // timed from its start, not from the await
  assert.ok(timer.timings[1]!.ms >= 15);
  assert.match(log.lines.join('\n'), /people .* s {2}3 people/);
});

test('steps: a failed step alongside fails where it is awaited, and settled waits for it', async () => {
  const timer = stepTimer(memoryLogger());
  let finished = false;
  const failing = timer.alongside('details', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    finished = true;
    throw new Error('broken');
  });
  // nothing awaits it before it fails: no unhandled rejection, and settled resolves once it ended
  await timer.settled();
  assert.equal(finished, true);
  await assert.rejects(failing(), /broken/);
  assert.deepEqual(timer.timings, []);
});

test('steps: a step alongside `after` another starts once that one ends, timed from then to its end', async () => {
  const timer = stepTimer(memoryLogger());
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let release = () => {};
  const first = new Promise<void>((resolve) => (release = resolve));
  let started = false;
  const details = timer.alongside(
    'details',
    async () => {
      started = true;
      await wait(10);
      return 'd';
    },
    undefined,
    first,
  );
  await wait(30);
  assert.equal(started, false, 'waits for the step it follows');
  release();
  // awaited long after it ended: its time is the 10 ms it ran, not the wait before or after it
  await wait(60);
  assert.equal(await details(), 'd');
  const ms = timer.timings[0]!.ms;
  assert.ok(ms >= 8 && ms < 50, `details took ${ms} ms`);
});

test('steps: a step alongside one that fails fails too, without running', async () => {
  const timer = stepTimer(memoryLogger());
  let ran = false;
  const after = Promise.reject(new Error('lists broken'));
  const details = timer.alongside(
    'details',
    async () => {
      ran = true;
    },
    undefined,
    after,
  );
  await timer.settled();
  await assert.rejects(details(), /lists broken/);
  assert.equal(ran, false);
});
