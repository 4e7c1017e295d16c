/**
 * The cache lock (issue 16, item 5) at the edges of its file: a lock still being written is not taken
 * for a dead build's, a dead build's is taken over, a live one refuses, and no lock file is ever empty.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lockCache } from '../../src/pipeline/cache-lock.ts';
import { KinemaError } from '../../src/core/errors.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'kinema-lock-'));
const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

test('a lock file without a pid yet (another build just created it) is held, not taken over', () => {
  const dir = fresh();
  writeFileSync(join(dir, '.lock'), '');
  assert.throws(
    () => lockCache(dir, 4242),
    (e: unknown) => e instanceof KinemaError && /in use by another build/.test(e.message),
  );
  assert.equal(readFileSync(join(dir, '.lock'), 'utf8'), '', 'the other build lost its lock');
  // left that way long after (not kinema's own, which is never empty): taken over
  const old = new Date(Date.now() - 60_000);
  utimesSync(join(dir, '.lock'), old, old);
  lockCache(dir, 4242).release();
  assert.deepEqual(readdirSync(dir), []);
});

test("a dead build's lock is taken over; a live one's refuses; the lock holds the whole pid", () => {
  const dir = fresh();
  writeFileSync(join(dir, '.lock'), String(deadPid()));
  const lock = lockCache(dir, process.pid);
  assert.equal(readFileSync(join(dir, '.lock'), 'utf8'), String(process.pid));
  assert.throws(() => lockCache(dir, 4243), /in use by another build \(pid \d+\)/);
  lock.release();
  assert.equal(existsSync(join(dir, '.lock')), false);
  assert.deepEqual(readdirSync(dir), [], 'a temporary lock file left behind');
});
