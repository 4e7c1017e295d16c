import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqDist, sqDistBelow } from '../../src/numeric/distance.ts';
import { createRandom } from '../../src/numeric/random.ts';

function rows(n: number, d: number): Float32Array {
  const rng = createRandom(7);
  return Float32Array.from({ length: n * d }, () => rng.next() * 2 - 1);
}

test('sqDistBelow is exactly sqDist below the limit, and at least the limit above it', () => {
  for (const d of [1, 3, 4, 7, 32, 33]) {
    const data = rows(20, d);
    for (let a = 0; a < 20; a++) {
      for (let b = 0; b < 20; b++) {
        const full = sqDist(data, a * d, data, b * d, d);
        assert.equal(
          sqDistBelow(data, a * d, data, b * d, d, Infinity),
          full,
          `d=${d}: same sums, same order`,
        );
        assert.equal(sqDistBelow(data, a * d, data, b * d, d, full * 1.0001 + 1e-9), full);
        if (full > 0) assert.ok(sqDistBelow(data, a * d, data, b * d, d, full / 2) >= full / 2);
      }
    }
  }
});

test('sqDistBelow stops early: a limit of zero reads no more than one block', () => {
  const a = Float32Array.from({ length: 8 }, (_, i) => i + 1);
  const b = new Float32Array(8);
  // the first block of four alone: 1 + 4 + 9 + 16
  assert.equal(sqDistBelow(a, 0, b, 0, 8, 1), 30);
  assert.equal(sqDistBelow(a, 0, b, 0, 8, 31), sqDist(a, 0, b, 0, 8));
});
