import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixtureModel } from '../../helpers/fixture-model.ts';
import { createTitleSearch } from '../../../src/core/search/index.ts';
import { KinemaError } from '../../../src/core/errors.ts';
import { catalogOf } from './catalog.ts';

const search = createTitleSearch(fixtureModel().catalog);
const size = fixtureModel().catalog.size;

function checkQuery(q: string): void {
  const hits = search.search(q, 10);
  assert.ok(hits.length <= 10);
  for (const h of hits) assert.ok(h.index >= 0 && h.index < size && Number.isFinite(h.score));
  try {
    const r = search.resolve(q);
    if ('index' in r) assert.ok(r.index >= 0 && r.index < size);
    else assert.ok(r.suggestions.length <= 5);
  } catch (e) {
    // the one documented throw: something shaped like a tt id with the wrong digit count
    assert.ok(e instanceof KinemaError && e.code === 'bad-input' && /^tt\d+$/i.test(q.trim()), String(e));
  }
}

test('random unicode queries never throw', () => {
  fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), checkQuery), {
    seed: 11,
    numRuns: 500,
  });
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 60 }), checkQuery), {
    seed: 12,
    numRuns: 500,
  });
});

test('emoji, combining marks, RTL, lone surrogates and 10 KB inputs never throw', () => {
  const cases = [
    '👨‍👩‍👧‍👦🎬',
    'e\u0301\u0301\u0301\u0301',
    '\u0301',
    'שלום עולם',
    'مرحبا',
    '\u202e godfather',
    '\ud800',
    '\udfff dune',
    'godfather'.repeat(2000),
    '🎬'.repeat(5000),
    'a '.repeat(5000),
    '\u0000\u0001',
    'tt',
    'tt'.padEnd(10_000, '1'),
  ];
  for (const q of cases) checkQuery(q);
});

test('titles that fold to nothing or to non-Latin words are indexed without error', () => {
  const catalog = catalogOf([
    { title: '???' },
    { title: '' },
    { title: '千と千尋の神隠し', originalTitle: 'Sen to Chihiro no kamikakushi', votes: 900_000 },
    { title: 'Брат', votes: 100 },
  ]);
  const s = createTitleSearch(catalog);
  assert.deepEqual(
    s.search('千と').map((h) => h.index),
    [2],
  );
  assert.deepEqual(
    s.search('chihiro').map((h) => h.index),
    [2],
  );
  assert.deepEqual(
    s.search('брат').map((h) => h.index),
    [3],
  );
  assert.deepEqual(createTitleSearch(catalogOf([])).search('a'), []);
});
