import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TopN } from '../../src/core/top-n.ts';

test('TopN keeps the best N, best first, ties by smaller index, like a full sort', () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 200 }),
      fc.integer({ min: 0, max: 30 }),
      (scores, n) => {
        const top = new TopN(n);
        scores.forEach((s, i) => top.push(i, s / 4));
        const expected = scores
          .map((s, i) => ({ i, s: s / 4 }))
          .sort((a, b) => b.s - a.s || a.i - b.i)
          .slice(0, n);
        const got = top.sorted();
        assert.deepEqual(
          Array.from(got.index),
          expected.map((x) => x.i),
        );
        assert.deepEqual(
          Array.from(got.score),
          expected.map((x) => x.s),
        );
      },
    ),
  );
});
