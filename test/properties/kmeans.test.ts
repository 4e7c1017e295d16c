/** k-means properties (issue 8) checked with fast-check on random data: the reference Lloyd engine and runKMeans. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { kmeansPlusPlus, lloyd } from '../../src/numeric/kmeans.ts';
import { runKMeans } from '../../src/parallel/kmeans.ts';
import { createRandom } from '../../src/numeric/random.ts';

/** A random n×d matrix (as plain numbers; fast-check shrinks these well). */
const matrix = fc
  .record({
    n: fc.integer({ min: 2, max: 60 }),
    d: fc.integer({ min: 1, max: 5 }),
    k: fc.integer({ min: 1, max: 8 }),
  })
  .chain(({ n, d, k }) =>
    fc
      .array(fc.float({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }), {
        minLength: n * d,
        maxLength: n * d,
      })
      .map((values) => ({ n, d, k, data: Float32Array.from(values) })),
  );

/** Well-separated blobs: k centres 1000 apart along a diagonal, points within ±1 of them. */
const blobs = fc
  .record({
    k: fc.integer({ min: 2, max: 6 }),
    per: fc.integer({ min: 3, max: 12 }),
    d: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
  })
  .chain(({ k, per, d, seed }) =>
    fc
      .array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: k * per * d, maxLength: k * per * d })
      .map((noise) => {
        const n = k * per;
        const data = new Float32Array(n * d);
        for (let i = 0; i < n; i++) {
          for (let j = 0; j < d; j++) data[i * d + j] = Math.floor(i / per) * 1000 + noise[i * d + j]!;
        }
        return { k, n, d, seed, data };
      }),
  );

function sqDistTo(data: Float32Array, i: number, centroids: Float32Array, c: number, d: number): number {
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = data[i * d + j]! - centroids[c * d + j]!;
    s += t * t;
  }
  return s;
}

/** True when two labelings induce the same partition (equal up to renaming labels). */
function samePartition(a: Int32Array, b: Int32Array): boolean {
  const ab = new Map<number, number>();
  const ba = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if ((ab.get(x) ?? y) !== y || (ba.get(y) ?? x) !== x) return false;
    ab.set(x, y);
    ba.set(y, x);
  }
  return true;
}

