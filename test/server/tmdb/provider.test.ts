/**
 * The provider between pages and TMDB: pages never wait, failures are retried later and never cached,
 * a wrong key turns fetching off, an outage opens the breaker, and the limiter keeps to its budget.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryLogger } from '../../../src/core/log.ts';
import { createTmdbClient } from '../../../src/server/tmdb/client.ts';
import type { CacheEntry } from '../../../src/server/tmdb/details.ts';
import {
  createTmdbProvider,
  type TmdbProviderOptions,
  type TmdbStore,
} from '../../../src/server/tmdb/provider.ts';
import { startMockTmdb, type MockTmdb } from './_mock-tmdb.ts';

let mock: MockTmdb;
before(async () => {
  mock = await startMockTmdb({
    movies: [
      { imdb: 'tt0068646', tmdb: 238, poster: '/godfather.jpg' },
      { imdb: 'tt0071562', tmdb: 240, poster: '/godfather2.jpg' },
    ],
  });
});
after(() => mock.close());
beforeEach(() => {
  mock.faults.clear();
  mock.requests.length = 0;
});

function memoryStore(): TmdbStore & { files: Map<string, CacheEntry> } {
  const files = new Map<string, CacheEntry>();
  return {
    files,
    get: async (id) => files.get(id),
    put: async (e) => void files.set(e.id, e),
  };
}

function provider(overrides: Partial<TmdbProviderOptions> = {}) {
  const log = memoryLogger();
  const store = memoryStore();
  let clock = 1_000_000;
  const tmdb = createTmdbProvider({
    store,
    client: createTmdbClient({ key: mock.key, api: mock.url, fetch, timeoutMs: 300 }),
    log,
    backoffMs: 5,
    now: () => clock,
    ...overrides,
  });
  return { tmdb, store, log, advance: (ms: number) => (clock += ms) };
}

test('the first peek is unknown and starts a fetch; later peeks answer from memory, no request', async () => {
  const { tmdb, store } = provider();
  assert.deepEqual(tmdb.peek('tt0068646'), { state: 'unknown' });
  await tmdb.idle();
  const seen = tmdb.peek('tt0068646');
  assert.equal(seen.state, 'found');
  assert.equal(seen.state === 'found' && seen.details.poster, '/godfather.jpg');
  assert.equal(store.files.get('tt0068646')?.status, 'found');
  const before = mock.requests.length;
  for (let i = 0; i < 100; i++) tmdb.peek('tt0068646');
  await tmdb.idle();
  assert.equal(mock.requests.length, before);
  assert.deepEqual(
    mock.requests.map((r) => r.split('?')[0]),
    ['/3/find/tt0068646', '/3/movie/238'],
  );
});

test('a film TMDB lacks is stored as absent (a real answer), and not asked again', async () => {
  const { tmdb, store } = provider();
  assert.equal(await tmdb.ensure('tt9999999'), 'absent');
  assert.deepEqual(tmdb.peek('tt9999999'), { state: 'absent' });
  assert.equal(store.files.get('tt9999999')?.status, 'absent');
  assert.equal(await tmdb.ensure('tt9999999'), 'absent');
  assert.equal(mock.requests.length, 1);
});

test('404, 429, 500, slow, HTML and malformed answers are not cached, and retried later', async () => {
  for (const fault of [
    { kind: 'status', status: 404 },
    { kind: 'status', status: 429, retryAfter: 0 },
    { kind: 'status', status: 500 },
    { kind: 'slow', ms: 600 },
    { kind: 'html' },
    { kind: 'malformed' },
    { kind: 'huge', bytes: 1_000_000 },
  ] as const) {
    mock.faults.clear();
    mock.faults.set('/3/movie/238', fault);
    const { tmdb, store, advance } = provider({ retryFailedMs: 60_000 });
    assert.equal(await tmdb.ensure('tt0068646'), 'failed', fault.kind);
    assert.equal(store.files.size, 0, `${fault.kind}: nothing stored`);
    assert.deepEqual(tmdb.peek('tt0068646'), { state: 'unknown' });
    const asked = mock.requests.length;
    tmdb.peek('tt0068646');
    await tmdb.idle();
    assert.equal(mock.requests.length, asked, 'no new request before retryFailedMs');
    mock.faults.clear();
    advance(60_001);
    tmdb.peek('tt0068646');
    await tmdb.idle();
    assert.equal(tmdb.peek('tt0068646').state, 'found', `${fault.kind}: filled in later`);
  }
});

test('429 (after its Retry-After) and 500 (after a backoff) are retried within one fetch', async () => {
  for (const [fault, wait] of [
    [{ kind: 'status', status: 500 }, 5],
    [{ kind: 'status', status: 429, retryAfter: 2 }, 2000],
  ] as const) {
    const sleeps: number[] = [];
    const { tmdb } = provider({
      attempts: 3,
      sleep: async (ms) => {
        sleeps.push(ms);
        mock.faults.clear();
      },
    });
    mock.requests.length = 0;
    mock.faults.set('/3/movie/240', fault);
    assert.equal(await tmdb.ensure('tt0071562'), 'fetched');
    assert.deepEqual(sleeps, [wait]);
    assert.equal(mock.requests.filter((r) => r.startsWith('/3/movie/240')).length, 2);
  }
  mock.faults.set('/3/movie/240', { kind: 'status', status: 500 });
  const sleeps: number[] = [];
  const { tmdb } = provider({ attempts: 3, sleep: async (ms) => void sleeps.push(ms) });
  assert.equal(await tmdb.ensure('tt0071562'), 'failed');
  assert.deepEqual(sleeps, [5, 10], 'exponential backoff, then it gives up');
});

test('a wrong key stops all fetching after one line, and the store stays empty', async () => {
  const { tmdb, store, log } = provider({
    client: createTmdbClient({ key: 'wrong', api: mock.url, fetch }),
  });
  assert.equal(await tmdb.ensure('tt0068646'), 'failed');
  assert.equal(tmdb.fetching, false);
  assert.deepEqual(
    log.lines.filter((l) => l.includes('TMDB rejected the key')),
    [
      'warn: TMDB rejected the key: Invalid API key: You must be granted a valid key.; serving without TMDB data from now on',
    ],
  );
  const asked = mock.requests.length;
  tmdb.peek('tt0071562');
  await tmdb.idle();
  assert.equal(mock.requests.length, asked);
  assert.equal(store.files.size, 0);
});

test('an outage opens the breaker: later views cost no request until the cooldown', async () => {
  mock.faults.set('*', { kind: 'status', status: 503 });
  const { tmdb, log, advance } = provider({
    attempts: 1,
    breaker: { threshold: 3, cooldownMs: 10_000 },
    retryFailedMs: 0,
  });
  for (const id of ['tt0000001', 'tt0000002', 'tt0000003']) await tmdb.ensure(id);
  assert.equal(tmdb.breaker.state, 'open');
  assert.equal(log.lines.filter((l) => l.includes('TMDB is failing')).length, 1);
  const asked = mock.requests.length;
  for (let i = 4; i < 50; i++) tmdb.peek(`tt000000${i}`.slice(0, 9));
  await tmdb.idle();
  assert.equal(mock.requests.length, asked, 'no request while open');
  mock.faults.clear();
  advance(10_001);
  assert.equal(await tmdb.ensure('tt0068646'), 'fetched');
  assert.equal(tmdb.breaker.state, 'closed');
});

test('stale entries are served while a refresh runs, and refreshed without a new /find', async () => {
  const { tmdb, store, advance } = provider({ ttlMs: 1000 });
  await tmdb.ensure('tt0068646');
  const first = store.files.get('tt0068646')!.fetchedAt;
  advance(2000);
  assert.deepEqual(Object.keys(tmdb.peek('tt0068646')), ['state', 'details', 'stale'], 'stale, still shown');
  await tmdb.idle();
  assert.ok(store.files.get('tt0068646')!.fetchedAt > first);
  assert.deepEqual(
    mock.requests.map((r) => r.split('?')[0]),
    ['/3/find/tt0068646', '/3/movie/238', '/3/movie/238'],
  );
});

test('without a client the store is read, nothing is requested, and a miss is "absent"', async () => {
  const { tmdb: writer, store } = provider();
  await writer.ensure('tt0068646');
  mock.requests.length = 0;
  const reader = createTmdbProvider({ store, log: memoryLogger() });
  assert.equal(reader.peek('tt0068646').state, 'unknown');
  assert.equal(reader.peek('tt0071562').state, 'unknown');
  await reader.idle();
  assert.equal(reader.peek('tt0068646').state, 'found');
  assert.equal(reader.peek('tt0071562').state, 'absent');
  assert.equal(mock.requests.length, 0);
});

test('the limiter keeps concurrency and the per-window budget', async () => {
  const { tmdb } = provider({
    limits: { concurrency: 2, budget: 6, windowMs: 200, slackMs: 0 },
    now: Date.now,
  });
  const started = performance.now();
  const ids = ['tt0068646', 'tt0071562', 'tt0000011', 'tt0000012', 'tt0000013', 'tt0000014', 'tt0000015'];
  await Promise.all(ids.map((id) => tmdb.ensure(id)));
  // 2 + 2 + 5×1 = 9 requests at 6 per 200 ms: the 7th waits for the first window to pass
  assert.equal(mock.requests.length, 9);
  assert.ok(performance.now() - started >= 195, 'waited for the window');
  assert.ok(mock.maxConcurrent <= 2, `concurrency ${mock.maxConcurrent}`);
});

test('an entry cached for another region is shown, then refetched for this one', async () => {
  const { tmdb: us, store } = provider();
  await us.ensure('tt0068646');
  const gb = createTmdbProvider({
    store,
    client: createTmdbClient({ key: mock.key, api: mock.url, fetch }),
    log: memoryLogger(),
    region: 'GB',
  });
  mock.requests.length = 0;
  assert.equal(gb.peek('tt0068646').state, 'unknown');
  await gb.idle();
  const seen = gb.peek('tt0068646');
  assert.equal(seen.state === 'found' && seen.details.region, 'GB');
  assert.deepEqual(
    mock.requests.map((r) => r.split('?')[0]),
    ['/3/movie/238'],
    'no new /find',
  );
  const saved = store.files.get('tt0068646');
  assert.equal(saved?.status === 'found' && saved.details.region, 'GB');
});
