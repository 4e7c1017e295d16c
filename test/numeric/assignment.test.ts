import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minCostAssignment } from '../../src/numeric/assignment.ts';
import { createRandom } from '../../src/numeric/random.ts';

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) =>
    Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]),
  );
}

const total = (cost: Float64Array, n: number, match: ArrayLike<number>) =>
  Array.from({ length: n }, (_, i) => cost[i * n + match[i]!]!).reduce((a, b) => a + b, 0);

test('the matching has the least total cost of every permutation', () => {
  const rng = createRandom(3);
  for (let n = 1; n <= 6; n++) {
    for (let trial = 0; trial < 20; trial++) {
      const cost = Float64Array.from({ length: n * n }, () => Math.round(rng.next() * 20) - 5);
      const match = minCostAssignment(cost, n);
      assert.deepEqual(
        [...match].sort(),
        Array.from({ length: n }, (_, i) => i),
        'a permutation',
      );
      const best = Math.min(...permutations(n).map((p) => total(cost, n, p)));
      assert.equal(total(cost, n, match), best, `n=${n} trial ${trial}`);
    }
  }
});

test('bad shapes and non-finite costs are refused', () => {
  assert.throws(() => minCostAssignment([1, 2, 3], 2), /2×2/);
  assert.throws(() => minCostAssignment([Infinity, Infinity, Infinity, Infinity], 2), /finite/);
});
