import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameClusters } from '../../src/core/clusters.ts';
import { genreMask } from '../../src/core/genres.ts';
import { fixtureModel } from '../helpers/fixture-model.ts';

test('cluster names: the genres that set a cluster apart, then the decade of its median year', () => {
  const rows: [string[], number, number][] = [
    [['Crime', 'Thriller'], 1994, 0],
    [['Crime', 'Thriller', 'Drama'], 1996, 0],
    [['Crime', 'Drama'], 1991, 0],
    [['Drama', 'Thriller'], 1999, 0],
    [['Comedy', 'Romance'], 1962, 1],
    [['Comedy', 'Romance', 'Drama'], 1965, 1],
    [['Comedy'], 1958, 1],
  ];
  const names = nameClusters({
    genres: rows.map((r) => genreMask(r[0])),
    year: rows.map((r) => r[1]),
    cluster: rows.map((r) => r[2]),
    k: 2,
  });
  assert.deepEqual(names, ['Crime · Thriller · 1990s', 'Comedy · Romance · 1960s']);
});

test('cluster names on the fixture model are unique and name a decade', () => {
  const model = fixtureModel();
  const c = model.catalog;
  const names = nameClusters({ genres: c.genres, year: c.year, cluster: c.cluster, k: model.k });
  assert.equal(names.length, model.k);
  assert.equal(new Set(names).size, model.k);
  for (const name of names) assert.match(name, /^[A-Z][\w-]+( · [A-Z][\w-]+)* · \d{4}s$/);
  // an empty cluster still gets a name
  assert.deepEqual(nameClusters({ genres: [], year: [], cluster: [], k: 1 }), ['Mixed']);
});
