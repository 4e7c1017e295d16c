import { test } from 'node:test';
import assert from 'node:assert/strict';
import { best, SIMILAR_GRID } from '../../../src/core/eval/blend-search.ts';

test('the earliest weights within one standard error of the best win', () => {
  const scores = [
    { weights: { popularity: 0 }, hr: 0.05, ndcg: 0.03, se: 0.006 },
    { weights: { popularity: 1 }, hr: 0.066, ndcg: 0.03, se: 0.006 },
    { weights: { popularity: 4 }, hr: 0.07, ndcg: 0.04, se: 0.006 },
  ];
  assert.deepEqual(best(scores, true), { popularity: 1 });
  // without the rule, or with no spread, the best wins
  assert.deepEqual(best(scores), { popularity: 4 });
  assert.deepEqual(
    best(
      scores.map((s) => ({ ...s, se: 0 })),
      true,
    ),
    { popularity: 4 },
  );
  // ties on the hit rate: NDCG decides the best; within the rule the earlier entry still wins
  const tie = [
    { weights: { peak: 0 }, hr: 0.2, ndcg: 0.1, se: 0 },
    { weights: { peak: 1 }, hr: 0.2, ndcg: 0.12, se: 0 },
  ];
  assert.deepEqual(best(tie, true), { peak: 0 });
  assert.deepEqual(best(tie), { peak: 1 });
});

test('the "more like this" grid runs from film-led to popularity-led', () => {
  const pop = SIMILAR_GRID.map((w) => w.popularity ?? 0);
  assert.deepEqual(
    pop,
    [...pop].sort((a, b) => a - b),
  );
  // within each popularity, lift comes before the plain also-liked share; people and franchise keep
  // a weight co-likes cannot drown
  const first = SIMILAR_GRID.filter((w) => w.popularity === 0);
  assert.ok(first[0]!.lift! > 0 && !first[0]!.alsoLiked);
  assert.ok(first.at(-1)!.alsoLiked! > 0);
  assert.ok(SIMILAR_GRID.every((w) => w.people === 2 && w.franchise === 1.2));
});
