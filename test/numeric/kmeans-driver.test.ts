import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateBuffers, viewBuffers } from '../../src/numeric/kmeans-buffers.ts';
import { driveKMeans, inlineRunner, type ExactAlgorithm } from '../../src/numeric/kmeans-driver.ts';
import { kmeansPlusPlus, lloyd } from '../../src/numeric/kmeans.ts';
import { greedyKMeansPlusPlus } from '../../src/numeric/kmeans-init.ts';
import { seedSampleSize } from '../../src/numeric/kmeans-parallel-init.ts';
import { sortedScans } from '../../src/numeric/kmeans-hamerly.ts';
import { createRandom } from '../../src/numeric/random.ts';

/** Overlapping uniform blobs, so boundaries are contested and the bounds actually get tested. */
function blobs(n: number, d: number, centres: number, spread: number, seed: number): Float32Array {
  const rng = createRandom(seed);
  const c = Float64Array.from({ length: centres * d }, () => rng.next() * 10);
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const o = rng.int(centres) * d;
    for (let j = 0; j < d; j++) out[i * d + j] = c[o + j]! + (rng.next() - 0.5) * spread;
  }
  return out;
}

async function engine(
  data: Float32Array,
  n: number,
  d: number,
  k: number,
  algorithm: ExactAlgorithm,
  extra = {},
) {
  const sorted = algorithm === 'hamerly' && sortedScans(k);
  const b = viewBuffers(allocateBuffers(data, n, d, Math.min(k, n), false, sorted));
  return driveKMeans(b, inlineRunner(b), { seed: 3, algorithm, ...extra });
}

for (const algorithm of ['lloyd', 'hamerly'] as const) {
  for (const [n, d, k] of [
    [40000, 8, 12],
    [20000, 5, 40],
  ] as const) {
    test(`${algorithm} reaches the reference Lloyd result from the same centres (n=${n}, d=${d}, k=${k})`, async () => {
      const data = blobs(n, d, 15, 4, 11);
      const initial = kmeansPlusPlus(data, n, d, k, 5);
      const ref = lloyd(data, n, d, { k, seed: 0, initial });
      const got = await engine(data, n, d, k, algorithm, { initial });
      assert.ok(ref.iterations > 3, `the data should need several iterations (${ref.iterations})`);
      assert.equal(got.iterations, ref.iterations);
      let differ = 0;
      for (let i = 0; i < n; i++) if (got.labels[i] !== ref.labels[i]) differ++;
      assert.equal(differ, 0, `${differ} labels differ`);
      for (let j = 0; j < k * d; j++) assert.ok(Math.abs(got.centroids[j]! - ref.centroids[j]!) < 1e-4);
      assert.ok(Math.abs(got.inertia - ref.inertia) / ref.inertia < 1e-6, `${got.inertia} vs ${ref.inertia}`);
      for (let i = 0; i < n; i += 97) assert.ok(Math.abs(got.distances[i]! - ref.distances[i]!) < 1e-4);
    });
  }
}

test('greedy k-means++ is seeded and nInit keeps the lowest inertia', async () => {
  const n = 5000;
  const data = blobs(n, 3, 8, 6, 2);
  const a = await engine(data, n, 3, 8, 'hamerly');
  const b = await engine(data, n, 3, 8, 'hamerly');
  assert.deepEqual(a.centroids, b.centroids);
  const many = await engine(data, n, 3, 8, 'hamerly', { nInit: 4 });
  assert.ok(many.inertia <= a.inertia, `${many.inertia} > ${a.inertia}`);
});

