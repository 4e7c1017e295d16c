/**
 * The site with a TMDB provider behind it (a mock TMDB on 127.0.0.1): pages answer from the cache and
 * never wait, fill in on a later view, credit TMDB and JustWatch, open the CSP to the image host only,
 * and the JSON API neither changes nor asks TMDB anything.
 */
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryLogger } from '../../../src/core/log.ts';
import { CSP } from '../../../src/server/middleware/security.ts';
import { createTmdbClient } from '../../../src/server/tmdb/client.ts';
import type { CacheEntry } from '../../../src/server/tmdb/details.ts';
import { createTmdbProvider, type TmdbStore } from '../../../src/server/tmdb/provider.ts';
import { testApp } from '../_app.ts';
import { startMockTmdb, type MockTmdb } from './_mock-tmdb.ts';

let mock: MockTmdb;
before(async () => {
  mock = await startMockTmdb({
    movies: [
      {
        imdb: 'tt0068646',
        tmdb: 238,
        poster: '/3bhkrj58Vtu7enYsRolD1fZdja1.jpg',
        overview: 'The aging patriarch of an organized crime dynasty.',
      },
      { imdb: 'tt0071562', tmdb: 240, poster: '/hek3koDUyRQk7FIhPXsa6mT2Zc3.jpg' },
    ],
  });
});
after(() => mock.close());
beforeEach(() => {
  mock.faults.clear();
  mock.requests.length = 0;
});

function siteWithTmdb(timeoutMs = 2000, region = 'US', files = new Map<string, CacheEntry>()) {
  const store: TmdbStore = { get: async (id) => files.get(id), put: async (e) => void files.set(e.id, e) };
  const tmdb = createTmdbProvider({
    store,
    client: createTmdbClient({ key: mock.key, api: mock.url, fetch, timeoutMs }),
    log: memoryLogger(),
    attempts: 1,
    region,
  });
  const site = testApp({ tmdb });
  // the fixture model (and its response cache) is shared by this file's tests; each starts cold
  site.served.responses.clear();
  return { ...site, tmdb, files };
}

const page = async (app: ReturnType<typeof testApp>['app'], path: string) => {
  const res = await app.request(path, { headers: { accept: 'text/html' } });
  assert.equal(res.status, 200, path);
  return { res, html: await res.text() };
};

test("a movie page answers at once with the generated poster, then shows TMDB's on the next view", async () => {
  const { app, tmdb, served } = siteWithTmdb();
  const first = await page(app, '/movie/tt0068646');
  assert.match(
    first.html,
    /<img class="poster" src="\/poster\/tt0068646\.svg" alt="Poster stand-in for The Godfather"/,
  );
  assert.equal(first.res.headers.get('cache-control'), 'public, max-age=0', 'the browser revalidates');
  assert.ok(![...served.responses.keys()].includes('/movie/tt0068646'), 'not kept in the response cache');
  await tmdb.idle();
  const second = await page(app, '/movie/tt0068646');
  assert.match(
    second.html,
    /<img class="poster" src="https:\/\/image\.tmdb\.org\/t\/p\/w500\/3bhkrj58Vtu7enYsRolD1fZdja1\.jpg" data-fallback="\/poster\/tt0068646\.svg" alt="Poster of The Godfather"/,
  );
  assert.match(
    second.html,
    /<img class="backdrop" src="https:\/\/image\.tmdb\.org\/t\/p\/w1280\/backdrop238\.jpg"/,
  );
  assert.match(second.html, /<p class="overview">The aging patriarch of an organized crime dynasty\.<\/p>/);
  assert.match(second.html, /<p class="tagline">Tagline of tt0068646\.<\/p>/);
  assert.match(second.html, /Original language<\/span> English/);
  assert.match(second.html, /Where to watch \(US\)[\s\S]*Stream[\s\S]*Netflix[\s\S]*Rent[\s\S]*Apple TV/);
  assert.match(second.html, /Data by <a href="https:\/\/www\.justwatch\.com\/">JustWatch<\/a>/);
  assert.match(second.html, /This product uses the TMDB API but is not endorsed or certified by TMDB\./);
  assert.match(second.html, /<img src="\/assets\/tmdb\.svg" alt="TMDB"/);
  // the similar movies' cards were asked for too (not urgent), so a third view has their posters
  await tmdb.idle();
  const third = await page(app, '/movie/tt0068646');
  assert.match(
    third.html,
    /src="https:\/\/image\.tmdb\.org\/t\/p\/w342\/hek3koDUyRQk7FIhPXsa6mT2Zc3\.jpg" data-fallback="\/poster\/tt0071562\.svg"/,
  );
  assert.equal(
    third.res.headers.get('cache-control'),
    'public, max-age=300',
    'everything known: cacheable again',
  );
  assert.ok([...served.responses.keys()].includes('/movie/tt0068646'));
});

