/** Search keys (akas), a year in the query, the CLI's resolver on words, and direct matches above typos. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stringsOf } from '../../../src/core/columns.ts';
import { createTitleSearch } from '../../../src/core/search/index.ts';
import { buildTitleIndex } from '../../../src/core/search/title-index.ts';
import { decodeTitleIndexFile, encodeTitleIndex } from '../../../src/core/model-binary.ts';
import { catalogOf, type Row } from './catalog.ts';

const ROWS: (Row & { keys?: string[] })[] = [
  { id: 'tt0114369', title: 'Se7en', year: 1995, votes: 1_900_000, keys: ['Seven', 'Se7en'] },
  {
    id: 'tt0211915',
    title: 'Amélie',
    originalTitle: "Le fabuleux destin d'Amélie Poulain",
    year: 2001,
    votes: 800_000,
    keys: ['Amelie'],
  },
  { id: 'tt0076759', title: 'Star Wars', year: 1977, votes: 1_500_000, keys: ['La guerra de las estrellas'] },
  { id: 'tt0086190', title: 'Star Wars: Episode VI - Return of the Jedi', year: 1983, votes: 1_200_000 },
  { id: 'tt2527336', title: 'Star Wars: Episode VIII - The Last Jedi', year: 2017, votes: 650_000 },
  { id: 'tt0133093', title: 'The Matrix', year: 1999, votes: 2_100_000 },
  { id: 'tt0000101', title: 'The Matrix', year: 1970, votes: 200 },
  { id: 'tt0468569', title: 'The Dark Knight', year: 2008, votes: 3_000_000 },
  { id: 'tt1856101', title: 'Blade Runner 2049', year: 2017, votes: 700_000 },
  { id: 'tt0024548', title: 'She Done Him Wrong', year: 1933, votes: 2_000_000 },
  { id: 'tt1160419', title: 'Dune', year: 2021, votes: 900 },
  { id: 'tt0000102', title: 'Dunes of Gold', year: 1950, votes: 150 },
  { id: 'tt0000103', title: 'The Lady of the Dunes', year: 2019, votes: 120 },
];

function search() {
  const catalog = catalogOf(ROWS);
  const offsets = new Int32Array(ROWS.length + 1);
  ROWS.forEach((r, i) => (offsets[i + 1] = offsets[i]! + (r.keys?.length ?? 0)));
  const keys = { offsets, values: stringsOf(ROWS.flatMap((r) => r.keys ?? [])) };
  // through search.bin's encoding, as a served model gets it
  const index = decodeTitleIndexFile(encodeTitleIndex(buildTitleIndex({ ...catalog, keys })), catalog.size)();
  const s = createTitleSearch(catalog, { index });
  const ids = (q: string, n = 3) => s.search(q, n).map((h) => catalog.id.get(h.index));
  const resolved = (q: string) => {
    const r = s.resolve(q);
    return 'index' in r ? catalog.id.get(r.index) : undefined;
  };
  return { ids, resolved };
}

test('akas and the original title are search keys, never names', () => {
  const { ids } = search();
  assert.equal(ids('seven')[0], 'tt0114369');
  assert.equal(ids('le fabuleux destin')[0], 'tt0211915');
  assert.equal(ids('la guerra de las estrellas')[0], 'tt0076759');
  assert.equal(ids('la guerra de las')[0], 'tt0076759');
  assert.equal(ids('amelie')[0], 'tt0211915');
});

test('a year in the query narrows to it; a title with a number in it still finds itself', () => {
  const { ids } = search();
  assert.deepEqual(ids('the matrix (1999)', 1), ['tt0133093']);
  assert.deepEqual(ids('the matrix 1970', 1), ['tt0000101']);
  assert.deepEqual(ids('dark knight 2008', 1), ['tt0468569']);
  assert.deepEqual(ids('blade runner 2049', 1), ['tt1856101']);
});

test('the resolver takes what the search box lists first: prefixes and whole phrases', () => {
  const { resolved } = search();
  assert.equal(resolved('Return of the Jedi'), 'tt0086190');
  assert.equal(resolved('Star Wars: Episode VI'), 'tt0086190');
  assert.equal(resolved('seven'), 'tt0114369');
  assert.equal(resolved('la guerra de las estrellas'), 'tt0076759');
  assert.equal(resolved('the matrix (1999)'), 'tt0133093');
});

test('"dune": the exact title and prefix matches rank above a far more popular typo match', () => {
  const { ids } = search();
  const got = ids('dune', 4);
  assert.deepEqual(got.slice(0, 3).sort(), ['tt0000102', 'tt0000103', 'tt1160419'].sort());
  assert.equal(got[0], 'tt1160419');
  assert.equal(got[3], 'tt0024548'); // "done": one edit, listed only after every direct match
});
