import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGolden, servedFixture, testApp } from './_app.ts';

const GODFATHER = 'tt0068646';

interface Movie {
  id: string;
  title: string;
  year: number;
  genres: string[];
  cluster: number;
}
interface Item extends Movie {
  movie: Movie;
  explanation: { sentence: string; because?: string };
  size: number;
}
/** The union of the fields these tests read; each test checks the ones its route returns. */
interface Body extends Omit<Movie, 'id'> {
  id: string | number;
  items: Item[];
  next: number | null;
  imdbUrl: string;
  openapi: string;
  paths: Record<string, Record<string, unknown>>;
  directors: { name: string }[];
  cast: { name: string }[];
  error: { code: string; message: string };
}
const { app } = testApp();

async function json(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  return { res, body: (await res.json()) as Body };
}

test('GET /api/movies/:id returns the movie with its people', async () => {
  const { res, body } = await json(`/api/movies/${GODFATHER}`);
  assert.equal(res.status, 200);
  assert.equal(body.title, 'The Godfather');
  assert.equal(body.year, 1972);
  assert.deepEqual(
    body.directors.map((p: { name: string }) => p.name),
    ['Francis Ford Coppola'],
  );
  assert.ok(body.cast.some((p: { name: string }) => p.name === 'Al Pacino'));
  assert.equal(body.imdbUrl, `https://www.imdb.com/title/${GODFATHER}/`);
  assertGolden('api-movie-godfather', body);
});

test('bad and unknown ids get the error shape with 400 and 404', async () => {
  const bad = await json('/api/movies/../../etc/passwd');
  assert.equal(bad.res.status, 404);
  const malformed = await json('/api/movies/tt12');
  assert.equal(malformed.res.status, 400);
  assert.equal(malformed.body.error.code, 'bad-input');
  assert.match(malformed.body.error.message, /invalid movie id: "tt12"/);
  const missing = await json('/api/movies/tt9999999');
  assert.equal(missing.res.status, 404);
  assert.deepEqual(Object.keys(missing.body.error).sort(), ['code', 'message']);
});

test('similar lists explain themselves, paginate and filter', async () => {
  const { body } = await json(`/api/movies/${GODFATHER}/similar?limit=3`);
  assert.equal(body.items.length, 3);
  assert.equal(body.next, 3);
  const ids = body.items.map((r) => r.movie.id);
  assert.ok(!ids.includes(GODFATHER), 'a movie is not similar to itself');
  assert.ok(ids.includes('tt0071562'), 'The Godfather Part II is among the closest');
  for (const r of body.items) assert.ok(r.explanation.sentence.length > 10, r.explanation.sentence);
  const second = await json(`/api/movies/${GODFATHER}/similar?limit=3&offset=3`);
  const overlap = second.body.items.filter((r) => ids.includes(r.movie.id));
  assert.deepEqual(overlap, []);
  const comedies = await json(`/api/movies/${GODFATHER}/similar?limit=5&genres=comedy`);
  assert.ok(comedies.body.items.length > 0);
  for (const r of comedies.body.items) assert.ok(r.movie.genres.includes('Comedy'), r.movie.title);
});

test("tune re-ranks the movie's own neighbours in the direction asked", async () => {
  const own = await json(`/api/movies/${GODFATHER}/similar?limit=50`);
  const ownIds = new Set(own.body.items.map((r) => r.movie.id));
  const years = (items: Item[]) => items.map((r) => r.movie.year).reduce((a, b) => a + b, 0) / items.length;
  const plain = await json(`/api/movies/${GODFATHER}/similar?limit=5`);
  const newer = await json(`/api/movies/${GODFATHER}/similar?limit=5&tune=newer`);
  const older = await json(`/api/movies/${GODFATHER}/similar?limit=5&tune=older`);
  assert.equal(newer.res.status, 200);
  assert.ok(years(newer.body.items) > years(plain.body.items), 'newer lists later films');
  assert.ok(years(older.body.items) < years(plain.body.items), 'older lists earlier films');
  for (const r of [...newer.body.items, ...older.body.items])
    assert.ok(ownIds.has(r.movie.id), r.movie.title);
  for (const r of newer.body.items) assert.ok(r.explanation.sentence.length > 10);
  const neutral = await json(`/api/movies/${GODFATHER}/similar?limit=5&weights=genres:1,people:1`);
  assert.deepEqual(neutral.body.items, plain.body.items);
});