test('pages of movies TMDB lacks keep the generated poster and are cacheable', async () => {
  const { app, tmdb } = siteWithTmdb();
  await page(app, '/movie/tt0099685');
  await tmdb.idle();
  const { html, res } = await page(app, '/movie/tt0099685');
  assert.match(html, /<img class="poster" src="\/poster\/tt0099685\.svg"/);
  assert.doesNotMatch(html, /class="overview"/);
  assert.match(html, /not endorsed or certified by TMDB/, 'the credit is on every page');
  assert.equal(res.headers.get('cache-control'), 'public, max-age=300', 'every movie on it known');
});

test("the CSP adds TMDB's image host to img-src, and nothing else", async () => {
  const { app } = siteWithTmdb();
  const { res } = await page(app, '/');
  const csp = res.headers.get('content-security-policy')!;
  assert.equal(csp, CSP.replace("img-src 'self' data:", "img-src 'self' data: https://image.tmdb.org"));
  const api = await app.request('/api/movies/tt0068646');
  assert.equal(api.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
});

test('a TMDB slow at 2 s never slows a page: it answers with generated posters', async () => {
  mock.faults.set('*', { kind: 'slow', ms: 2000 });
  const { app, tmdb } = siteWithTmdb(2500);
  const started = performance.now();
  const { html } = await page(app, '/movie/tt0071562');
  const ms = performance.now() - started;
  assert.ok(ms < 500, `answered in ${ms.toFixed(0)} ms`);
  assert.match(html, /src="\/poster\/tt0071562\.svg"/);
  mock.faults.clear();
  await tmdb.idle();
});

test('TMDB failing (500, HTML, malformed) reaches no user: pages are 200 with what the cache has', async () => {
  for (const fault of [{ kind: 'status', status: 500 }, { kind: 'html' }, { kind: 'malformed' }] as const) {
    mock.faults.set('*', fault);
    const { app, tmdb, files } = siteWithTmdb();
    for (const path of ['/', '/movie/tt0068646', '/lists/popular', '/search?q=godfather'])
      await page(app, path);
    await tmdb.idle();
    assert.equal(files.size, 0, `${fault.kind}: nothing cached`);
    const { html } = await page(app, '/movie/tt0068646');
    assert.match(html, /src="\/poster\/tt0068646\.svg"/);
  }
});

test('the JSON API is unchanged and asks TMDB nothing', async () => {
  const { app, tmdb } = siteWithTmdb();
  const plain = testApp();
  for (const path of [
    '/api/movies/tt0068646',
    '/api/movies/tt0068646/similar',
    '/api/search?q=godfather',
    '/api/lists/popular',
  ]) {
    const [a, b] = await Promise.all([app.request(path), plain.app.request(path)]);
    assert.equal(await a.text(), await b.text(), path);
  }
  await tmdb.idle();
  assert.deepEqual(mock.requests, []);
});

test('a page showing details being refreshed (another region) is not kept until the refresh is in', async () => {
  const { tmdb: us, files } = siteWithTmdb();
  await us.ensure('tt0068646');
  const { app, tmdb, served } = siteWithTmdb(2000, 'GB', files);
  const first = await page(app, '/movie/tt0068646');
  assert.match(first.html, /Where to watch \(US\)/, 'the US copy is shown meanwhile');
  assert.equal(first.res.headers.get('cache-control'), 'public, max-age=0');
  assert.ok(![...served.responses.keys()].includes('/movie/tt0068646'));
  await tmdb.idle();
  const later = await page(app, '/movie/tt0068646');
  assert.doesNotMatch(later.html, /Where to watch/, 'refetched for GB (the mock has no GB offers)');
  assert.match(later.html, /3bhkrj58Vtu7enYsRolD1fZdja1\.jpg/);
  const saved = files.get('tt0068646');
  assert.equal(saved?.status === 'found' && saved.details.region, 'GB');
});
