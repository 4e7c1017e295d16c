import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureModel } from '../../helpers/fixture-model.ts';
import { createCandidateSearch } from '../../../src/core/recommend/candidates.ts';
import { createSimilarity } from '../../../src/core/recommend/similarity.ts';
import type { Ivf } from '../../../src/core/recommend/ivf.ts';

const model = fixtureModel();
const size = model.catalog.size;

/** One IVF list holding every movie, so the only question is how much of it a scan visits. */
function oneList(): Ivf {
  return {
    k: 1,
    d: model.d,
    centroids: model.features.slice(0, model.d),
    offsets: Int32Array.from([0, size]),
    items: Int32Array.from({ length: size }, (_, i) => i),
  };
}

function scan(maxRows?: number): number[] {
  const search = createCandidateSearch(createSimilarity(model), oneList(), 3);
  const seen: number[] = [];
  search.begin();
  search.collectLists(model.features, 0, (row) => seen.push(row), maxRows);
  return seen;
}

test('collectLists visits a whole list that fits the budget', () => {
  assert.deepEqual(
    scan(),
    Array.from({ length: size }, (_, i) => i),
  );
  assert.equal(scan(size).length, size);
});

test('collectLists samples a list bigger than the budget evenly, never more than the budget', () => {
  const budget = 4;
  const step = Math.ceil(size / budget);
  const seen = scan(budget);
  assert.ok(seen.length <= budget, `visited ${seen.length} rows for a budget of ${budget}`);
  assert.deepEqual(
    seen,
    Array.from({ length: Math.ceil(size / step) }, (_, i) => i * step),
  );
  // the sample spans the list rather than taking its head
  assert.ok(seen.at(-1)! >= size - step);
});
