import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSimdDistances, SIMD_ROWS } from '../../src/numeric/kmeans-simd.ts';
import { f32Slack, lowerFromF32, sqDistance, upperFromF32 } from '../../src/numeric/kmeans-block-math.ts';
import { createRandom } from '../../src/numeric/random.ts';

test('SIMD squared distances match float64 within the error bound the bounds rely on', () => {
  const rng = createRandom(3);
  for (const d of [1, 3, 4, 7, 16, 48, 50]) {
    const n = SIMD_ROWS + 5;
    const data = Float32Array.from({ length: n * d }, () => (rng.next() - 0.5) * 10 ** (rng.int(6) - 2));
    const centres = Float32Array.from({ length: 7 * d }, () => (rng.next() - 0.5) * 50);
    const simd = createSimdDistances(d, 7);
    assert.ok(simd, 'Node 20 has WebAssembly SIMD');
    simd.setCentres(centres, 1, 6);
    simd.distances(data, 5, SIMD_ROWS);
    const slack = f32Slack(d);
    for (let r = 0; r < SIMD_ROWS; r++) {
      for (let c = 0; c < 6; c++) {
        const exact = Math.sqrt(sqDistance(data, (5 + r) * d, centres, (c + 1) * d, d));
        const got = simd.out[r * 6 + c]!;
        assert.ok(lowerFromF32(got, slack) <= exact && exact <= upperFromF32(got, slack), `d=${d}`);
      }
    }
    const rows = Int32Array.from([n - 1, 0, 17]);
    simd.distancesOf(data, rows, 3);
    for (let r = 0; r < 3; r++) {
      const exact = sqDistance(data, rows[r]! * d, centres, d, d);
      assert.ok(Math.abs(simd.out[r * 6]! - exact) <= exact * 1e-5 + 1e-30);
    }
  }
});

test('SIMD bounds stay sound for tiny and huge values (float32 underflow and overflow)', () => {
  const slack = f32Slack(2);
  const simd = createSimdDistances(2, 1)!;
  simd.setCentres(new Float32Array([0, 0]), 0, 1);
  simd.distances(new Float32Array([1e-30, 1e-30, 3e20, 0]), 0, 2);
  const tiny = Math.sqrt(2) * 1e-30;
  assert.ok(lowerFromF32(simd.out[0]!, slack) <= tiny && tiny <= upperFromF32(simd.out[0]!, slack));
  assert.ok(lowerFromF32(simd.out[1]!, slack) <= 3e20 && 3e20 <= upperFromF32(simd.out[1]!, slack));
});

test('scanGroups finds the nearest, the two smallest overall and per group, ties to the lowest index', () => {
  const rng = createRandom(9);
  const d = 5;
  const k = 23;
  const groups = 4;
  const rows = 300;
  const data = Float32Array.from({ length: rows * d }, () => rng.int(4)); // small integers: many ties
  const centres = Float32Array.from({ length: k * d }, () => rng.int(4));
  const groupOf = Int32Array.from({ length: k }, (_, c) => (c * 7) % groups);
  const simd = createSimdDistances(d, k, groups)!;
  simd.setCentres(centres, 0, k);
  simd.setGroups(groupOf, k);
  simd.distances(data, 0, rows);
  simd.scanGroups(rows, groups);
  for (let r = 0; r < rows; r++) {
    const v = Array.from({ length: k }, (_, c) => sqDistance(data, r * d, centres, c * d, d));
    const sorted = [...v].sort((x, y) => x - y);
    const at = r * (3 + 2 * groups);
    assert.equal(simd.scanIndex[at], v.indexOf(sorted[0]!));
    assert.equal(simd.scan[at + 1], sorted[0]);
    assert.equal(simd.scan[at + 2], sorted[1]);
    for (let g = 0; g < groups; g++) {
      const inGroup = v.filter((_, c) => groupOf[c] === g).sort((x, y) => x - y);
      assert.equal(simd.scan[at + 3 + g], inGroup[0] ?? Infinity);
      assert.equal(simd.scan[at + 3 + groups + g], inGroup[1] ?? Infinity);
    }
  }
});
