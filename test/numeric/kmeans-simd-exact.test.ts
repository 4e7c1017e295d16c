/**
 * The WebAssembly block kernels that stand in for float64 JS loops must give the very same numbers
 * (bit for bit), so switching them in changes no result.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allocateBuffers, viewBuffers, type KMeansBuffers } from '../../src/numeric/kmeans-buffers.ts';
import {
  addSums,
  f32Slack,
  lowerFromF32,
  momentRows,
  ownDistances,
  roundDown,
  roundUp,
  sqDistance,
  upperFromF32,
} from '../../src/numeric/kmeans-block-math.ts';
import { driveKMeans, inlineRunner, type ExactAlgorithm } from '../../src/numeric/kmeans-driver.ts';
import { sortedScans } from '../../src/numeric/kmeans-hamerly.ts';
import { createSimdDistances, SIMD_ROWS } from '../../src/numeric/kmeans-simd.ts';
import { kmeansPlusPlus } from '../../src/numeric/kmeans.ts';
import { createRandom } from '../../src/numeric/random.ts';

const DIMS = [1, 3, 4, 5, 16, 18, 48];

/** Values over many magnitudes, so float64 rounding differences would show. */
function matrix(n: number, d: number, seed: number): Float32Array {
  const rng = createRandom(seed);
  return Float32Array.from({ length: n * d }, () => (rng.next() - 0.3) * 10 ** (rng.int(7) - 3));
}

function buffers(data: Float32Array, n: number, d: number, k: number): KMeansBuffers {
  return viewBuffers(allocateBuffers(data, n, d, k, false));
}

test('moments, partial sums and own distances equal the float64 JS kernels bit for bit', () => {
  const rng = createRandom(4);
  for (const d of DIMS) {
    const n = 2 * SIMD_ROWS + 37;
    const k = 7;
    const data = matrix(n, d, d);
    const b = buffers(data, n, d, k);
    for (let i = 0; i < n; i++) b.labels[i] = rng.int(k);
    b.centroids.set(matrix(k, d, 100 + d));
    const simd = createSimdDistances(d, k)!;
    const accJs = new Float64Array(2 * d);
    const acc = new Float64Array(2 * d);
    simd.beginMoments(data);
    simd.beginSums(k);
    simd.setCentres(b.centroids, 0, k);
    const lowerJs = new Float32Array(n);
    let inertia = 0;
    let inertiaJs = 0;
    for (let s = 0; s < n; s += SIMD_ROWS) {
      const rows = Math.min(SIMD_ROWS, n - s);
      momentRows(b, s, s + rows, accJs);
      simd.moments(data, s, rows);
      addSums(b, 0, s, s + rows);
      simd.sums(data, s, rows, b.labels);
      inertia += simd.own(data, s, rows, b.labels, b.lower);
      lowerJs.set(b.lower.subarray(s, s + rows), s);
      inertiaJs += ownDistances(b, s, s + rows);
    }
    simd.momentsInto(acc);
    assert.deepEqual(acc, accJs, `moments, d=${d}`);
    const sums = new Float64Array(k * d);
    const counts = new Float64Array(k);
    simd.sumsInto(sums, 0, counts, 0);
    assert.deepEqual(sums, b.sums.subarray(0, k * d), `sums, d=${d}`);
    assert.deepEqual(counts, b.counts.subarray(0, k), `counts, d=${d}`);
    assert.equal(inertia, inertiaJs, `inertia, d=${d}`);
    assert.deepEqual(lowerJs, b.lower, `own distances, d=${d}`);
  }
});

