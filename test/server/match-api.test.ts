import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from './_app.ts';

const { app } = testApp();
const post = (body: unknown) =>
  app.request('/api/match', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

type Match = { id: string; title: string; year: number } | null;

test('POST /api/match: ids and title/year pairs to catalog movies, in order, null for none', async () => {
  const res = await post({
    rows: [
      { id: 'tt0068646' },
      { title: 'Amelie', year: 2001 },
      { title: 'the empire strikes back', year: 0 },
      { id: 'tt9999999' },
      { title: 'No Such Film Anywhere', year: 1990 },
    ],
  });
  assert.equal(res.status, 200);
  const { items } = (await res.json()) as { items: Match[] };
  assert.deepEqual(
    items.map((m) => m?.id ?? null),
    ['tt0068646', 'tt0211915', 'tt0080684', null, null],
  );
  assert.deepEqual(items[0], { id: 'tt0068646', title: 'The Godfather', year: 1972 });
});

test('POST /api/match names the row that is wrong', async () => {
  const message = async (body: unknown) => {
    const res = await post(body);
    assert.equal(res.status, 400);
    return ((await res.json()) as { error: { message: string } }).error.message;
  };
  assert.match(await message({ rows: 'x' }), /rows must be an array/);
  assert.match(await message({ rows: [{ id: 'tt0068646' }, { id: 'nm0000001' }] }), /rows\[1\]\.id/);
  assert.match(await message({ rows: [{ year: 2001 }] }), /rows\[0\] needs an id or a title/);
  assert.match(await message({ rows: [{ title: 'Dune', year: 'soon' }] }), /rows\[0\]\.year/);
  assert.match(await message('{'), /not valid JSON/);
  const huge = await message({ rows: Array.from({ length: 20_001 }, () => ({ id: 'tt0068646' })) });
  assert.match(huge, /at most 20000 rows|larger than 2\.0 MB/);
});

test('GET /api/match is 405 with Allow: POST', async () => {
  const res = await app.request('/api/match');
  assert.equal(res.status, 405);
  assert.equal(res.headers.get('allow'), 'POST');
});
