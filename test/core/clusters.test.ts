import { test } from 'node:test';
import assert from 'node:assert/strict';
import { eraOf, nameClusters } from '../../src/core/clusters.ts';
import { genreMask } from '../../src/core/genres.ts';
import { fixtureModel } from '../helpers/fixture-model.ts';

test('cluster names: the genres that set a cluster apart, then the decade most members are in', () => {
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

test('cluster names on the fixture model are unique and name an era only when the members share one', () => {
  const model = fixtureModel();
  const c = model.catalog;
  const names = nameClusters({ genres: c.genres, year: c.year, cluster: c.cluster, k: model.k });
  assert.equal(names.length, model.k);
  assert.equal(new Set(names).size, model.k);
  for (const name of names)
    assert.match(name, /^[A-Z][\w-]+( · [A-Z][\w-]+)*( · \d{4}s(–\d{4}s)?)?( \(\d+\))?$/);
  // an empty cluster still gets a name
  assert.deepEqual(nameClusters({ genres: [], year: [], cluster: [], k: 1 }), ['Mixed']);
});

test('era: a decade when two thirds of the members are in it, else a range of at most three decades, else none', () => {
  assert.equal(eraOf([1991, 1994, 1996, 1999, 1985]), '1990s');
  // a 1930s majority is not reached: 2 of 5; the 10th-90th percentile span is 1930s-2010s, too wide
  assert.equal(eraOf([1931, 1934, 1972, 2008, 2017]), '');
  assert.equal(eraOf([1972, 1975, 1981, 1984, 1990, 1993, 1999, 1978, 1987, 1996]), '1970s–1990s');
  assert.equal(eraOf([]), '');
});