test('nearest and settle: the two nearest, ties to the lowest index, bounds as upperFromF32/lowerFromF32', () => {
  const rng = createRandom(8);
  const d = 5;
  const k = 9;
  const rows = 600;
  const data = Float32Array.from({ length: rows * d }, () => rng.int(3)); // small integers: many ties
  const centres = Float32Array.from({ length: k * d }, () => rng.int(3));
  const simd = createSimdDistances(d, k)!;
  simd.setCentres(centres, 0, k);
  simd.distances(data, 0, rows);
  simd.nearest(rows);
  const slack = f32Slack(d);
  const labels = Int32Array.from({ length: rows }, () => rng.int(k));
  const before = labels.slice();
  const upper = new Float32Array(rows).fill(-1);
  const lower = new Float32Array(rows).fill(-1);
  const changed = simd.settle(labels, upper, lower, 0, rows, slack);
  const ambiguous = new Set(simd.ambiguous.subarray(1, 1 + simd.ambiguous[0]!));
  let expectChanged = 0;
  for (let r = 0; r < rows; r++) {
    const v = Array.from(simd.out.subarray(r * k, r * k + k));
    const sorted = [...v].sort((x, y) => x - y);
    assert.equal(simd.nearIndex[3 * r], v.indexOf(sorted[0]!));
    assert.equal(simd.near[3 * r + 1], sorted[0]);
    assert.equal(simd.near[3 * r + 2], sorted[1]);
    const hi = upperFromF32(sorted[0]!, slack);
    const lo = lowerFromF32(sorted[1]!, slack);
    if (lo > hi) {
      assert.ok(!ambiguous.has(r));
      assert.equal(labels[r], v.indexOf(sorted[0]!));
      assert.equal(upper[r], Math.fround(hi));
      assert.equal(lower[r], Math.fround(lo));
      if (labels[r] !== before[r]) expectChanged++;
    } else {
      assert.ok(ambiguous.has(r), `row ${r} is a near tie`);
      assert.equal(labels[r], before[r]);
    }
  }
  assert.ok(ambiguous.size > 0 && ambiguous.size < rows);
  assert.equal(changed, expectChanged);
});

test("bounds: Hamerly's test on moved bounds, the same float64 operations as the JS loop", () => {
  const rng = createRandom(12);
  const k = 6;
  const rows = 900;
  const start = 50;
  const n = start + rows;
  const labels = Int32Array.from({ length: n }, () => rng.int(k));
  const upper = Float32Array.from({ length: n }, () => rng.next() * 3);
  const lower = Float32Array.from({ length: n }, () => rng.next() * 4);
  const half = Float64Array.from({ length: k }, () => rng.next() * 2);
  const shift = Float64Array.from({ length: k }, () => rng.next() * 0.3);
  const shiftMax = Float64Array.from([0.3, 2, 0.25]);
  const [u0, l0] = [upper.slice(), lower.slice()];
  const simd = createSimdDistances(3, k)!;
  simd.setShifts(half, shift, k);
  const list = new Int32Array(SIMD_ROWS);
  const m = simd.bounds(labels, upper, lower, start, rows, shiftMax, list);
  const expected: number[] = [];
  for (let i = start; i < n; i++) {
    const a = labels[i]!;
    const u = u0[i]! + shift[a]!;
    const l = l0[i]! - (a === 2 ? 0.25 : 0.3);
    if (u > Math.max(half[a]!, l)) {
      expected.push(i);
      assert.equal(upper[i], u0[i]);
      assert.equal(lower[i], l0[i]);
    } else {
      assert.equal(upper[i], Math.fround(roundUp(u)));
      assert.equal(lower[i], Math.fround(roundDown(l)));
    }
  }
  assert.deepEqual(Array.from(list.subarray(0, m)), expected);
  assert.ok(m > 0 && m < rows);
  assert.deepEqual(upper.subarray(0, start), u0.subarray(0, start), 'rows outside the range untouched');
});

for (const [algorithm, k] of [
  ['hamerly', 8],
  ['hamerly', 12],
] as const) {
  test(`${algorithm}, k=${k}: the WebAssembly kernels and the JS ones give identical fits`, async () => {
    const d = 7;
    const n = 30_000;
    const rng = createRandom(21);
    const centres = Float64Array.from({ length: 15 * d }, () => rng.next() * 10);
    const data = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      const o = rng.int(15) * d;
      for (let j = 0; j < d; j++) data[i * d + j] = centres[o + j]! + (rng.next() - 0.5) * 4;
    }
    const initial = kmeansPlusPlus(data, n, d, k, 5); // seeding differs (float32 SIMD), so start alike
    const fit = async (simd: boolean) => {
      const b = allocate(data, n, d, k, algorithm);
      if (!simd) b.simd = null;
      const r = await driveKMeans(b, inlineRunner(b), { seed: 2, algorithm, initial });
      return {
        ...r,
        labels: r.labels.slice(),
        distances: r.distances.slice(),
        centroids: r.centroids.slice(),
      };
    };
    const [withSimd, without] = [await fit(true), await fit(false)];
    assert.ok(withSimd.iterations > 3);
    assert.equal(withSimd.iterations, without.iterations);
    assert.equal(withSimd.inertia, without.inertia);
    assert.deepEqual(withSimd.labels, without.labels);
    assert.deepEqual(withSimd.centroids, without.centroids);
    assert.deepEqual(withSimd.distances, without.distances);
  });
}

