import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickK, sampleRows, silhouette } from '../../src/numeric/kmeans-choose.ts';

test('pickK: best silhouette, ties within 0.01 go to the smaller k', () => {
  assert.equal(
    pickK([
      { k: 2, inertia: 9, silhouette: 0.4 },
      { k: 3, inertia: 5, silhouette: 0.7 },
      { k: 4, inertia: 4, silhouette: 0.705 },
      { k: 5, inertia: 3, silhouette: 0.6 },
    ]),
    3,
  );
  assert.equal(pickK([{ k: 1, inertia: 3 }]), 1);
  assert.throws(() => pickK([]), /empty/);
});

test('silhouette matches a hand computation on four points', () => {
  // clusters {0, 1} at x = 0, 1 and {10, 12}: a(0)=1, b(0)=(10+12)/2=11 → s=10/11, etc.
  const data = new Float32Array([0, 1, 10, 12]);
  const labels = new Int32Array([0, 0, 1, 1]);
  const s = silhouette(data, 1, labels, 2, new Int32Array([0, 1, 2, 3]))!;
  const expected = (1 - 1 / 11 + (1 - 1 / 10) + (1 - 2 / 9.5) + (1 - 2 / 11.5)) / 4;
  assert.ok(Math.abs(s - expected) < 1e-12, `${s} vs ${expected}`);
  assert.equal(silhouette(data, 1, labels, 1, new Int32Array([0, 1])), undefined);
});

test('sampleRows: seeded, distinct, sorted, capped at n', () => {
  const a = sampleRows(1000, 50, 4);
  assert.deepEqual(a, sampleRows(1000, 50, 4));
  assert.equal(new Set(a).size, 50);
  assert.ok(a.every((v, i) => i === 0 || v > a[i - 1]!));
  assert.equal(sampleRows(10, 50, 1).length, 10);
});
