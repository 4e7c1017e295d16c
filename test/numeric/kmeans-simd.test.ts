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
