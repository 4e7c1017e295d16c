/**
 * `kinema tmdb prefetch` as a user runs it, against a mock TMDB on 127.0.0.1: it fills the cache
 * beside the model for the most popular movies, resumes without repeating work, and fails clearly on
 * a wrong or missing key.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CLASSICS, writeFixtureModel } from '../helpers/fixture-model.ts';
import { assertGolden } from '../helpers/golden.ts';
import { startMockTmdb, type MockTmdb } from '../server/tmdb/_mock-tmdb.ts';

const BIN = resolve(import.meta.dirname, '../../bin/kinema.js');
let mock: MockTmdb;
let root: string;
before(async () => {
  // TMDB knows all but the last two classics
  mock = await startMockTmdb({
    movies: CLASSICS.slice(0, -2).map((m, i) => ({ imdb: m.id, tmdb: 100 + i, poster: `/p${i}.jpg` })),
  });
  root = mkdtempSync(join(tmpdir(), 'kinema-prefetch-'));
  writeFixtureModel(join(root, 'model'));
});
after(async () => {
  await mock.close();
  rmSync(root, { recursive: true, force: true });
});

function kinema(args: string[], env: Record<string, string> = {}) {
  const clean = { ...process.env, ...env };
  if (!env['KINEMA_TMDB_KEY']) delete clean['KINEMA_TMDB_KEY'];
  const child = spawn(process.execPath, [BIN, ...args], { cwd: root, env: clean });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((ok) =>
    child.on('close', (code) => ok({ code, stdout, stderr })),
  );
}

test('kinema tmdb prefetch --help matches its golden', async () => {
  const r = await kinema(['tmdb', 'prefetch', '--help']);
  assert.equal(r.code, 0, r.stderr);
  assertGolden('cli/tmdb-prefetch.txt', r.stdout);
});

test('prefetch fills the cache for the top N, then resumes without a request', async () => {
  const env = { KINEMA_TMDB_KEY: mock.key };
  mock.faults.set('/3/movie/102', { kind: 'status', status: 500 });
  const first = await kinema(['tmdb', 'prefetch', '--top', '10', '--tmdb-api', mock.url], env);
  assert.equal(first.code, 1, first.stderr);
  const counts = (text: string, top: number) => {
    const m = new RegExp(
      `${top} movies in [\\d.]+ s: (\\d+) fetched, (\\d+) already cached, (\\d+) not on TMDB, (\\d+) failed`,
    ).exec(text);
    assert.ok(m, text);
    return m.slice(1).map(Number) as [number, number, number, number];
  };
  const [fetched, cached, absent, failed] = counts(first.stderr, 10);
  assert.deepEqual([fetched + absent, cached, failed], [9, 0, 1]);
  assert.match(
    first.stderr,
    /1 movies could not be fetched\n {2}try: run it again later: it resumes where it stopped/,
  );
  assert.equal(readdirSync(join(root, 'model-tmdb')).length, 9, 'the failure is not cached');

  mock.faults.clear();
  mock.requests.length = 0;
  const again = await kinema(['tmdb', 'prefetch', '--top', '16', '--tmdb-api', mock.url], env);
  assert.equal(again.code, 0, again.stderr);
  // TMDB lacks two of the sixteen; the six new movies and the one that failed are all that is asked
  const newAbsent = 2 - absent;
  const fetchedNow = 1 + 6 - newAbsent;
  assert.deepEqual(counts(again.stderr, 16), [fetchedNow, fetched, 2, 0]);
  // the key check, find + details per fetched movie, find alone for one TMDB lacks
  assert.equal(mock.requests.length, 1 + 2 * fetchedNow + newAbsent);
  assert.equal(readdirSync(join(root, 'model-tmdb')).length, 16);
});

test('a wrong key or none is a clear error and writes nothing', async () => {
  const wrong = await kinema([
    'tmdb',
    'prefetch',
    '--tmdb-key',
    'nope',
    '--tmdb-api',
    mock.url,
    '--tmdb-cache',
    'other',
  ]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /TMDB rejected the key: Invalid API key: You must be granted a valid key\./);
  const none = await kinema(['tmdb', 'prefetch']);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /tmdb prefetch needs a TMDB key/);
  assert.ok(!readdirSync(root).includes('other'));
});
