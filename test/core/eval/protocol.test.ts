import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureModel } from '../../helpers/fixture-model.ts';
import { holdOutOrder, runProtocol } from '../../../src/core/eval/protocol.ts';
import { ratingsMatrix, withoutPairs, likedBy } from '../../../src/core/collab/ratings.ts';
import { firstOf } from '../../../src/core/eval/top-k.ts';
import type { Baseline, NamedBaseline } from '../../../src/core/eval/types.ts';

const model = fixtureModel();
const n = model.catalog.size;
// user 1 likes 0 and 1 (and disliked 3); user 2 likes 13 and 14 (and disliked 2); user 3 likes only 0
const ratings = ratingsMatrix(
  [
    { userId: 1, item: 0, rating: 5 },
    { userId: 1, item: 1, rating: 4.5 },
    { userId: 1, item: 3, rating: 2 },
    { userId: 2, item: 13, rating: 4 },
    { userId: 2, item: 14, rating: 5 },
    { userId: 2, item: 2, rating: 1 },
    { userId: 3, item: 0, rating: 4 },
  ],
  n,
);
const models = { catalog: model.catalog, model };
const now = () => 0;

/** Catalog order 0, 1, 2, …: the held-out rank is easy to work out by hand. */
const inIndexOrder: Baseline = () => {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  return {
    similar: (item, limit) => firstOf(order, limit, (i) => i !== item),
    taste: (_liked, exclude, limit) => firstOf(order, limit, (i) => !exclude.has(i)),
  };
};

test('ratingsMatrix sorts users and items; withoutPairs drops exactly the held-out ratings', () => {
  assert.deepEqual(ratings.userIds, [1, 2, 3]);
  assert.deepEqual([...ratings.offsets], [0, 3, 6, 7]);
  assert.deepEqual([...ratings.items.subarray(3, 6)], [2, 13, 14]);
  const train = withoutPairs(
    ratings,
    new Map([
      [0, 1],
      [1, 14],
    ]),
  );
  assert.deepEqual([...train.items], [0, 3, 2, 13, 0]);
  assert.deepEqual(likedBy(train, 0, 4), [0]);
});

test('hold-out order: a seeded permutation of each user’s liked movies', () => {
  const a = holdOutOrder(ratings, 4, 7);
  assert.deepEqual(a, holdOutOrder(ratings, 4, 7));
  assert.deepEqual(
    [...a[0]!].sort((x, y) => x - y),
    [0, 1],
  );
  assert.deepEqual(
    [...a[1]!].sort((x, y) => x - y),
    [13, 14],
  );
  assert.deepEqual(a[2], [0]);
});

test('leave-one-out on a tiny set gives the hand-computed hit rates', () => {
  // user 1: the other liked movie ranks the held-out one first (0 and 1 lead the order) → hit, NDCG 1.
  // user 2: 13 and 14 sit at rank 12–13 of any list → miss. User 3 has one liked movie: not evaluated.
  for (const rounds of [1, 2]) {
    const run = runProtocol(
      ratings,
      [{ name: 'order', make: inIndexOrder }],
      models,
      { seed: 3, rounds },
      { now },
    );
    const r = run.results[0]!;
    assert.equal(run.summary.cases, 2 * rounds);
    assert.equal(run.summary.evaluatedUsers, 2);
    assert.equal(r.similar.hr, 0.5);
    assert.equal(r.similar.ndcg, 0.5);
    assert.equal(r.taste.hr, 0.5);
    assert.equal(r.taste.ndcg, 0.5);
  }
  // two rounds hold out every liked movie once: lists from 0, 1, 13, 14 cover movies 0..10
  const run = runProtocol(
    ratings,
    [{ name: 'order', make: inIndexOrder }],
    models,
    { seed: 3, rounds: 2 },
    { now },
  );
  assert.equal(run.results[0]!.similar.coverage, 11 / n);
  // taste lists skip what each user rated in training: together they cover 0..11
  assert.equal(run.results[0]!.taste.coverage, 12 / n);
});

test('strategies see training data without the held-out rating; only rating learners are rebuilt', () => {
  const made = { learner: 0, content: 0 };
  const spy =
    (key: 'learner' | 'content'): Baseline =>
    (ctx) => {
      made[key]++;
      assert.equal(ctx.train.items.length, ratings.items.length - 2); // one held out per evaluated user
      return inIndexOrder(ctx);
    };
  const baselines: NamedBaseline[] = [
    { name: 'learner', make: spy('learner'), usesRatings: true },
    { name: 'content', make: spy('content') },
  ];
  runProtocol(ratings, baselines, models, { seed: 1, rounds: 2 }, { now });
  assert.deepEqual(made, { learner: 2, content: 1 });
});

test('taste never gets the held-out movie excluded, and gets everything else the user rated', () => {
  const seen: string[] = [];
  const recorder: Baseline = (ctx) => ({
    similar: (item, limit) => inIndexOrder(ctx).similar(item, limit),
    taste(liked, exclude, limit) {
      seen.push(`${[...liked].join(',')}|${[...exclude].sort((a, b) => a - b).join(',')}`);
      return inIndexOrder(ctx).taste(liked, exclude, limit);
    },
  });
  runProtocol(ratings, [{ name: 'rec', make: recorder }], models, { seed: 5, rounds: 2 }, { now });
  assert.deepEqual(seen.sort(), ['0|0,3', '1|1,3', '13|2,13', '14|2,14'].sort());
});

test('same seed, same results', () => {
  const a = runProtocol(
    ratings,
    [{ name: 'order', make: inIndexOrder }],
    models,
    { seed: 9, rounds: 2 },
    { now },
  );
  const b = runProtocol(
    ratings,
    [{ name: 'order', make: inIndexOrder }],
    models,
    { seed: 9, rounds: 2 },
    { now },
  );
  assert.deepEqual(a, b);
});

test('train-only users add training ratings and are never held out, queried or tuned on', () => {
  // user 9 likes 0 and 1 like user 1 does: with trainOnly it trains, without it it would be evaluated
  const more = ratingsMatrix(
    [
      ...[0, 1, 3].map((item, i) => ({ userId: 1, item, rating: [5, 4.5, 2][i]! })),
      { userId: 2, item: 13, rating: 4 },
      { userId: 2, item: 14, rating: 5 },
      { userId: 9, item: 0, rating: 5 },
      { userId: 9, item: 1, rating: 5 },
    ],
    n,
  );
  const trainOnly = (row: number) => more.userIds[row] === 9;
  const queried: string[] = [];
  const recorder: Baseline = (ctx) => {
    // both of user 9's ratings are always in the training data
    assert.equal(likedBy(ctx.train, 2, 4).length, 2);
    return {
      similar: (item, limit) => inIndexOrder(ctx).similar(item, limit),
      taste(liked, exclude, limit) {
        queried.push([...liked].join(','));
        return inIndexOrder(ctx).taste(liked, exclude, limit);
      },
    };
  };
  const run = runProtocol(
    more,
    [{ name: 'rec', make: recorder, usesRatings: true }],
    models,
    { seed: 5, rounds: 2, trainOnly },
    { now },
  );
  assert.equal(run.summary.trainOnlyUsers, 1);
  assert.equal(run.summary.evaluatedUsers, 2);
  assert.equal(run.summary.cases, 4); // users 1 and 2, two rounds each
  assert.deepEqual(queried.sort(), ['0', '1', '13', '14']);
  // the other users' hold-out order is the one they get without the extra user
  assert.deepEqual(holdOutOrder(more, 4, 5, trainOnly).slice(0, 2), holdOutOrder(ratings, 4, 5).slice(0, 2));
});
