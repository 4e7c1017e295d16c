import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CollabListsBuilder, collabEntry, collabScore, liftAt } from '../../../src/core/collab/lists.ts';
import { decodeCollabFile, encodeCollab } from '../../../src/core/model-binary.ts';

/** Movie 0 of 6, liked by 10 of 100 users; co-likes and method scores chosen so the two halves differ. */
function lists() {
  const b = new CollabListsBuilder(6, 4);
  const acc = Float64Array.of(0, 0.9, 0.1, 0.8, 0.2, 0.05);
  const colikes = Float64Array.of(0, 1, 9, 2, 8, 0);
  b.setRow(0, acc, [1, 2, 3, 4, 5], colikes, 10);
  return b.finish(Int32Array.of(10, 5, 60, 10, 20, 3), 100);
}

test('a row keeps its most co-liked half and the method’s best for the rest, sorted by movie', () => {
  const c = lists();
  // 2 and 4 are the most co-liked; 1 and 3 the best scores among the others; 5 was co-liked by nobody
  assert.deepEqual([...c.items.subarray(c.offsets[0], c.offsets[1])], [1, 2, 3, 4]);
  // movies without a row take no entries
  assert.deepEqual([...c.offsets], [0, 4, 4, 4, 4, 4, 4]);
  assert.equal(collabScore(c, 0, 1), 1); // divided by the row's best
  assert.ok(Math.abs(collabScore(c, 0, 3) - 0.8 / 0.9) < 1e-6);
  assert.equal(collabScore(c, 0, 5), 0);
  assert.equal(collabEntry(c, 0, 5), -1);
  assert.ok(Math.abs(c.shared[collabEntry(c, 0, 2)]! - 0.9) < 1e-6); // 9 of movie 0's 10 likers
});

test('lift: the share of likers minus the film’s base rate, never below 0', () => {
  const c = lists();
  // movie 2: 90% of movie 0's likers, 60% of everyone → 0.3; movie 3: 20% against 10% → 0.1
  assert.ok(Math.abs(liftAt(c, collabEntry(c, 0, 2), 2) - 0.3) < 1e-6);
  assert.ok(Math.abs(liftAt(c, collabEntry(c, 0, 3), 3) - 0.1) < 1e-6);
  // movie 1: 10% against 5%
  assert.ok(Math.abs(liftAt(c, collabEntry(c, 0, 1), 1) - 0.05) < 1e-6);
  // a film everyone likes adds nothing
  const everyone = { ...c, likes: Int32Array.of(10, 5, 100, 10, 20, 3) };
  assert.equal(liftAt(everyone, collabEntry(c, 0, 2), 2), 0);
  // without the user count (older folders) lift is the plain share
  assert.ok(Math.abs(liftAt({ ...c, users: 0 }, collabEntry(c, 0, 2), 2) - 0.9) < 1e-6);
});

test('a later row replaces an earlier one (EASE rows over the cosine ones)', () => {
  const b = new CollabListsBuilder(3, 2);
  b.setRow(1, Float64Array.of(1, 0, 1), [0, 2], [1, 0, 1], 2);
  b.setRow(0, Float64Array.of(0, 1, 0), [1], [0, 1, 0], 1);
  b.setRow(1, Float64Array.of(0.5, 0, 0), [0], [1, 0, 0], 2);
  const c = b.finish(Int32Array.of(1, 2, 0), 3);
  assert.deepEqual([...c.offsets], [0, 1, 2, 2]);
  assert.deepEqual([...c.items], [1, 0]);
  assert.equal(collabScore(c, 1, 0), 1);
  assert.equal(collabEntry(c, 1, 2), -1);
});

test('collab.bin keeps every list, the likes and the user count', () => {
  const c = lists();
  const back = decodeCollabFile(encodeCollab(c), 6);
  assert.deepEqual(back, c);
});
