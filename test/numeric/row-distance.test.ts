import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqDist } from '../../src/numeric/distance.ts';
import { createRandom } from '../../src/numeric/random.ts';
import { oneHotBlock, popcount, rowDistance } from '../../src/numeric/row-distance.ts';

/** n rows: `width` one-hot columns holding 0 or c, then `rest` numbers in [0, 1). */
function matrix(n: number, width: number, rest: number, c: number, seed = 1): Float32Array {
  const rng = createRandom(seed);
  const d = width + rest;
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < width; j++) out[i * d + j] = rng.next() < 0.2 ? c : 0;
    for (let j = width; j < d; j++) out[i * d + j] = rng.next();
  }
  return out;
}

test('the one-hot shortcut is bit-identical to the plain sum, for any common value', () => {
  for (const [width, c] of [
    [28, 1],
    [28, 0.37],
    [32, 2.5],
    [6, 1e-3],
  ] as const) {
    const n = 300;
    const d = width + 4;
    const f = matrix(n, width, 4, c);
    assert.equal(oneHotBlock(f, n, d).width, width);
    const dist = rowDistance(f, n, d);
    for (let a = 0; a < n; a += 7) {
      for (let b = 0; b < n; b += 3) {
        assert.equal(dist(a, b), sqDist(f, a * d, f, b * d, d), `width ${width}, c ${c}, rows ${a}, ${b}`);
      }
    }
  }
});

test('the block stops at the first column with another value, a negative or a second value', () => {
  const n = 50;
  const d = 8;
  const f = matrix(n, 5, 3, 1, 2);
  assert.equal(oneHotBlock(f, n, d).width, 5);
  const negative = f.slice();
  negative[3 * d + 2] = -1; // column 2 now holds −1
  assert.equal(oneHotBlock(negative, n, d).width, 2);
  const other = f.slice();
  other[4 * d + 1] = 0.5; // column 1 holds 1 and 0.5
  assert.equal(oneHotBlock(other, n, d).width, 1);
  assert.equal(oneHotBlock(new Float32Array(n * d), n, d).width, 0, 'all zeros: no block');
  // no block (uniform noise): the plain sum
  const noise = matrix(n, 0, d, 1, 3);
  const dist = rowDistance(noise, n, d);
  assert.equal(dist(1, 2), sqDist(noise, d, noise, 2 * d, d));
});

test('popcount counts the set bits of 32-bit values', () => {
  assert.equal(popcount(0), 0);
  assert.equal(popcount(0b1011), 3);
  assert.equal(popcount(0xffffffff | 0), 32);
});
