/**
 * Imported rows → a taste on the fixture catalog: ids and title/year pairs matched (remakes told apart
 * by year, a wrong year refused), thresholds as options, unmatched rows listed with their lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readExportFile } from '../../../src/core/ratings/export-file.ts';
import {
  modelCatalogue,
  tasteFromRows,
  unmatchedSummary,
} from '../../../src/core/ratings/taste-from-export.ts';
import { createTitleSearch } from '../../../src/core/search/index.ts';
import { fixtureModel } from '../../helpers/fixture-model.ts';

const model = fixtureModel();
const catalogue = modelCatalogue(model, createTitleSearch(model.catalog));
const ids = (rows: number[]) => rows.map((r) => model.catalog.id.get(r)).sort();
const rowsOf = (name: string) =>
  readExportFile(
    new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/ratings', name))),
    name,
  ).rows;

test('IMDb: ≥ 7 liked, ≤ 4 disliked, every match seen, the TV series unmatched', () => {
  const taste = tasteFromRows(rowsOf('imdb-ratings.csv'), catalogue);
  assert.deepEqual(ids(taste.liked), ['tt0068646', 'tt0076759', 'tt0211915']);
  assert.deepEqual(ids(taste.disliked), ['tt0081505']);
  assert.deepEqual(ids(taste.seen), ['tt0068646', 'tt0076759', 'tt0081505', 'tt0107048', 'tt0211915']);
  assert.deepEqual(
    taste.unmatched.map((r) => r.line),
    [6],
  );
  assert.equal(
    unmatchedSummary(taste, 'imdb-ratings.csv'),
    'imdb-ratings.csv: 1 of 6 rows matched no movie in this catalog: Breaking Bad (2008) line 6',
  );
});

test('Letterboxd: the Dune of each year, 3.5 stars liked, a wrong year and an absent film unmatched', () => {
  const taste = tasteFromRows(rowsOf('letterboxd-ratings.csv'), catalogue);
  assert.deepEqual(ids(taste.liked), ['tt0071562', 'tt1160419']);
  assert.deepEqual(ids(taste.disliked), ['tt0087182']);
  assert.ok(ids(taste.seen).includes('tt0075148'), 'Rocky at 3 stars is seen, neither liked nor disliked');
  assert.deepEqual(
    taste.unmatched.map((r) => `${r.title} ${r.year}`),
    ['Paddington 2 2017', 'Goodfellas 1999'],
  );
  const watched = tasteFromRows(rowsOf('letterboxd-watched.csv'), catalogue);
  assert.deepEqual(watched.liked, []);
  assert.deepEqual(ids(watched.seen), ['tt0047396', 'tt0054215']);
});

test('thresholds are options; a later rating of the same movie wins', () => {
  const strict = tasteFromRows(rowsOf('imdb-ratings.csv'), catalogue, { likeAt: 9, dislikeAt: 5 });
  assert.deepEqual(ids(strict.liked), ['tt0068646']);
  assert.deepEqual(ids(strict.disliked), ['tt0081505', 'tt0107048']);
  const again = tasteFromRows(
    [
      { line: 2, id: 'tt0068646', title: '', year: 0, rating: 10 },
      { line: 3, id: 'tt0068646', title: '', year: 0, rating: 2 },
    ],
    catalogue,
  );
  assert.deepEqual(ids(again.disliked), ['tt0068646']);
  assert.deepEqual(again.liked, []);
});
