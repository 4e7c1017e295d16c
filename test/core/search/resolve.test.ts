import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureModel } from '../../helpers/fixture-model.ts';
import { createTitleSearch } from '../../../src/core/search/index.ts';
import { KinemaError } from '../../../src/core/errors.ts';
import { catalogOf } from './catalog.ts';

const model = fixtureModel();
const search = createTitleSearch(model.catalog);
const idOf = (q: string) => {
  const r = search.resolve(q);
  return 'index' in r ? model.catalog.id.get(r.index) : r;
};

test('tt ids resolve directly; malformed ids are a bad-input error', () => {
  assert.equal(idOf('tt0068646'), 'tt0068646');
  assert.equal(idOf(' TT0211915 '), 'tt0211915');
  assert.deepEqual(search.resolve('tt9999999'), { suggestions: [] });
  assert.throws(
    () => search.resolve('tt123'),
    (e: unknown) => e instanceof KinemaError && e.code === 'bad-input' && /tt123/.test(e.message),
  );
});

test('an exact title picks the most popular of that name', () => {
  assert.equal(idOf('Dune'), 'tt1160419');
  assert.equal(idOf('the godfather'), 'tt0068646');
  assert.equal(idOf('Godfather'), 'tt0068646');
  assert.equal(idOf('AMELIE'), 'tt0211915');
  assert.equal(idOf("Le Fabuleux Destin d'Amélie Poulain"), 'tt0211915');
});

test('a trailing year picks the remake', () => {
  assert.equal(idOf('Dune (2021)'), 'tt1160419');
  assert.equal(idOf('Dune (1984)'), 'tt0087182');
  assert.equal(idOf('dune 1984'), 'tt0087182');
  assert.equal(idOf('Dune, 1984'), 'tt0087182');
  assert.equal(idOf('dnue 1984'), 'tt0087182'); // typo and year together
});

test('a title that ends in a number is not mistaken for a year', () => {
  const catalog = catalogOf([
    { id: 'tt1856101', title: 'Blade Runner 2049', year: 2017, votes: 700_000 },
    { id: 'tt0083658', title: 'Blade Runner', year: 1982, votes: 850_000 },
  ]);
  const s = createTitleSearch(catalog);
  assert.deepEqual(s.resolve('Blade Runner 2049'), { index: 0 });
  assert.deepEqual(s.resolve('blade runner (1982)'), { index: 1 });
});

test('a close typo resolves; a vague query gives suggestions', () => {
  assert.equal(idOf('godfahter'), 'tt0068646');
  assert.equal(idOf('the empire strikes bakc'), 'tt0080684');
  assert.equal(idOf('rear windwo'), 'tt0047396');
  const vague = search.resolve('godf');
  assert.ok('suggestions' in vague);
  assert.deepEqual(
    vague.suggestions.map((h) => model.catalog.id.get(h.index)),
    ['tt0068646', 'tt0071562'],
  );
  assert.deepEqual(search.resolve('zzzzqqq'), { suggestions: [] });
  assert.deepEqual(search.resolve('   '), { suggestions: [] });
});

test('suggestions are at most five', () => {
  const catalog = catalogOf(Array.from({ length: 30 }, (_, i) => ({ title: `Night Movie ${i}`, votes: i })));
  const r = createTitleSearch(catalog).resolve('night');
  assert.ok('suggestions' in r && r.suggestions.length === 5);
});
