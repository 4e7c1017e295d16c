import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  buildFranchiseIndex,
  prefixStem,
  sharedStem,
  STEM_SLOTS,
  titleStem,
} from '../../../src/core/recommend/franchise.ts';
import { fixtureModel } from '../../helpers/fixture-model.ts';

test('title stems drop articles, accents, sequel numbers, parts and subtitles', () => {
  const cases: [string, string, boolean][] = [
    ['The Godfather', 'godfather', false],
    ['The Godfather Part II', 'godfather', true],
    ['Rocky II', 'rocky', true],
    ['Rocky IV', 'rocky', true],
    ['Toy Story 3', 'toy story', true],
    ['Star Wars: Episode V - The Empire Strikes Back', 'star wars', true],
    ['Kill Bill: Vol. 1', 'kill bill', true],
    ['Harry Potter and the Chamber of Secrets', 'harry potter and the chamber of secrets', false],
    ['Amélie', 'amelie', false],
    ['Fast & Furious 6', 'fast and furious', true],
    ['1917', '1917', false],
    ['2001: A Space Odyssey', '2001', true],
  ];
  for (const [title, stem, marked] of cases) assert.deepEqual(titleStem(title), { stem, marked }, title);
});

test('franchise index groups shared stems of display and original titles', () => {
  const model = fixtureModel();
  const f = buildFranchiseIndex(model.catalog);
  const row = (id: string) => model.byId.get(id)!;
  assert.ok(sharedStem(f, row('tt0068646'), row('tt0071562')));
  assert.ok(sharedStem(f, row('tt0076759'), row('tt0080684')));
  assert.ok(sharedStem(f, row('tt1160419'), row('tt0087182'))); // same title; the marker rule is the scorer's
  assert.ok(!sharedStem(f, row('tt0068646'), row('tt0075148')));
  assert.equal(f.marked[row('tt0068646')], 0);
  assert.equal(f.marked[row('tt0071562')], 1);
});

test('a sequel with no number shares the stem less its last word: The Dark Knight Rises → The Dark Knight', () => {
  assert.equal(prefixStem('dark knight rises'), 'dark knight');
  assert.equal(prefixStem('toy story'), ''); // one word left would be too generic
  const titles = ['The Dark Knight', 'The Dark Knight Rises', 'Batman Begins', 'The Dark Tower'];
  const catalog = {
    size: titles.length,
    title: { length: titles.length, get: (i: number) => titles[i]! },
    originalTitle: { length: titles.length, get: () => '' },
  } as unknown as Parameters<typeof buildFranchiseIndex>[0];
  const f = buildFranchiseIndex(catalog);
  assert.equal(f.stems.length, STEM_SLOTS * titles.length);
  assert.ok(sharedStem(f, 0, 1));
  assert.ok(sharedStem(f, 1, 0));
  assert.ok(!sharedStem(f, 0, 2));
  assert.ok(!sharedStem(f, 0, 3)); // "dark tower" is not "dark knight"
  // an unmarked prefix match: the scorer then needs a shared person (Christopher Nolan) too
  assert.equal(f.marked[1], 0);
});
