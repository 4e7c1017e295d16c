import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseK } from '../../src/parallel/choose-k.ts';
import { createRandom } from '../../src/numeric/random.ts';

test('chooseK finds five well-separated blobs and reports the curve', async () => {
  const rng = createRandom(12);
  const n = 3000;
  const d = 3;
  const data = new Float32Array(n * d);
  const centres = [
    [0, 0, 0],
    [20, 0, 0],
    [0, 20, 0],
    [0, 0, 20],
    [20, 20, 20],
  ];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) data[i * d + j] = centres[i % 5]![j]! + rng.next() * 2;
  const got = await chooseK(data, n, d, { kMin: 2, kMax: 8, seed: 3, threads: 1, sampleSize: 500 });
  assert.equal(got.k, 5);
  assert.deepEqual(
    got.curve.map((p) => p.k),
    [2, 3, 4, 5, 6, 7, 8],
  );
  for (let i = 1; i < got.curve.length; i++)
    assert.ok(got.curve[i]!.inertia <= got.curve[i - 1]!.inertia * 1.001);
  assert.ok(got.curve.every((p) => p.silhouette !== undefined && p.silhouette > -1 && p.silhouette <= 1));
  await assert.rejects(chooseK(data, n, d, { kMin: 5, kMax: 2, seed: 1 }), /kMin ≤ kMax/);
});
