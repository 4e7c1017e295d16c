import { test } from 'node:test';
import assert from 'node:assert/strict';
import { world } from '../../helpers/ratings-world.ts';
import { createRandom } from '../../../src/numeric/random.ts';
import { trainCollab } from '../../../src/core/collab/train.ts';
import { withCollab } from '../../../src/core/eval/hybrid.ts';
import { CONTENT_TASTE_GRID, TASTE_GRID } from '../../../src/core/eval/blend-search.ts';
import { createRecommender } from '../../../src/core/recommend/index.ts';
import { createTasteGrid } from '../../../src/core/recommend/taste-grid.ts';
import type { SimilarityWeights } from '../../../src/core/recommend/similarity.ts';
import type { TasteInput } from '../../../src/core/recommend/types.ts';

test('one scoring pass gives every weighting exactly the taste list its own recommender gives', () => {
  const { model, ratings } = world();
  const tuned = withCollab(model, trainCollab(ratings));
  const rng = createRandom(5);
  const some = (count: number) => Array.from({ length: count }, () => rng.int(model.catalog.size));
  const profiles: TasteInput[] = [1, 2, 5, 12, 30, 50].flatMap((size) => [
    { liked: some(size) },
    { liked: some(size), disliked: some(3), seen: some(10) },
  ]);
  const mixed: Partial<SimilarityWeights>[] = [{ collab: 0 }, { popularity: 2, peak: 1 }, { features: 0 }];
  for (const [m, grid] of [
    [tuned, [...TASTE_GRID, ...mixed]],
    [withCollab(model, undefined), CONTENT_TASTE_GRID],
  ] as const) {
    const lists = createTasteGrid(m, grid);
    const recs = grid.map((w) => createRecommender(m, { weights: w, tasteWeights: w }));
    let differ = 0;
    for (const input of profiles) {
      const got = lists.taste(input, 10);
      recs.forEach((rec, w) => {
        const want = rec.taste(input, { limit: 10 }).map((r) => r.index);
        assert.deepEqual([...got[w]!], want, `profile of ${input.liked.length}, ${JSON.stringify(grid[w])}`);
      });
      if (got.some((l) => l.join() !== got[0]!.join())) differ++;
    }
    assert.ok(differ >= profiles.length / 2, `lists differ between weightings for ${differ} profiles`);
  }
});
