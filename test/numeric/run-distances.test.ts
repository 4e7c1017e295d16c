import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqDist } from '../../src/numeric/distance.ts';
import { createRunDistances } from '../../src/numeric/run-distances.ts';
import { createRandom } from '../../src/numeric/random.ts';

function rows(n: number, d: number, seed: number): Float32Array {
  const rng = createRandom(seed);
  // mixed magnitudes, so some distances are tiny and some large
  return Float32Array.from(
    { length: n * d },
    () => (rng.next() * 2 - 1) * 10 ** Math.floor(rng.next() * 4 - 2),
  );
}

test('run distances: float32 distances to a run of rows, within their bound of the exact ones', () => {
  for (const d of [1, 3, 4, 7, 32, 33]) {
    const matrix = rows(40, d, d);
    const queries = rows(5, d, 100 + d);
    const runs = createRunDistances(matrix, 40, d);
    assert.ok(runs, 'this runtime has WebAssembly SIMD');
    assert.ok(runs.low < 1 && runs.low > 0.999, `d=${d}: a tight bound`);
    for (let q = 0; q < 5; q++) {
      for (const [from, to] of [
        [0, 40],
        [3, 10],
        [39, 40],
        [7, 7],
      ] as const) {
        const out: number[] = Array.from(runs.run(queries, q * d, from, to));
        assert.equal(out.length, to - from);
        out.forEach((approx, i) => {
          const exact = sqDist(queries, q * d, matrix, (from + i) * d, d);
          assert.ok(approx * runs.low <= exact, `d=${d}: lower bound ${approx * runs.low} ≤ ${exact}`);
          assert.ok(Math.abs(approx - exact) <= 1e-5 * exact + 1e-30, `d=${d}: ${approx} ≈ ${exact}`);
        });
      }
    }
  }
});

test('run distances: the query is read from any offset of any array, the matrix is copied once', () => {
  const d = 6;
  const matrix = rows(10, d, 1);
  const runs = createRunDistances(matrix, 10, d)!;
  const copy = matrix.slice();
  matrix.fill(0); // later changes to the caller's matrix do not reach the kernel's copy
  const first = Array.from(runs.run(copy, 2 * d, 0, 10));
  assert.equal(first[2], 0, 'a row is at distance 0 from itself');
  assert.ok(first[3]! > 0);
});
