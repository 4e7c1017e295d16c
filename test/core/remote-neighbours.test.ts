/**
 * Neighbour lists read by ranges (Lambda from S3, issue 18): the rows a request fetches are the rows
 * of the file, nearby rows share a read, a row in flight is read once, the cache is bounded, reads in
 * flight are bounded, and a failed read is reported and retried on the next request.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  bytesFile,
  encodeNeighbours,
  neighboursFromFile,
  type RemoteFile,
} from '../../src/core/neighbour-lists.ts';
import { remoteNeighbours } from '../../src/core/remote-neighbours.ts';
import { createRandom } from '../../src/numeric/random.ts';

const N = 4;
const MOVIES = 1000;

function lists() {
  const random = createRandom(5);
  const index = Int32Array.from({ length: MOVIES * N }, (_, i) => (i % N === 3 ? -1 : random.int(MOVIES)));
  const score = Float32Array.from({ length: MOVIES * N }, () => random.int(1000) / 1000);
  return encodeNeighbours(N, index, score);
}

/** The file's bytes behind async reads, each recorded as [offset, length]. */
function remote(bytes: Uint8Array, delay = 0) {
  const reads: [number, number][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const file: RemoteFile = {
    size: bytes.length,
    async read(offset, length) {
      reads.push([offset, length]);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, delay));
      inFlight--;
      return bytes.slice(offset, offset + length);
    },
  };
  return { file, reads, maxInFlight: () => maxInFlight };
}

test('fetched rows are the rows of the file; a row used before it is fetched is an error naming it', async () => {
  const bytes = lists();
  const local = neighboursFromFile(N, MOVIES, bytesFile(bytes));
  const { file, reads } = remote(bytes);
  const nb = remoteNeighbours(N, MOVIES, file, { gapBytes: 0 });
  assert.throws(() => nb.row(7), /neighbours\.bin row 7 was used before it was fetched/);
  const wanted = [7, 500, 999, 0];
  await nb.prefetch!(wanted);
  assert.equal(reads.length, 4, 'one read a row when the rows are far apart');
  for (const m of wanted) assert.deepEqual(nb.row(m), local.row(m));
  await nb.prefetch!(wanted);
  assert.equal(reads.length, 4, 'cached rows are not read again');
  // rows outside the catalog read as empty, as from a file, and are never fetched
  await nb.prefetch!([-1, MOVIES, 1.5]);
  assert.equal(reads.length, 4);
  assert.deepEqual(nb.row(MOVIES), local.row(MOVIES));
});

test('nearby rows are one read; a row already in flight is read once', async () => {
  const bytes = lists();
  const local = neighboursFromFile(N, MOVIES, bytesFile(bytes));
  const { file, reads } = remote(bytes, 5);
  const nb = remoteNeighbours(N, MOVIES, file, { gapBytes: 3 * N * 8 });
  // 10, 12 and 15 are at most 3 rows apart: one range 10..15; 40 is another
  await Promise.all([nb.prefetch!([15, 10, 12, 40]), nb.prefetch!([12, 40])]);
  assert.deepEqual(reads, [
    [10 * N * 8, 6 * N * 8],
    [40 * N * 8, N * 8],
  ]);
  for (const m of [10, 12, 15, 40]) assert.deepEqual(nb.row(m), local.row(m));
  assert.throws(() => nb.row(11), /row 11 was used before it was fetched/, 'rows between are not kept');
});

test('the cache keeps the rows used last; reads in flight stay within the bound', async () => {
  const bytes = lists();
  const { file, reads, maxInFlight } = remote(bytes, 2);
  const nb = remoteNeighbours(N, MOVIES, file, { cacheRows: 3, concurrency: 2, gapBytes: 0 });
  await nb.prefetch!([100, 200, 300]);
  nb.row(100); // used: 200 is now the least recently used
  await nb.prefetch!([400]);
  assert.throws(() => nb.row(200), /row 200/);
  for (const m of [100, 300, 400]) nb.row(m);
  await nb.prefetch!(Array.from({ length: 20 }, (_, i) => i * 40));
  assert.equal(maxInFlight(), 2);
  assert.equal(reads.length, 4 + 20 - 1, 'row 0..: 400 was cached, the rest read once each');
});

test('a failed read fails the request with its error, and the next request reads the row again', async () => {
  const bytes = lists();
  let fail = true;
  const file: RemoteFile = {
    size: bytes.length,
    async read(offset, length) {
      if (fail) throw new Error('cannot read s3://bucket/model/neighbours.bin (bytes=…): connection reset');
      return bytes.slice(offset, offset + length);
    },
  };
  const nb = remoteNeighbours(N, MOVIES, file);
  await assert.rejects(nb.prefetch!([3]), /s3:\/\/bucket\/model\/neighbours\.bin.*connection reset/);
  fail = false;
  await nb.prefetch!([3]);
  assert.deepEqual(nb.row(3), neighboursFromFile(N, MOVIES, bytesFile(bytes)).row(3));
});

test('a short read and a file of the wrong size are refused by name', async () => {
  const bytes = lists();
  const short: RemoteFile = { size: bytes.length, read: async () => new Uint8Array(3) };
  await assert.rejects(
    remoteNeighbours(N, MOVIES, short).prefetch!([1]),
    /neighbours\.bin: read 3 of 32 bytes at 32/,
  );
  assert.throws(
    () => remoteNeighbours(N, MOVIES + 1, remote(bytes).file),
    /neighbours\.bin has 32000 bytes, expected 32032/,
  );
});
