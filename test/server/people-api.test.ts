/** Person routes on the fixture model: the API shapes, the page, and people in search. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertGolden, testApp } from './_app.ts';

const COPPOLA = 'nm0000001';
const { app } = testApp();

interface PersonBody {
  id: string;
  name: string;
  movies: { movie: { id: string; title: string; year: number }; roles: string[] }[];
  items: { id: string; title: string }[];
  person: { id: string; name: string };
  people: { id: string; name: string }[];
  error: { code: string; message: string };
}

async function json(path: string) {
  const res = await app.request(path);
  return { res, body: (await res.json()) as PersonBody };
}

test('GET /api/people/:id: the person and their catalog films by year, with roles', async () => {
  const { res, body } = await json(`/api/people/${COPPOLA}`);
  assert.equal(res.status, 200);
  assert.equal(body.name, 'Francis Ford Coppola');
  const titles = body.movies.map((m) => m.movie.title);
  assert.ok(titles.includes('The Godfather'), titles.join(', '));
  const years = body.movies.map((m) => m.movie.year);
  assert.deepEqual(
    years,
    [...years].sort((a, b) => a - b),
  );
  assert.ok(body.movies.every((m) => m.roles.includes('director')));
  assertGolden('api-person-coppola', body);
});

test("GET /api/people/:id/similar: films like the person's, never their own", async () => {
  const own = new Set((await json(`/api/people/${COPPOLA}`)).body.movies.map((m) => m.movie.id));
  const { res, body } = await json(`/api/people/${COPPOLA}/similar?limit=5`);
  assert.equal(res.status, 200);
  assert.equal(body.person.name, 'Francis Ford Coppola');
  assert.ok(body.items.length > 0);
  for (const m of body.items) assert.ok(!own.has(m.id), `${m.title} is the person's own film`);
  assertGolden('api-person-coppola-similar', body);
});

test('person ids: malformed is 400, unknown is 404', async () => {
  const bad = await json('/api/people/nm12');
  assert.equal(bad.res.status, 400);
  assert.match(bad.body.error.message, /invalid person id/);
  assert.equal((await json('/api/people/nm9999999')).res.status, 404);
  assert.equal((await app.request('/person/nm9999999', { headers: { accept: 'text/html' } })).status, 404);
});

test('search: a surname finds the person above title hits; the movie page links every name', async () => {
  const { body } = await json('/api/search?q=coppola');
  assert.equal(body.people[0]?.name, 'Francis Ford Coppola');
  assert.deepEqual((await json('/api/search?q=coppola&offset=10')).body.people, []);
  const page = await (await app.request('/movie/tt0068646')).text();
  assert.match(page, /<a href="\/person\/nm0000001">Francis Ford Coppola<\/a>/);
  assert.doesNotMatch(page, />nm\d{7}</);
  const person = await (await app.request(`/person/${COPPOLA}`)).text();
  assert.match(person, /<h1>Francis Ford Coppola<\/h1>/);
  assert.match(person, /href="\/movie\/tt0068646">The Godfather<\/a> <span class="roles">directed/);
});

test('a person with more films than a page lists: the best-known, still by year, with the total', async () => {
  const { fixtureModel } = await import('../helpers/fixture-model.ts');
  const { prepareModel } = await import('../../src/server/loaded-model.ts');
  const { personDetail, MAX_CREDITS } = await import('../../src/server/person-view.ts');
  const model = fixtureModel();
  const people = model.people!;
  const films = model.catalog.size;
  // person 0 credited as director of every film: more than a page lists when MAX_CREDITS is small
  people.filmography = {
    offsets: Int32Array.from({ length: people.id.length + 1 }, (_, p) => (p === 0 ? 0 : films)),
    movies: Int32Array.from(
      Array.from({ length: films }, (_, i) => i).sort(
        (a, b) => model.catalog.year[a]! - model.catalog.year[b]!,
      ),
    ),
  };
  const served = prepareModel(model);
  assert.equal(personDetail(served, 0).movies.length, Math.min(films, MAX_CREDITS));
  const detail = personDetail(served, 0, 5);
  assert.equal(detail.totalMovies, films);
  const mostVoted = Array.from(model.catalog.votes)
    .sort((a, b) => b - a)
    .slice(0, 5);
  assert.deepEqual(
    detail.movies.map((m) => m.movie.votes).sort((a, b) => b - a),
    mostVoted,
  );
  const years = detail.movies.map((m) => m.movie.year);
  assert.deepEqual(
    years,
    [...years].sort((a, b) => a - b),
  );
});
