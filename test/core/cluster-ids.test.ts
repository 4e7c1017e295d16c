import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  carryCentroids,
  keptIds,
  matchIds,
  previousLabels,
  renameClusters,
} from '../../src/core/cluster-ids.ts';

const scaling = (offset: number[], scale: number[], weight: number[]) => ({
  names: ['year', 'runtime'],
  offset,
  scale,
  weight,
});

test('centres are carried through raw values into the new scaling', () => {
  // raw year 2000 and runtime 120 under the old scaling, then under the new one
  const from = scaling([1900, 60], [100, 120], [1, 0.5]);
  const to = scaling([1950, 50], [50, 100], [2, 0.5]);
  const old = Float32Array.of(((2000 - 1900) / 100) * 1, ((120 - 60) / 120) * 0.5);
  const carried = carryCentroids(old, 1, from, to);
  assert.ok(carried instanceof Float32Array);
  assert.ok(Math.abs(carried[0]! - ((2000 - 1950) / 50) * 2) < 1e-5);
  assert.ok(Math.abs(carried[1]! - ((120 - 50) / 100) * 0.5) < 1e-5);
});

test('centres are not carried across different columns or shapes', () => {
  const a = scaling([0, 0], [1, 1], [1, 1]);
  assert.match(
    String(carryCentroids(new Float32Array(2), 1, a, { ...a, names: ['year', 'bayes'] })),
    /columns changed/,
  );
  assert.match(String(carryCentroids(new Float32Array(3), 1, a, a)), /not 1×2/);
});

test('new clusters take the ids of the old clusters they share most movies with', () => {
  // rows 0–1 were cluster 0, 2–3 cluster 1, 4 cluster 2, row 5 is new; the run numbered them 2, 0, 1
  const previous = Int32Array.of(0, 0, 1, 1, 2, -1);
  const labels = Int32Array.of(2, 2, 0, 0, 1, 1);
  const ids = matchIds(previous, labels, 3);
  assert.deepEqual([...ids], [1, 2, 0]);
  assert.equal(keptIds(ids), 0);
  const next = Float32Array.of(10, 0, 0, 10, 0, 0);
  const result = { labels: labels.slice(), centroids: next.slice(), k: 3, d: 2 };
  renameClusters(result, ids);
  assert.deepEqual([...result.labels], [0, 0, 1, 1, 2, 2]);
  assert.deepEqual([...result.centroids], [0, 0, 10, 0, 0, 10]);
});

test('equal overlaps go to the nearer centre', () => {
  // two new clusters, each sharing one movie with each old one: only the centres decide
  const previous = Int32Array.of(0, 1, 0, 1);
  const labels = Int32Array.of(0, 0, 1, 1);
  const centres = { previous: Float32Array.of(0, 0, 5, 5), next: Float32Array.of(5, 4, 0, 1), d: 2 };
  assert.deepEqual([...matchIds(previous, labels, 2, centres)], [1, 0]);
  assert.deepEqual([...matchIds(previous, labels, 2)], [0, 1]);
});

test('previous labels follow ids, -1 for new movies', () => {
  const previous = { size: 2, id: { get: (i: number) => ['tt1', 'tt2'][i]! }, cluster: Int32Array.of(4, 7) };
  assert.deepEqual([...previousLabels(['tt2', 'tt3', 'tt1'], previous)], [7, -1, 4]);
});
