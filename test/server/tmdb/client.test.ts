/** The TMDB client against a mock TMDB on 127.0.0.1: answers parsed, every fault one clear TmdbError. */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTmdbClient, isReadToken, TmdbError } from '../../../src/server/tmdb/client.ts';
import { startMockTmdb, type MockTmdb } from './_mock-tmdb.ts';

let mock: MockTmdb;
before(async () => {
  mock = await startMockTmdb({
    movies: [
      {
        imdb: 'tt0068646',
        tmdb: 238,
        poster: '/3bhkrj58Vtu7enYsRolD1fZdja1.jpg',
        overview: 'Spanning the years 1945 to 1955.',
      },
    ],
  });
});
after(() => mock.close());
beforeEach(() => mock.faults.clear());

const client = (key = mock.key, timeoutMs = 500) =>
  createTmdbClient({ key, api: mock.url, fetch, timeoutMs, maxBytes: 64 * 1024 });

async function fails(promise: Promise<unknown>, kind: TmdbError['kind'], pattern: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof TmdbError, String(error));
    assert.equal(error.kind, kind);
    assert.match(error.message, pattern);
    assert.doesNotMatch(error.message, new RegExp(mock.key), 'the key never shows in a message');
    return true;
  });
}

test('find and movie details, with a v3 key and with a v4 read token', async () => {
  for (const key of [mock.key, mock.token]) {
    const c = client(key);
    await c.checkKey();
    assert.equal(await c.find('tt0068646'), 238);
    assert.equal(await c.find('tt0000001'), undefined);
    const d = await c.movie(238, 'US');
    assert.equal(d.tmdbId, 238);
    assert.equal(d.poster, '/3bhkrj58Vtu7enYsRolD1fZdja1.jpg');
    assert.equal(d.overview, 'Spanning the years 1945 to 1955.');
    assert.equal(d.language, 'en');
    assert.deepEqual(d.watch?.stream, [{ name: 'Netflix', logo: '/stream.jpg' }]);
    assert.equal(d.watch?.link, 'https://www.themoviedb.org/movie/238/watch?locale=US');
  }
  assert.equal(isReadToken(mock.token), true);
  assert.equal(isReadToken(mock.key), false);
  const sent = mock.requests.filter((r) => r.startsWith('/3/movie/238'));
  assert.ok(sent.some((r) => r.includes(`api_key=${mock.key}`)));
  assert.ok(
    sent.some((r) => !r.includes('api_key')),
    'a read token goes in a header, not the URL',
  );
});

test('watch options of another region are absent, not taken from the US', async () => {
  const d = await client().movie(238, 'DE');
  assert.equal(d.watch, undefined);
  assert.equal(d.region, 'DE');
});

test('a wrong key is "rejected" with TMDB\'s own words', async () => {
  await fails(client('wrong').checkKey(), 'rejected', /^Invalid API key: You must be granted a valid key\.$/);
});

test('404, 429 (with Retry-After), 500, slow, HTML, malformed, huge and reset answers', async () => {
  const cases: Array<[Parameters<MockTmdb['faults']['set']>[1], TmdbError['kind'], RegExp]> = [
    [{ kind: 'status', status: 404 }, 'not-found', /^\/movie\/238: mock 404$/],
    [{ kind: 'status', status: 429, retryAfter: 3 }, 'rate-limited', /mock 429/],
    [{ kind: 'status', status: 500 }, 'unavailable', /^\/movie\/238: mock 500$/],
    [{ kind: 'slow', ms: 1500 }, 'unavailable', /no answer within 500 ms/],
    [{ kind: 'html' }, 'unavailable', /HTTP 502/],
    [{ kind: 'malformed' }, 'malformed', /not valid JSON/],
    [{ kind: 'huge', bytes: 200_000 }, 'malformed', /over 65536 bytes|too big/],
    [{ kind: 'reset' }, 'unavailable', /\/movie\/238: /],
  ];
  for (const [fault, kind, pattern] of cases) {
    mock.faults.set('/3/movie/238', fault);
    const started = performance.now();
    await fails(client().movie(238, 'US'), kind, pattern);
    assert.ok(performance.now() - started < 1200, `${fault.kind} is bounded in time`);
    if (fault.kind === 'status' && fault.status === 429) {
      const error = await client()
        .movie(238, 'US')
        .catch((e: unknown) => e);
      assert.equal((error as TmdbError).retryAfterMs, 3000);
    }
  }
});

test('an answer of the wrong shape is malformed, not half a record', async () => {
  const serve = (body: unknown) =>
    createTmdbClient({
      key: mock.key,
      fetch: async () =>
        new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
    });
  await fails(serve({ movie_results: 'x' }).find('tt1'), 'malformed', /movie_results is not a list/);
  await fails(serve({ id: 'x' }).movie(1, 'US'), 'malformed', /id is not a positive integer/);
  await fails(serve({ id: 1, overview: 5 }).movie(1, 'US'), 'malformed', /overview is not a string/);
  const odd = await serve({ id: 1, poster_path: 'javascript:alert(1)', tagline: '  ' }).movie(1, 'US');
  assert.deepEqual(odd, { tmdbId: 1, region: 'US' }, 'a poster path that is not a TMDB path is dropped');
});
