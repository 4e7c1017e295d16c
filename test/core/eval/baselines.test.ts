import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureModel } from '../../helpers/fixture-model.ts';
import { mostPopular, random, weightedRating } from '../../../src/core/eval/baselines.ts';
import { genreJaccard } from '../../../src/core/eval/genre-jaccard.ts';
import { itemKnn } from '../../../src/core/eval/item-knn.ts';
import { originalRecipe } from '../../../src/core/eval/original-recipe.ts';
import { tasteFromSimilar } from '../../../src/core/eval/taste-from-similar.ts';
import { ratingsMatrix } from '../../../src/core/collab/ratings.ts';
import { topK } from '../../../src/core/eval/top-k.ts';
import type { EvalContext } from '../../../src/core/eval/types.ts';

// fixture rows: 0 The Godfather, 1 Part II, 2 Goodfellas, 3 Rocky, 4 Rocky II, 5 Star Wars, 6 Empire,
// 7 Raiders, 8 Dune (2021), 9 Dune (1984), 10 Amélie, 11 Life Is Beautiful, 12 Groundhog Day,
// 13 Psycho, 14 The Shining, 15 Rear Window
const model = fixtureModel();
const empty = ratingsMatrix([], model.catalog.size);
const ctx: EvalContext = {
  catalog: model.catalog,
  train: empty,
  seed: 1,
  model,
  original: model,
  tuneUsers: [],
};

test('topK: best scores first, ties by the tie key, then by lower index', () => {
  const scores = [1, 3, 3, 2, 3];
  assert.deepEqual(topK(scores, 3), [1, 2, 4]);
  assert.deepEqual(topK(scores, 3, { tie: [0, 1, 5, 0, 9] }), [4, 2, 1]);
  assert.deepEqual(topK(scores, 2, { skip: (i) => i === 1 }), [2, 4]);
  assert.deepEqual(topK(scores, 9, { candidates: [0, 3] }), [3, 0]);
});

test('most popular: IMDb votes order, without the query or excluded movies', () => {
  const s = mostPopular(ctx);
  // 2.1M Godfather skipped; Star Wars 1.5M; Part II and Empire tie at 1.4M (lower row first); Goodfellas 1.3M
  assert.deepEqual([...s.similar(0, 4)], [5, 1, 6, 2]);
  assert.deepEqual([...s.taste([0], new Set([0, 5]), 5)], [1, 6, 2, 7, 14]);
});

test('weighted rating: Bayesian rating order', () => {
  const list = [...weightedRating(ctx).similar(3, 16)];
  assert.equal(list.length, 15);
  assert.ok(!list.includes(3));
  for (let i = 1; i < list.length; i++)
    assert.ok(model.catalog.bayes[list[i - 1]!]! >= model.catalog.bayes[list[i]!]!);
});

test('random: seeded, no duplicates, respects exclusions', () => {
  const a = random(ctx);
  const b = random(ctx);
  const list = [...a.similar(2, 10)];
  assert.deepEqual(list, [...b.similar(2, 10)]);
  assert.equal(new Set(list).size, 10);
  assert.ok(!list.includes(2));
  const taste = [...a.taste([0, 1], new Set([0, 1, 2, 3]), 10)];
  assert.ok(taste.every((i) => i > 3));
  assert.notDeepEqual(list, [...random({ ...ctx, seed: 2 }).similar(2, 10)]);
});

test('genre Jaccard: identical genre sets first, ties by votes', () => {
  const s = genreJaccard(ctx);
  // Crime+Drama: Part II (1), Goodfellas (2/3), then the 1/3 dramas by votes: Shining, Rocky, Rocky II
  assert.deepEqual([...s.similar(0, 5)], [1, 2, 14, 3, 4]);
  // Star Wars liked: Empire shares all genres; Raiders 2/3
  assert.deepEqual([...s.taste([5], new Set([5]), 2)], [6, 7]);
});

test('original recipe: same cluster, nearest distance to the centroid first', () => {
  const s = originalRecipe(ctx);
  const { cluster, distance } = model.catalog;
  for (let i = 0; i < model.catalog.size; i++) {
    const list = [...s.similar(i, 16)];
    const size = cluster.filter((c) => c === cluster[i]).length;
    assert.equal(list.length, size - 1);
    assert.ok(list.every((j) => j !== i && cluster[j] === cluster[i]));
    const gaps = list.map((j) => Math.abs(distance[j]! - distance[i]!));
    for (let p = 1; p < gaps.length; p++) assert.ok(gaps[p - 1]! <= gaps[p]! + 1e-6);
  }
  assert.throws(() => originalRecipe({ ...ctx, original: undefined }), /original preset/);
});

test('item-kNN: cosine of rating vectors, by hand', () => {
  // u0: 0→5, 1→5; u1: 0→4, 2→2; u2: 1→3, 2→4
  const train = ratingsMatrix(
    [
      { userId: 0, item: 0, rating: 5 },
      { userId: 0, item: 1, rating: 5 },
      { userId: 1, item: 0, rating: 4 },
      { userId: 1, item: 2, rating: 2 },
      { userId: 2, item: 1, rating: 3 },
      { userId: 2, item: 2, rating: 4 },
    ],
    model.catalog.size,
  );
  const s = itemKnn({ ...ctx, train });
  // cos(0,1) = 25 / (√41·√34) ≈ 0.67 > cos(0,2) = 8 / (√41·√20) ≈ 0.28
  assert.deepEqual([...s.similar(0, 10)], [1, 2]);
  // cos(2,1) = 12 / (√20·√34) ≈ 0.46 > cos(2,0)
  assert.deepEqual([...s.similar(2, 10)], [1, 0]);
  assert.deepEqual([...s.taste([0], new Set([0]), 10)], [1, 2]);
  // liked 0 and 2: item 1 scores 0.67 + 0.46; the only candidate left
  assert.deepEqual([...s.taste([0, 2], new Set([0, 2]), 10)], [1]);
  // scratch buffers are reset between calls
  assert.deepEqual([...s.similar(0, 10)], [1, 2]);
});

test('taste from similar lists: reciprocal-rank votes', () => {
  const lists: Record<number, number[]> = { 0: [5, 6, 7], 1: [6, 8] };
  const similar = (item: number) => lists[item] ?? [];
  // 6: 1/2 + 1 = 1.5; 5: 1; 8: 1/2; 7: 1/3
  assert.deepEqual(tasteFromSimilar(similar, [0, 1], new Set(), 10), [6, 5, 8, 7]);
  assert.deepEqual(tasteFromSimilar(similar, [0, 1], new Set([6]), 2), [5, 8]);
});

test('kinema default goes through the public recommender API', async () => {
  const { createRecommender } = await import('../../../src/core/recommend/index.ts');
  const { kinemaDefault } = await import('../../../src/core/eval/kinema.ts');
  const s = kinemaDefault({ ...ctx, recommender: createRecommender(model) });
  const list = [...s.similar(0, 5)];
  assert.equal(list.length, 5);
  assert.ok(!list.includes(0));
  const taste = [...s.taste([5, 6], new Set([5, 6, 7]), 5)];
  assert.ok(taste.length > 0 && taste.every((i) => i > 7 || i < 5));
  assert.throws(() => kinemaDefault(ctx), /needs a recommender/);
});
