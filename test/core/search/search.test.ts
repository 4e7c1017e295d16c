import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureModel } from '../../helpers/fixture-model.ts';
import { createTitleSearch } from '../../../src/core/search/index.ts';
import type { Catalog } from '../../../src/core/model-catalog.ts';
import { catalogOf } from './catalog.ts';

const model = fixtureModel();
const search = createTitleSearch(model.catalog);
const titles = (catalog: Catalog, hits: { index: number }[]) =>
  hits.map((h) => `${catalog.title.get(h.index)} (${catalog.year[h.index]})`);
const top = (q: string) => titles(model.catalog, search.search(q, 5));

test('prefix of the whole title and of any word', () => {
  assert.deepEqual(top('godf'), ['The Godfather (1972)', 'The Godfather Part II (1974)']);
  assert.deepEqual(top('the godf'), ['The Godfather (1972)', 'The Godfather Part II (1974)']);
  assert.deepEqual(top('strikes'), ['The Empire Strikes Back (1980)']);
  assert.deepEqual(top('raiders lost'), ['Raiders of the Lost Ark (1981)']);
});

test('several words are AND-ed in any order, the last one a prefix', () => {
  const catalog = catalogOf([
    { title: 'Jurassic Park', votes: 1_000_000 },
    { title: 'Jurassic World', votes: 700_000 },
    { title: 'Park Row', votes: 2000 },
    { title: 'The Lost World: Jurassic Park', votes: 500_000 },
  ]);
  const s = createTitleSearch(catalog);
  assert.deepEqual(titles(catalog, s.search('park jur')), [
    'Jurassic Park (2000)',
    'The Lost World: Jurassic Park (2000)',
  ]);
  assert.deepEqual(titles(catalog, s.search('jurassic p')), [
    'Jurassic Park (2000)',
    'The Lost World: Jurassic Park (2000)',
  ]);
  assert.deepEqual(titles(catalog, s.search('park')).slice(0, 1), ['Park Row (2000)']); // title prefix first
});

test('accents, case and the original title are searchable', () => {
  assert.deepEqual(top('amelie'), ['Amélie (2001)']);
  assert.deepEqual(top('AMÉLIE'), ['Amélie (2001)']);
  assert.deepEqual(top('fabuleux destin'), ['Amélie (2001)']);
  assert.deepEqual(top('la vita e bella'), ['Life Is Beautiful (1997)']);
  assert.deepEqual(top('Star Wars: Episode V'), ['The Empire Strikes Back (1980)']);
});

test('typos: one edit from 4 letters, two from 8', () => {
  assert.equal(top('godfahter')[0], 'The Godfather (1972)');
  assert.equal(top('the shinning')[0], 'The Shining (1980)');
  assert.equal(top('psyco')[0], 'Psycho (1960)');
  const catalog = catalogOf([
    { title: 'The Shawshank Redemption', votes: 2_900_000 },
    { title: 'Redemption Song', votes: 100 },
  ]);
  const s = createTitleSearch(catalog);
  assert.deepEqual(titles(catalog, s.search('shawshank redemtion')), ['The Shawshank Redemption (2000)']);
  assert.deepEqual(titles(catalog, s.search('shawshenk redmeption')), ['The Shawshank Redemption (2000)']);
  assert.deepEqual(s.search('dun'), []); // three letters: no typo tolerance
});

test('ranking: exact > prefix > word > typo, then popularity', () => {
  const catalog = catalogOf([
    { title: 'Love Actually', votes: 500_000 },
    { title: 'Crazy, Stupid, Love', votes: 600_000 },
    { title: 'Love', votes: 50_000 },
    { title: 'Live and Let Die', votes: 900_000 },
    { title: 'Lovely', votes: 10 },
  ]);
  const s = createTitleSearch(catalog);
  const hits = s.search('love');
  assert.deepEqual(titles(catalog, hits), [
    'Love (2000)',
    'Love Actually (2000)',
    'Lovely (2000)',
    'Crazy, Stupid, Love (2000)',
    'Live and Let Die (2000)',
  ]);
  assert.ok(hits[0]!.score >= 30 && hits[1]!.score >= 20 && hits[3]!.score >= 10 && hits[4]!.score < 10);
  // remakes: the famous one first, the year tells them apart
  assert.deepEqual(top('dune'), ['Dune (2021)', 'Dune (1984)']);
});

test('& and "and" match each other; leading articles are optional both ways', () => {
  const catalog = catalogOf([
    { title: 'Fast & Furious', votes: 300_000 },
    { title: 'Dark Knight', votes: 10 },
    { title: 'The Dark Knight', votes: 2_800_000 },
  ]);
  const s = createTitleSearch(catalog);
  assert.deepEqual(titles(catalog, s.search('fast and furious')), ['Fast & Furious (2000)']);
  assert.deepEqual(titles(catalog, s.search('the dark knight')), [
    'The Dark Knight (2000)',
    'Dark Knight (2000)',
  ]);
  assert.ok(s.search('dark knight').every((h) => h.score >= 30));
});

test('limit is respected and clamped; empty and symbol-only queries give nothing', () => {
  assert.equal(search.search('r', 2).length, 2);
  assert.equal(search.search('r', 0).length, 0);
  assert.ok(search.search('e', 10_000).length <= 100);
  assert.deepEqual(search.search(''), []);
  assert.deepEqual(search.search('  ?!  '), []);
});

test('short prefixes over many titles return the most popular first within the budget', () => {
  const rows = Array.from({ length: 20_000 }, (_, i) => ({
    title: `S${i.toString(36)} Movie ${i % 97}`,
    votes: (i * 7919) % 100_000,
  }));
  const catalog = catalogOf(rows);
  const s = createTitleSearch(catalog, { budget: 500 });
  const hits = s.search('s', 10);
  assert.equal(hits.length, 10);
  const votes = hits.map((h) => catalog.votes[h.index]!);
  assert.deepEqual(
    votes,
    [...votes].sort((a, b) => b - a),
  );
  assert.equal(votes[0], Math.max(...catalog.votes));
});

test('an exact one-word title comes first however many popular titles start with that word', () => {
  // 3,000 popular "The …" titles: more than the budget lets a walk of titles starting with "the" see
  const rows = Array.from({ length: 3000 }, (_, i) => ({ title: `The Film ${i}`, votes: 100_000 + i }));
  rows.push({ title: 'The', votes: 3 }, { title: 'Them!', votes: 2 }, { title: 'A Them', votes: 1 });
  const catalog = catalogOf(rows);
  const s = createTitleSearch(catalog, { budget: 400 });
  assert.deepEqual(titles(catalog, s.search('the', 2)), ['The (2000)', 'The Film 2999 (2000)']);
  assert.deepEqual(titles(catalog, s.search('them', 2)), ['Them! (2000)', 'A Them (2000)']);
});

test('same catalog, same answers (deterministic)', () => {
  const again = createTitleSearch(fixtureModel().catalog);
  for (const q of ['g', 'the', 'dune', 'godfahter', 'star w'])
    assert.deepEqual(again.search(q), search.search(q));
});
