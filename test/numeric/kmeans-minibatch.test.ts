import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matrixChunks, miniBatchKMeans, type ChunkReader } from '../../src/numeric/kmeans-minibatch.ts';
import { lloyd } from '../../src/numeric/kmeans.ts';
import { createRandom } from '../../src/numeric/random.ts';
import { runKMeans } from '../../src/parallel/kmeans.ts';

/** Gaussian-ish blobs (sum of uniforms) around `centres` random centres in [0, 20]^d. */
function blobs(n: number, d: number, centres: number, seed: number): Float32Array {
  const rng = createRandom(seed);
  const c = Float64Array.from({ length: centres * d }, () => rng.next() * 20);
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const o = rng.int(centres) * d;
    for (let j = 0; j < d; j++) out[i * d + j] = c[o + j]! + (rng.next() + rng.next() + rng.next() - 1.5);
  }
  return out;
}

/** A reader handing out rows in chunks of varying size, as a file reader would. */
function ragged(data: Float32Array, n: number, d: number, sizes: number[]): ChunkReader {
  let at = 0;
  let turn = 0;
  return {
    reset: () => void ((at = 0), (turn = 0)),
    next: async () => {
      if (at >= n) return undefined;
      const end = Math.min(n, at + sizes[turn++ % sizes.length]!);
      const chunk = data.slice(at * d, end * d);
      at = end;
      return chunk;
    },
  };
}

test('mini-batch on blobs lands within 1% of full Lloyd from k-means++ (best of 3 Lloyd seeds)', async () => {
  const n = 30000;
  const d = 6;
  const data = blobs(n, d, 8, 4);
  const exact = Math.min(...[1, 2, 3].map((seed) => lloyd(data, n, d, { k: 8, seed }).inertia));
  const mb = await miniBatchKMeans(matrixChunks(data, n, d), d, { k: 8, seed: 5 });
  assert.equal(mb.labels.length, n);
  assert.ok(mb.inertia <= exact * 1.01, `mini-batch ${mb.inertia} vs Lloyd ${exact}`);
  // reported figures are consistent with the centres
  let check = 0;
  for (let i = 0; i < n; i++) check += mb.distances[i]! ** 2;
  assert.ok(Math.abs(check - mb.inertia) / mb.inertia < 1e-5);
});

test('mini-batch result depends on rows and seed, not on how the reader chunks them', async () => {
  const n = 9000;
  const d = 3;
  const data = blobs(n, d, 5, 8);
  const a = await miniBatchKMeans(matrixChunks(data, n, d, 4096), d, { k: 5, seed: 2, batchSize: 500 });
  const b = await miniBatchKMeans(ragged(data, n, d, [1, 777, 3000, 13]), d, {
    k: 5,
    seed: 2,
    batchSize: 500,
  });
  assert.deepEqual(b.centroids, a.centroids);
  assert.deepEqual(b.labels, a.labels);
  assert.equal(b.inertia, a.inertia);
  const c = await miniBatchKMeans(matrixChunks(data, n, d), d, { k: 5, seed: 3, batchSize: 500 });
  assert.notDeepEqual(c.centroids, a.centroids);
});

test('mini-batch edge cases: n < k, all rows equal, k = 1, d = 1, a zero-variance column', async () => {
  const few = await miniBatchKMeans(matrixChunks(new Float32Array([0, 0, 1, 1, 5, 5]), 3, 2), 2, {
    k: 10,
    seed: 1,
  });
  assert.equal(few.k, 3);
  assert.equal(few.inertia, 0);
  assert.deepEqual([...few.labels].sort(), [0, 1, 2]);

  const same = await miniBatchKMeans(matrixChunks(new Float32Array(400).fill(2), 200, 2), 2, {
    k: 4,
    seed: 1,
  });
  assert.equal(same.inertia, 0);
  assert.ok(same.centroids.every((v) => v === 2));

  const data = blobs(5000, 3, 4, 6);
  for (let i = 0; i < 5000; i++) data[i * 3 + 1] = 7;
  const one = await miniBatchKMeans(matrixChunks(data, 5000, 3), 3, { k: 1, seed: 1 });
  assert.ok(one.labels.every((l) => l === 0));
  for (let j = 0; j < 3; j++) {
    let mean = 0;
    for (let i = 0; i < 5000; i++) mean += data[i * 3 + j]! / 5000;
    assert.ok(Math.abs(one.centroids[j]! - mean) < 1e-3, `column ${j}: ${one.centroids[j]} vs ${mean}`);
  }
  const flat = await miniBatchKMeans(matrixChunks(data, 5000, 3), 3, { k: 4, seed: 1 });
  for (let c = 0; c < 4; c++) assert.equal(flat.centroids[c * 3 + 1], 7);

  const line = Float32Array.from({ length: 2000 }, (_, i) => (i % 2 ? 100 : 0) + (i % 7) / 10);
  const oned = await miniBatchKMeans(matrixChunks(line, 2000, 1), 1, { k: 2, seed: 1 });
  assert.notEqual(oned.labels[0], oned.labels[1]);
  assert.equal(oned.labels[0], oned.labels[2]);
});

test('mini-batch names the row and column of a non-finite value, counted across chunks', async () => {
  const data = blobs(3000, 4, 3, 1);
  data[2100 * 4 + 3] = Number.NaN;
  await assert.rejects(
    miniBatchKMeans(ragged(data, 3000, 4, [1000, 999]), 4, { k: 3, seed: 1 }),
    /row 2100, column 3/,
  );
  await assert.rejects(
    miniBatchKMeans(ragged(data, 3000, 4, [1]), 5, { k: 3, seed: 1 }),
    /not whole rows of 5/,
  );
});

test('runKMeans --algorithm minibatch runs the mini-batch engine', async () => {
  const n = 20000;
  const data = blobs(n, 4, 6, 3);
  const r = await runKMeans(data, n, 4, { k: 6, seed: 4, algorithm: 'minibatch' });
  assert.equal(r.algorithm, 'minibatch');
  const exact = await runKMeans(data, n, 4, { k: 6, seed: 4, threads: 1, nInit: 3 });
  assert.ok(r.inertia <= exact.inertia * 1.01, `${r.inertia} vs ${exact.inertia}`);
});
