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

test('TopN.sortedInto writes the sorted list at an offset, leaves the rest, and keeps the heap', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 100 }), fc.nat(10), (scores, at) => {
      const top = new TopN(8);
      scores.forEach((s, i) => top.push(i, s));
      const index = new Int32Array(at + 10).fill(-7);
      const score = new Float32Array(at + 10).fill(-7);
      top.sortedInto(index, score, at);
      const expected = top.sorted();
      assert.deepEqual(Array.from(index.subarray(at, at + top.size)), Array.from(expected.index));
      assert.deepEqual(Array.from(score.subarray(at, at + top.size)), Array.from(expected.score));
      assert.ok(index.subarray(0, at).every((x) => x === -7));
      assert.ok(index.subarray(at + top.size).every((x) => x === -7));
      // the heap is intact: sorting again gives the same list
      assert.deepEqual(Array.from(top.sorted().index), Array.from(expected.index));
    }),
  );
});