function allocate(data: Float32Array, n: number, d: number, k: number, algorithm: ExactAlgorithm) {
  return viewBuffers(allocateBuffers(data, n, d, k, false, algorithm === 'hamerly' && sortedScans(k)));
}

test('k-means++ steps in the module: candidate potentials and a committed centre, as the JS loops', () => {
  const rng = createRandom(31);
  const d = 6;
  const rows = 700;
  const data = Float32Array.from({ length: rows * d }, () => rng.int(5)); // ties between distances
  const candidates = Float32Array.from({ length: 5 * d }, () => rng.int(5));
  const best = Float32Array.from({ length: rows }, () => rng.int(40));
  const second = Float32Array.from(best, (v) => v + rng.int(3));
  const labels = Int32Array.from({ length: rows }, () => rng.int(4));
  const simd = createSimdDistances(d, 5)!;
  simd.setCentres(candidates, 0, 5);
  simd.beginPotentials();
  simd.distances(data, 0, 300);
  simd.addPotentials(best, 0, 300);
  simd.distances(data, 300, rows - 300);
  simd.addPotentials(best, 300, rows - 300);
  const got = new Float64Array(5);
  simd.potentialsInto(got);
  const expected = new Float64Array(5);
  for (let i = 0; i < rows; i++) {
    for (let t = 0; t < 5; t++) {
      const v = Math.fround(sqDistance(data, i * d, candidates, t * d, d)); // small integers: exact
      expected[t]! += v < best[i]! ? v : best[i]!;
    }
  }
  assert.deepEqual(got, expected);

  simd.setCentres(candidates, 2, 1);
  simd.distances(data, 0, rows);
  const [b0, s0, l0] = [best.slice(), second.slice(), labels.slice()];
  const potential = simd.commit(best, second, labels, 0, rows, 7);
  let expectPotential = 0;
  for (let i = 0; i < rows; i++) {
    const v = simd.out[i]!;
    if (v < b0[i]!) {
      assert.deepEqual([best[i], second[i], labels[i]], [v, b0[i], 7]);
    } else {
      assert.deepEqual([best[i], second[i], labels[i]], [b0[i], v < s0[i]! ? v : s0[i], l0[i]]);
    }
    expectPotential += best[i]!;
  }
  assert.equal(potential, expectPotential);
  assert.ok(labels.some((l) => l === 7) && labels.some((l) => l !== 7));
});

test('listed rows: gathered in the module as copied from JS, and settled in place of the chunk', () => {
  const rng = createRandom(40);
  for (const d of [5, 16]) {
    const k = 7;
    const n = 3000;
    const start = 1200;
    const rows = 900;
    const data = matrix(n, d, 50 + d);
    const simd = createSimdDistances(d, k)!;
    simd.setCentres(matrix(k, d, 60 + d), 0, k);
    const list = Int32Array.from({ length: 300 }, (_, r) => start + r * 3 + rng.int(3));
    simd.distancesOf(data, list, 300);
    const fromJs = simd.out.slice(0, 300 * k);
    simd.distancesOfChunk(data, start, rows, list, 300);
    assert.deepEqual(simd.out.subarray(0, 300 * k), fromJs, `d=${d}`);
    simd.nearest(300);
    const slack = f32Slack(d);
    const labels = Int32Array.from({ length: n }, () => rng.int(k));
    const upper = Float32Array.from({ length: n }, () => rng.next());
    const lower = Float32Array.from({ length: n }, () => rng.next());
    const [l0, u0, w0] = [labels.slice(), upper.slice(), lower.slice()];
    simd.settle(labels, upper, lower, start, rows, slack, list, 300);
    const ambiguous = new Set(simd.ambiguous.subarray(1, 1 + simd.ambiguous[0]!));
    const listed = new Set(list);
    for (let i = 0; i < n; i++) {
      if (!listed.has(i) || ambiguous.has(i - start)) {
        assert.deepEqual([labels[i], upper[i], lower[i]], [l0[i], u0[i], w0[i]], `row ${i} untouched`);
        continue;
      }
      const r = list.indexOf(i);
      assert.equal(labels[i], simd.nearIndex[3 * r]);
      assert.equal(upper[i], Math.fround(upperFromF32(simd.near[3 * r + 1]!, slack)));
      assert.equal(lower[i], Math.fround(lowerFromF32(simd.near[3 * r + 2]!, slack)));
    }
  }
});
