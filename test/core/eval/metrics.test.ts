import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ModeAccumulator,
  hit,
  intraListDiversity,
  maskJaccard,
  ndcg,
  novelty,
  rankOf,
} from '../../../src/core/eval/metrics.ts';
import { popcount } from '../../../src/numeric/row-distance.ts';

test('rankOf looks only at the first k entries', () => {
  assert.equal(rankOf([5, 7, 9], 7, 10), 1);
  assert.equal(rankOf([5, 7, 9], 9, 2), -1);
  assert.equal(rankOf([], 1, 10), -1);
});

test('hit and NDCG with one relevant item, by hand', () => {
  assert.equal(hit(0), 1);
  assert.equal(hit(-1), 0);
  assert.equal(ndcg(0), 1);
  assert.equal(ndcg(2), 0.5); // 1 / log2(4)
  assert.equal(ndcg(1), 1 / Math.log2(3));
  assert.equal(ndcg(-1), 0);
});

test('popcount and genre Jaccard', () => {
  assert.equal(popcount(0), 0);
  assert.equal(popcount(0b1011), 3);
  assert.equal(popcount(0xffffffff | 0), 32);
  assert.equal(maskJaccard(0b011, 0b110), 1 / 3);
  assert.equal(maskJaccard(0b1, 0b1), 1);
  assert.equal(maskJaccard(0b1, 0b10), 0);
  assert.equal(maskJaccard(0, 0), 1);
});

test('novelty is normalised self-information: unrated items 1, ubiquitous items near 0', () => {
  // 3 users; item 0 rated by all 3, item 1 by nobody
  const raters = Int32Array.from([3, 0]);
  assert.equal(novelty([1], raters, 3), 1);
  assert.equal(novelty([0], raters, 3), 0);
  assert.equal(novelty([0, 1], raters, 3), 0.5);
  // item rated by 1 of 3: p = 2/4 → 1 bit of log2(4) = 2 bits
  assert.equal(novelty([0], Int32Array.from([1]), 3), 0.5);
});

test('intra-list diversity is the mean pairwise genre distance', () => {
  const genres = Uint32Array.from([0b01, 0b01, 0b10, 0b11]);
  assert.equal(intraListDiversity([0, 1], genres), 0);
  assert.equal(intraListDiversity([0, 2], genres), 1);
  // pairs (0,2)=1, (0,3)=1/2, (2,3)=1/2 → 2/3
  assert.equal(intraListDiversity([0, 2, 3], genres), 2 / 3);
  assert.equal(intraListDiversity([0], genres), 0);
});

test('ModeAccumulator: coverage over distinct items, means over cases and lists', () => {
  const acc = new ModeAccumulator(10, new Uint32Array(10).fill(1), new Int32Array(10), 4);
  acc.addList([0, 1, 2]);
  acc.addList([2, 3]);
  acc.addCase(1, 1);
  acc.addCase(0, 0);
  acc.addCase(0.5, 0.25);
  const r = acc.result();
  assert.equal(r.coverage, 0.4);
  assert.equal(r.hr, 0.5);
  assert.equal(r.ndcg, 1.25 / 3);
  assert.equal(r.cases, 3);
  assert.equal(r.lists, 2);
  assert.equal(r.diversity, 0);
  assert.equal(r.novelty, 1);
});