test('edge cases: n < k, duplicates, all equal, zero-variance column, k = 1, d = 1', async () => {
  for (const algorithm of ['hamerly'] as const) {
    const few = await engine(new Float32Array([0, 0, 1, 1, 5, 5]), 3, 2, 30, algorithm);
    assert.equal(few.k, 3);
    assert.equal(few.inertia, 0);
    assert.deepEqual([...few.labels].sort(), [0, 1, 2]);

    const dup = new Float32Array(200).fill(0);
    for (let i = 50; i < 100; i++) dup.set([7, 7], i * 2);
    const two = await engine(dup, 100, 2, 3, algorithm);
    assert.equal(two.inertia, 0);
    assert.ok([...two.centroids].every(Number.isFinite));
    assert.notEqual(two.labels[0], two.labels[99]);

    const same = await engine(new Float32Array(40).fill(2), 20, 2, 4, algorithm);
    assert.equal(same.inertia, 0);
    assert.ok(same.centroids.every((v) => v === 2));

    const flat = blobs(3000, 3, 4, 1, 9);
    for (let i = 0; i < 3000; i++) flat[i * 3 + 1] = 4;
    const z = await engine(flat, 3000, 3, 4, algorithm);
    for (let c = 0; c < 4; c++) assert.equal(z.centroids[c * 3 + 1], 4);

    const one = await engine(flat, 3000, 3, 1, algorithm);
    assert.equal(one.iterations, 2);
    assert.ok(one.labels.every((l) => l === 0));

    const line = Float32Array.from({ length: 1000 }, (_, i) => (i < 500 ? i / 500 : 100 + i / 500));
    const oned = await engine(line, 1000, 1, 2, algorithm);
    assert.notEqual(oned.labels[0], oned.labels[999]);
    assert.equal(oned.labels[0], oned.labels[499]);
  }
});

test('Hamerly started from greedy k-means++ bounds ends exactly where a full first scan does', async () => {
  const n = 40000;
  const d = 7;
  const data = blobs(n, d, 15, 4, 21);
  for (const k of [2, 9, 16]) {
    const seeded = await engine(data, n, d, k, 'hamerly', { init: 'greedy' });
    // the same centres given as `initial` take the plain path: full scan first
    const b = viewBuffers(allocateBuffers(data, n, d, k, false));
    await greedyKMeansPlusPlus(b, inlineRunner(b), 3);
    const plain = await engine(data, n, d, k, 'hamerly', { initial: b.centroids.slice() });
    assert.equal(seeded.iterations, plain.iterations, `k=${k}`);
    assert.deepEqual(seeded.labels, plain.labels, `k=${k}`);
    assert.deepEqual(seeded.centroids, plain.centroids, `k=${k}`);
  }
});

test('k-means|| seeding: seeded, k distinct centres, as good as greedy k-means++ on blobs', async () => {
  const n = 30000;
  const data = blobs(n, 4, 10, 3, 5);
  const a = await engine(data, n, 4, 10, 'hamerly', { init: 'parallel' });
  const b = await engine(data, n, 4, 10, 'hamerly', { init: 'parallel' });
  assert.deepEqual(a.centroids, b.centroids);
  const seen = new Set<string>();
  for (let c = 0; c < 10; c++) seen.add(a.centroids.subarray(c * 4, c * 4 + 4).join());
  assert.equal(seen.size, 10);
  // one run of either lands in some local optimum: compare the best of five restarts each
  const greedy = await engine(data, n, 4, 10, 'hamerly', { init: 'greedy', nInit: 5 });
  const parallel = await engine(data, n, 4, 10, 'hamerly', { init: 'parallel', nInit: 5 });
  assert.ok(parallel.inertia <= greedy.inertia * 1.01, `${parallel.inertia} vs ${greedy.inertia}`);
  // fewer distinct rows than k: falls back to greedy k-means++ and still finishes
  const two = new Float32Array(2000);
  for (let i = 1000; i < 2000; i++) two[i] = 5;
  const few = await engine(two, 1000, 2, 4, 'hamerly', { init: 'parallel' });
  assert.equal(few.inertia, 0);
});

test('k-means|| above seedSampleSize seeds from a sample: seeded, and as good as greedy k-means++', async () => {
  const n = 90000;
  assert.ok(seedSampleSize(n, 10) < n);
  const data = blobs(n, 4, 10, 3, 6);
  const a = await engine(data, n, 4, 10, 'hamerly', { init: 'parallel' });
  const b = await engine(data, n, 4, 10, 'hamerly', { init: 'parallel' });
  assert.deepEqual(a.centroids, b.centroids);
  const greedy = await engine(data, n, 4, 10, 'hamerly', { init: 'greedy', nInit: 4 });
  const parallel = await engine(data, n, 4, 10, 'hamerly', { init: 'parallel', nInit: 4 });
  assert.ok(parallel.inertia <= greedy.inertia * 1.01, `${parallel.inertia} vs ${greedy.inertia}`);
});
