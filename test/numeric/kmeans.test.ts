import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lloyd, kmeansPlusPlus } from '../../src/numeric/kmeans.ts';
import { createRandom } from '../../src/numeric/random.ts';

function blobs(n: number, d: number, centres: number[][], seed: number): Float32Array {
  const rng = createRandom(seed);
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const c = centres[i % centres.length]!;
    for (let j = 0; j < d; j++) out[i * d + j] = c[j]! + (rng.next() - 0.5) * 0.2;
  }
  return out;
}

test('lloyd separates well-separated blobs', () => {
  const centres = [
    [0, 0],
    [10, 10],
    [-10, 10],
  ];
  const data = blobs(300, 2, centres, 1);
  const r = lloyd(data, 300, 2, { k: 3, seed: 42 });
  assert.equal(r.converged, true);
  // rows i, i+3, i+6 came from the same centre and must share a label
  for (let i = 0; i < 297; i++) assert.equal(r.labels[i], r.labels[i + 3]);
  assert.notEqual(r.labels[0], r.labels[1]);
  assert.ok(r.inertia < 300 * 0.02 * 2, `inertia ${r.inertia}`);
});

test('same seed gives identical centroids; another seed may differ', () => {
  const data = blobs(
    500,
    4,
    [
      [0, 0, 0, 0],
      [1, 2, 3, 4],
      [5, 5, 5, 5],
      [9, 0, 9, 0],
    ],
    3,
  );
  const a = lloyd(data, 500, 4, { k: 4, seed: 7 });
  const b = lloyd(data, 500, 4, { k: 4, seed: 7 });
  assert.deepEqual(a.centroids, b.centroids);
  assert.deepEqual(a.labels, b.labels);
});

test('k-means++ picks distinct points when they exist', () => {
  const data = new Float32Array([0, 0, 0, 0, 5, 5, 5, 5]);
  const c = kmeansPlusPlus(data, 4, 2, 2, 1);
  assert.notDeepEqual(Array.from(c.subarray(0, 2)), Array.from(c.subarray(2, 4)));
});

test('all points equal: no NaN, zero inertia', () => {
  const data = new Float32Array(20).fill(3);
  const r = lloyd(data, 10, 2, { k: 3, seed: 1 });
  assert.ok(r.centroids.every((v) => v === 3));
  assert.equal(r.inertia, 0);
});

test('non-finite input names row and column', () => {
  const data = new Float32Array([1, 2, 3, Number.NaN]);
  assert.throws(() => lloyd(data, 2, 2, { k: 1, seed: 1 }), /row 1, column 1/);
});