test('similar validates every parameter', async () => {
  for (const query of [
    'limit=0',
    'limit=101',
    'offset=-1',
    'limit=abc',
    'genres=Cowboy',
    'diversity=2',
    'yearMin=1',
    'tune=funnier',
    'tune=newer,sideways',
    'weights=genres:3',
    'weights=colour:1',
    `tune=${'newer,'.repeat(40)}`,
  ]) {
    const { res, body } = await json(`/api/movies/${GODFATHER}/similar?${query}`);
    assert.equal(res.status, 400, query);
    assert.equal(body.error.code, 'bad-input');
  }
});

test('search tolerates typos and tells remakes apart by year', async () => {
  const { body } = await json('/api/search?q=godfathr&limit=5');
  assert.equal(body.items[0]?.title.startsWith('The Godfather'), true, JSON.stringify(body.items[0]));
  const dune = await json('/api/search?q=dune');
  const years = dune.body.items.filter((m) => m.title === 'Dune').map((m) => m.year);
  assert.deepEqual(years.sort(), [1984, 2021]);
  assertGolden('api-search-dune', dune.body);
  assert.equal((await app.request('/api/search')).status, 400);
  assert.equal((await app.request(`/api/search?q=${'x'.repeat(101)}`)).status, 400);
});

test('POST /api/recommend ranks from a taste and excludes the inputs', async () => {
  const liked = ['tt0076759', 'tt0080684'];
  const { res, body } = await json('/api/recommend', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ liked, limit: 4 }),
  });
  assert.equal(res.status, 200);
  assert.equal(body.items.length, 4);
  const ids = body.items.map((r) => r.movie.id);
  for (const id of liked) assert.ok(!ids.includes(id));
  assert.ok(ids.includes('tt0082971'), 'Raiders of the Lost Ark follows from Star Wars');
  assert.match(body.items[0]!.explanation.sentence, /^Because you liked (Star Wars|The Empire Strikes Back)/);
  // the recommender may name the liked movie as a row; the API turns it into an id
  const because = body.items[0]!.explanation.because;
  assert.ok(because === undefined || liked.includes(because), String(because));
});

test('POST /api/recommend rejects bad bodies clearly', async () => {
  const post = (body: string, type = 'application/json') =>
    app.request('/api/recommend', { method: 'POST', headers: { 'Content-Type': type }, body });
  assert.equal((await post('{')).status, 400);
  assert.equal((await post('{"liked":"tt0076759"}')).status, 400);
  assert.equal((await post('{"liked":[]}')).status, 400);
  assert.equal((await post('liked=tt0076759', 'application/x-www-form-urlencoded')).status, 400);
  assert.equal((await post('{"liked":["tt9999999"]}')).status, 400, 'no known liked movie left');
  assert.equal((await post('{"liked":["tt99"]}')).status, 400);
  const stale = await post('{"liked":["tt9999999","tt0076759"],"limit":2}');
  assert.equal(stale.status, 200, 'ids a rebuilt model dropped are skipped, not fatal');
  assert.deepEqual(((await stale.json()) as { unknown: string[] }).unknown, ['tt9999999']);
  assert.equal(
    (await post(JSON.stringify({ liked: ['tt0076759'], filters: { genres: 'Nope' } }))).status,
    400,
  );
  const huge = await post(JSON.stringify({ liked: Array.from({ length: 20000 }, () => 'tt0076759') }));
  assert.equal(huge.status, 400);
  assert.match(((await huge.json()) as Body).error.message, /64 KB/);
});

