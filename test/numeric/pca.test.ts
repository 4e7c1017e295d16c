import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pca, pcaProject } from '../../src/numeric/pca.ts';
import { createRandom } from '../../src/numeric/random.ts';

/** n points with independent Gaussian coordinates of the given std devs, rotated by an orthonormal basis. */
function rotatedGaussian(n: number, std: number[], basis: number[][], seed = 3): Float32Array {
  const d = std.length;
  const rnd = createRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd.next())) * Math.cos(2 * Math.PI * rnd.next());
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const z = std.map((s) => s * gauss());
    for (let j = 0; j < d; j++) {
      let v = 5; // an offset the mean must remove
      for (let c = 0; c < d; c++) v += z[c]! * basis[c]![j]!;
      out[i * d + j] = v;
    }
  }
  return out;
}

const s = Math.SQRT1_2;
const BASIS = [
  [s, s, 0],
  [s, -s, 0],
  [0, 0, 1],
];

test('pca recovers the directions and variances of a rotated Gaussian', () => {
  const data = rotatedGaussian(20000, [3, 1, 0.3], BASIS);
  const fit = pca(data, 20000, 3, { components: 3 });
  for (let c = 0; c < 3; c++) {
    const v = Array.from(fit.components.subarray(c * 3, c * 3 + 3));
    const cos = Math.abs(v.reduce((acc, x, j) => acc + x * BASIS[c]![j]!, 0));
    assert.ok(cos > 0.999, `component ${c} = ${v} is not along ${BASIS[c]}`);
  }
  assert.ok(Math.abs(fit.variance[0]! - 9) / 9 < 0.05, `variance ${fit.variance[0]}`);
  assert.ok(Math.abs(fit.variance[1]! - 1) < 0.05, `variance ${fit.variance[1]}`);
  assert.ok(Math.abs(fit.totalVariance - (9 + 1 + 0.09)) < 0.3);
  for (let j = 0; j < 3; j++) assert.ok(Math.abs(fit.mean[j]! - 5) < 0.1);
});

test('components are orthonormal and the largest loading of each is positive', () => {
  const data = rotatedGaussian(
    5000,
    [2, 1.5, 1, 0.5],
    [
      [0.5, 0.5, 0.5, 0.5],
      [0.5, -0.5, 0.5, -0.5],
      [0.5, 0.5, -0.5, -0.5],
      [0.5, -0.5, -0.5, 0.5],
    ],
  );
  const fit = pca(data, 5000, 4, { components: 3 });
  for (let a = 0; a < 3; a++) {
    let big = 0;
    for (let b = 0; b < 3; b++) {
      let dot = 0;
      for (let j = 0; j < 4; j++) dot += fit.components[a * 4 + j]! * fit.components[b * 4 + j]!;
      assert.ok(Math.abs(dot - (a === b ? 1 : 0)) < 1e-6, `<c${a}, c${b}> = ${dot}`);
    }
    for (let j = 1; j < 4; j++)
      if (Math.abs(fit.components[a * 4 + j]!) > Math.abs(fit.components[a * 4 + big]!)) big = j;
    assert.ok(fit.components[a * 4 + big]! > 0);
  }
  assert.ok(fit.variance[0]! >= fit.variance[1]! && fit.variance[1]! >= fit.variance[2]!);
});

test('projection is centred, has the component variances, and is deterministic', () => {
  const n = 8000;
  const data = rotatedGaussian(n, [3, 1, 0.3], BASIS, 11);
  const fit = pca(data, n, 3);
  const xy = pcaProject(fit, data, n);
  assert.equal(xy.length, n * 2);
  for (let c = 0; c < 2; c++) {
    let mean = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) mean += xy[i * 2 + c]!;
    mean /= n;
    for (let i = 0; i < n; i++) sq += (xy[i * 2 + c]! - mean) ** 2;
    assert.ok(Math.abs(mean) < 1e-3, `PC${c + 1} mean ${mean}`);
    assert.ok(Math.abs(sq / (n - 1) - fit.variance[c]!) / fit.variance[c]! < 1e-3);
  }
  const again = pcaProject(pca(data, n, 3), data, n);
  assert.deepEqual(again, xy);
});

test('degenerate input: constant data gives zero variance, not NaN; bad sizes throw', () => {
  const data = new Float32Array(30).fill(2);
  const fit = pca(data, 10, 3);
  assert.deepEqual(Array.from(fit.variance), [0, 0]);
  assert.ok(Array.from(pcaProject(fit, data, 10)).every((v) => v === 0));
  assert.throws(() => pca(new Float32Array(7), 2, 3), /expected 2×3/);
});

test('sparse multi-hot rows (the model layout) give the same covariance as a dense computation', () => {
  const n = 3000;
  const d = 6;
  const rnd = createRandom(5);
  const data = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    data[i * d + rnd.int(3)] = 1; // one of three "genres"
    if (rnd.next() < 0.3) data[i * d + 3] = 1;
    data[i * d + 4] = rnd.next(); // a scaled numeric feature
    data[i * d + 5] = data[i * d] === 1 ? 0.8 + 0.1 * rnd.next() : 0.1 * rnd.next(); // correlated with genre 0
  }
  const fit = pca(data, n, d, { components: d });
  // dense reference: covariance from explicit centring, then vᵀCv must equal each eigenvalue
  const mean = Array.from({ length: d }, (_, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += data[i * d + j]!;
    return s / n;
  });
  const cov = (a: number, b: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (data[i * d + a]! - mean[a]!) * (data[i * d + b]! - mean[b]!);
    return s / (n - 1);
  };
  let trace = 0;
  for (let j = 0; j < d; j++) trace += cov(j, j);
  assert.ok(Math.abs(trace - fit.totalVariance) < 1e-9);
  for (let c = 0; c < d; c++) {
    const v = fit.components.subarray(c * d, c * d + d);
    let q = 0;
    for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) q += v[a]! * cov(a, b) * v[b]!;
    assert.ok(Math.abs(q - fit.variance[c]!) < 1e-6, `component ${c}: ${q} vs ${fit.variance[c]}`);
  }
});