/** The rows of `data` in a seeded random order: permuted row `to` is original row `order[to]`. */
function permuteRows(data: Float32Array, n: number, d: number, seed: number) {
  const order = Array.from({ length: n }, (_, i) => i);
  let s = seed;
  for (let i = n - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const permuted = new Float32Array(n * d);
  order.forEach((from, to) => permuted.set(data.subarray(from * d, from * d + d), to * d));
  return { order, permuted };
}

test('lloyd: inertia never rises across iterations from the same init', () => {
  fc.assert(
    fc.property(matrix, fc.integer({ min: 0, max: 2 ** 31 - 1 }), ({ n, d, k, data }, seed) => {
      const initial = kmeansPlusPlus(data, n, d, Math.min(k, n), seed);
      let previous = Infinity;
      for (let m = 1; m <= 12; m++) {
        const r = lloyd(data, n, d, { k, seed, maxIter: m, tol: 0, initial: initial.slice() });
        // Float32 centroids: allow a rounding-sized rise only.
        assert.ok(
          r.inertia <= previous * (1 + 1e-5) + 1e-6,
          `inertia rose at iteration ${m}: ${previous} → ${r.inertia}`,
        );
        previous = r.inertia;
      }
    }),
    { numRuns: 150, seed: 8 },
  );
});

test('lloyd: at convergence every point is assigned to its nearest centroid', () => {
  fc.assert(
    fc.property(matrix, fc.integer({ min: 0, max: 2 ** 31 - 1 }), ({ n, d, k, data }, seed) => {
      const r = lloyd(data, n, d, { k, seed, tol: 0 });
      for (let i = 0; i < n; i++) {
        const own = sqDistTo(data, i, r.centroids, r.labels[i]!, d);
        for (let c = 0; c < r.k; c++) {
          const other = sqDistTo(data, i, r.centroids, c, d);
          assert.ok(own <= other * (1 + 1e-5) + 1e-6, `row ${i} is in ${r.labels[i]} but ${c} is nearer`);
        }
        assert.ok(Math.abs(r.distances[i]! - Math.sqrt(own)) <= 1e-3 * (1 + Math.sqrt(own)));
      }
    }),
    { numRuns: 150, seed: 9 },
  );
});

test('lloyd: same seed gives a byte-identical result', () => {
  fc.assert(
    fc.property(matrix, fc.integer({ min: 0, max: 2 ** 31 - 1 }), ({ n, d, k, data }, seed) => {
      const a = lloyd(data, n, d, { k, seed });
      const b = lloyd(data.slice(), n, d, { k, seed });
      assert.deepEqual(Buffer.from(b.centroids.buffer), Buffer.from(a.centroids.buffer));
      assert.deepEqual(b.labels, a.labels);
      assert.equal(b.inertia, a.inertia);
    }),
    { numRuns: 100, seed: 10 },
  );
});

test('lloyd: a row permutation gives the same clustering up to labels on well-separated data', () => {
  fc.assert(
    fc.property(blobs, fc.integer({ min: 0, max: 1_000_000 }), ({ k, n, d, seed, data }, shuffleSeed) => {
      const { order, permuted } = permuteRows(data, n, d, shuffleSeed);
      // nInit-free lloyd can land in a local optimum; k-means++ on blobs 1000 apart finds one centre per blob.
      const a = lloyd(data, n, d, { k, seed });
      const b = lloyd(permuted, n, d, { k, seed: seed + 1 });
      const back = new Int32Array(n);
      order.forEach((from, to) => (back[from] = b.labels[to]!));
      assert.ok(samePartition(a.labels, back), 'the permuted clustering differs');
      assert.equal(new Set(a.labels).size, k, 'one cluster per blob');
    }),
    { numRuns: 100, seed: 11 },
  );
});

test('runKMeans (every exact algorithm) agrees with lloyd from the same init', async () => {
  await fc.assert(
    fc.asyncProperty(matrix, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async ({ n, d, k, data }, seed) => {
      const kk = Math.min(k, n);
      const initial = kmeansPlusPlus(data, n, d, kk, seed);
      const reference = lloyd(data, n, d, { k, seed, tol: 0, initial: initial.slice() });
      for (const algorithm of ['lloyd', 'hamerly'] as const) {
        const r = await runKMeans(data, n, d, {
          k,
          seed,
          threads: 1,
          algorithm,
          tol: 0,
          initial: initial.slice(),
        });
        assert.ok(
          r.inertia <= reference.inertia * (1 + 1e-4) + 1e-4 &&
            r.inertia >= reference.inertia * (1 - 1e-4) - 1e-4,
          `${algorithm}: inertia ${r.inertia} vs lloyd ${reference.inertia}`,
        );
        for (let i = 0; i < n; i++) {
          const own = sqDistTo(data, i, r.centroids, r.labels[i]!, d);
          for (let c = 0; c < r.k; c++)
            assert.ok(own <= sqDistTo(data, i, r.centroids, c, d) * (1 + 1e-5) + 1e-6);
        }
      }
    }),
    { numRuns: 60, seed: 12 },
  );
});

test('runKMeans: the same seed gives a byte-identical result', async () => {
  await fc.assert(
    fc.asyncProperty(matrix, fc.integer({ min: 0, max: 2 ** 31 - 1 }), async ({ n, d, k, data }, seed) => {
      const one = await runKMeans(data, n, d, { k, seed, threads: 1 });
      const again = await runKMeans(data.slice(), n, d, { k, seed, threads: 1 });
      assert.deepEqual(Buffer.from(again.centroids.buffer), Buffer.from(one.centroids.buffer));
      assert.deepEqual(again.labels, one.labels);
      assert.equal(again.inertia, one.inertia);
    }),
    { numRuns: 50, seed: 13 },
  );
});

test('runKMeans: 1, 2 or 3 threads give a byte-identical result (matrices of several 16k-row blocks)', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.record({
        n: fc.integer({ min: 16_385, max: 50_000 }),
        d: fc.integer({ min: 1, max: 6 }),
        k: fc.integer({ min: 2, max: 24 }),
        seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
      }),
      async ({ n, d, k, seed }) => {
        const rng = createRandom(seed);
        const data = Float32Array.from({ length: n * d }, () => rng.next() * 200 - 100);
        const one = await runKMeans(data, n, d, { k, seed, threads: 1 });
        for (const threads of [2, 3]) {
          const many = await runKMeans(data, n, d, { k, seed, threads });
          assert.deepEqual(Buffer.from(many.centroids.buffer), Buffer.from(one.centroids.buffer));
          assert.deepEqual(many.labels, one.labels, `${threads} threads: labels differ`);
          assert.equal(many.inertia, one.inertia);
        }
      },
    ),
    { numRuns: 4, seed: 15 },
  );
});

test('runKMeans: a row permutation gives the same clustering up to labels on well-separated data', async () => {
  await fc.assert(
    fc.asyncProperty(
      blobs,
      fc.integer({ min: 0, max: 1_000_000 }),
      async ({ k, n, d, seed, data }, shuffleSeed) => {
        const { order, permuted } = permuteRows(data, n, d, shuffleSeed);
        const a = await runKMeans(data, n, d, { k, seed, threads: 1 });
        const b = await runKMeans(permuted, n, d, { k, seed: seed + 1, threads: 1 });
        const back = new Int32Array(n);
        order.forEach((from, to) => (back[from] = b.labels[to]!));
        assert.ok(samePartition(a.labels, back), 'the permuted clustering differs');
        assert.equal(new Set(a.labels).size, k, 'one cluster per blob');
      },
    ),
    { numRuns: 60, seed: 14 },
  );
});