test('clusters list profiles and members', async () => {
  const { body } = await json('/api/clusters');
  assert.equal(body.items.length, 4);
  assert.equal(
    body.items.reduce((s, c) => s + c.size, 0),
    16,
  );
  assertGolden('api-clusters', body);
  const first = body.items[0]!;
  const members = await json(`/api/clusters/${first.id}/movies?sort=top&limit=100`);
  assert.equal(members.body.items.length, first.size);
  for (const m of members.body.items) assert.equal(m.cluster, first.id);
  assert.equal((await app.request('/api/clusters/99')).status, 404);
  assert.equal((await app.request('/api/clusters/x')).status, 400);
  assert.equal((await app.request('/api/clusters/0/movies?sort=worst')).status, 400);
});

test('lists: popular starts with the most voted movie, unknown lists are 400', async () => {
  const { body } = await json('/api/lists/popular?limit=3');
  assert.equal(body.items[0]!.id, GODFATHER);
  assert.equal(body.items.length, 3);
  assert.equal((await app.request('/api/lists/worst')).status, 400);
});

test('the OpenAPI document describes routes that exist', async () => {
  const { body } = await json('/api/openapi.json');
  assert.equal(body.openapi, '3.1.0');
  const sample: Record<string, string> = { '{id}': GODFATHER, '{list}': 'top' };
  for (const [path, ops] of Object.entries(body.paths)) {
    if (!('get' in ops)) continue;
    let url = path.replace(/\{(id|list)\}/g, (m) => sample[m]!);
    if (path.startsWith('/api/clusters/')) url = path.replace('{id}', '0');
    if (path.startsWith('/api/people/')) url = path.replace('{id}', 'nm0000001');
    if (path === '/api/search') url += '?q=rocky';
    assert.equal((await app.request(url)).status, 200, url);
  }
});

test('read-only responses carry Cache-Control and an ETag that revalidates', async () => {
  const first = await app.request(`/api/movies/${GODFATHER}`);
  assert.match(first.headers.get('cache-control') ?? '', /public, max-age=\d+/);
  const tag = first.headers.get('etag');
  assert.ok(tag);
  const again = await app.request(`/api/movies/${GODFATHER}`, { headers: { 'If-None-Match': tag } });
  assert.equal(again.status, 304);
  const error = await app.request('/api/movies/tt9999999');
  assert.equal(error.headers.get('cache-control'), 'no-store');
});

test('GET responses are cached per model by URL; posters and errors are not', async () => {
  const served = servedFixture();
  served.responses.clear();
  const path = `/api/movies/${GODFATHER}/similar?limit=4`;
  const first = await app.request(path);
  assert.ok(served.responses.has(path));
  const second = await app.request(path);
  assert.equal(await second.text(), await first.text());
  assert.equal(second.headers.get('etag'), first.headers.get('etag'));
  const revalidated = await app.request(path, { headers: { 'If-None-Match': first.headers.get('etag')! } });
  assert.equal(revalidated.status, 304);
  await app.request('/poster/tt0068646.svg');
  await app.request('/api/movies/tt9999999');
  assert.deepEqual([...served.responses.keys()], [path]);
  const { app: uncached, served: same } = testApp({ config: { accessLog: false, responseCacheBytes: 0 } });
  same.responses.clear();
  await uncached.request(path);
  assert.equal(same.responses.size, 0);
});

test('a wrong method gets 405 with Allow', async () => {
  const post = await app.request(`/api/movies/${GODFATHER}`, { method: 'POST' });
  assert.equal(post.status, 405);
  assert.equal(post.headers.get('allow'), 'GET, HEAD');
  assert.equal(((await post.json()) as Body).error.code, 'method-not-allowed');
  const get = await app.request('/api/recommend');
  assert.equal(get.status, 405);
  assert.equal(get.headers.get('allow'), 'POST');
  assert.equal((await app.request('/api/nothing')).status, 404);
});
