import { test } from 'node:test';
import assert from 'node:assert/strict';
import { world } from '../../helpers/ratings-world.ts';
import { trainCollab } from '../../../src/core/collab/train.ts';
import { withCollab } from '../../../src/core/eval/hybrid.ts';
import { CONTENT_SIMILAR_GRID, SIMILAR_GRID } from '../../../src/core/eval/blend-search.ts';
import { createRecommender } from '../../../src/core/recommend/index.ts';
import { createSimilarGrid } from '../../../src/core/recommend/similar-grid.ts';
import type { SimilarityWeights } from '../../../src/core/recommend/similarity.ts';

test('one pass gives every weighting exactly the list its own recommender gives', () => {
  const { model, ratings } = world();
  const tuned = withCollab(model, trainCollab(ratings));
  // the build's grids, plus weightings that disagree on using co-likes at all
  const mixed: Partial<SimilarityWeights>[] = [{ collab: 0 }, { collab: 1, fallback: 1 }, { popularity: 3 }];
  for (const [m, grid] of [
    [tuned, [...SIMILAR_GRID, ...mixed]],
    [withCollab(model, undefined), CONTENT_SIMILAR_GRID],
  ] as const) {
    const lists = createSimilarGrid(m, grid);
    const recs = grid.map((weights) => createRecommender(m, { weights }));
    let differ = 0;
    for (let q = 0; q < m.catalog.size; q += 7) {
      const got = lists.similar(q, 10);
      recs.forEach((rec, w) => {
        const want = rec.similar(q, { limit: 10 }).map((r) => r.index);
        assert.deepEqual([...got[w]!], want, `movie ${q}, weighting ${JSON.stringify(grid[w])}`);
      });
      if (got.some((l) => l.join() !== got[0]!.join())) differ++;
    }
    // the weightings really rank differently, so the equality above means something
    assert.ok(differ > 10, `lists differ between weightings for ${differ} queries`);
  }
});

test('a model with precomputed neighbours is refused', () => {
  const { model } = world();
  const withLists = {
    ...model,
    neighbours: { n: 1, row: () => ({ index: new Int32Array(1), score: new Float32Array(1) }) },
  };
  assert.throws(() => createSimilarGrid(withLists, [{}]), /without precomputed neighbours/);
});
