import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sqDist } from '../../src/numeric/distance.ts';
import { createListedScan, type ListedRows } from '../../src/numeric/listed-scan.ts';
import { createRandom } from '../../src/numeric/random.ts';
import { TopN } from '../../src/core/top-n.ts';

const SAFE = 1 - 1e-6;

/** n listed rows of d columns, numbered by a shuffle of 0 .. rows − 1, with small bonuses. */
function listed(n: number, d: number, rows: number, seed: number): ListedRows {
  const rng = createRandom(seed);
  const numbers = Array.from({ length: rows }, (_, i) => i);
  for (let i = rows - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [numbers[i], numbers[j]] = [numbers[j]!, numbers[i]!];
  }
  return {
    vectors: Float32Array.from({ length: n * d }, () => rng.next() * 4 - 2),
    items: Int32Array.from(numbers.slice(0, n)),
    bonus: Float32Array.from({ length: n }, () => rng.next() * 0.05),
    d,
    rows,
    safe: SAFE,
  };
}

/** What the scan must keep: the best `capacity` of the rows it may take, by the same score, unpruned. */
function expected(
  rows: ListedRows,
  query: Float32Array,
  capacity: number,
  wf: number,
  take: (k: number) => boolean,
) {
  const top = new TopN(capacity);
  for (let k = 0; k < rows.items.length; k++) {
    if (!take(k)) continue;
    const dist = sqDist(query, 0, rows.vectors, k * rows.d, rows.d);
    top.push(rows.items[k]!, wf / (1 + dist) + rows.bonus[k]!);
  }
  return top.sorted();
}

test('listed scan: the heap it leaves holds the best rows by score, as an unpruned TopN would', () => {
  for (const [n, d] of [
    [37, 6],
    [64, 32],
    [3, 5],
  ] as const) {
    const rows = listed(n, d, n + 9, n * d);
    const scan = createListedScan(rows);
    assert.ok(scan, 'this runtime has WebAssembly SIMD');
    for (const capacity of [1, 5, n + 2]) {
      const query = listed(1, d, 1, 1000 + capacity).vectors;
      const top = new TopN(capacity);
      scan.stamp.fill(0);
      scan.scan(query, 0, 0, n, top, 1, 0.8, Infinity);
      assert.deepEqual(
        top.sorted(),
        expected(rows, query, capacity, 0.8, () => true),
        `n=${n} d=${d} c=${capacity}`,
      );
      // while the heap has room every row is read, and stamped
      if (capacity > n) assert.ok(Array.from(rows.items).every((row) => scan.stamp[row] === 1));
    }
  }
});

test('listed scan: stamped rows and rows past `most` are passed over; a run continues a heap', () => {
  const n = 41;
  const d = 7;
  const rows = listed(n, d, 60, 5);
  const scan = createListedScan(rows)!;
  const query = listed(1, d, 1, 77).vectors;
  const dist = Array.from({ length: n }, (_, k) => sqDist(query, 0, rows.vectors, k * d, d));
  // `most` halfway between two neighbouring distances, far from rounding
  const sorted = dist.slice().sort((a, b) => a - b);
  const most = (sorted[25]! + sorted[26]!) / 2;
  const stamped = new Set([rows.items[2]!, rows.items[10]!, rows.items[30]!]);
  for (const row of stamped) scan.stamp[row] = 4;
  const top = new TopN(50);
  // two runs over consecutive ranges, the heap carried from one to the next
  scan.scan(query, 0, 0, 13, top, 4, 1, most);
  scan.scan(query, 0, 13, n, top, 4, 1, most);
  const take = (k: number) => !stamped.has(rows.items[k]!) && dist[k]! < most;
  assert.deepEqual(top.sorted(), expected(rows, query, 50, 1, take));
  for (let k = 0; k < n; k++) {
    const row = rows.items[k]!;
    if (!stamped.has(row))
      assert.equal(scan.stamp[row] === 4, dist[k]! < most, `row ${row}: stamped only if read`);
  }
});

test('listed scan: at equal scores the smaller row is kept, as in TopN', () => {
  const d = 4;
  const n = 12;
  // twelve copies of one vector, numbered from high to low so later rows win every tie
  const rows: ListedRows = {
    vectors: new Float32Array(n * d).fill(0.5),
    items: Int32Array.from({ length: n }, (_, k) => n - 1 - k),
    bonus: new Float32Array(n).fill(0.01),
    d,
    rows: n,
    safe: SAFE,
  };
  const scan = createListedScan(rows)!;
  const top = new TopN(5);
  scan.scan(new Float32Array(d), 0, 0, n, top, 1, 1, Infinity);
  assert.deepEqual(Array.from(top.sorted().index), [0, 1, 2, 3, 4]);
});
