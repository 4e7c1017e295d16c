/**
 * A column file read by columns (people.bin on Lambda, issue 18): opening it reads the header, a load
 * reads exactly the bytes of the columns asked for (in bounded chunks, each column once), and the
 * columns read decode as they do from the whole file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeColumns, encodeColumns, StringColumn } from '../../src/core/columns.ts';
import type { RemoteFile } from '../../src/core/neighbour-lists.ts';
import { openSparseColumns } from '../../src/core/sparse-columns.ts';

const ROWS = 1_500_000; // 6 MB a column: more than one chunk
const bytes = encodeColumns({
  a: Int32Array.from({ length: ROWS }, (_, i) => i * 7),
  names: StringColumn.from(['Ann', 'Bo', 'Cy']),
  b: Float32Array.from({ length: ROWS }, (_, i) => i / 2),
  c: Int32Array.from({ length: ROWS }, (_, i) => -i),
});

function remote() {
  const reads: [number, number][] = [];
  const file: RemoteFile = {
    size: bytes.length,
    async read(offset, length) {
      reads.push([offset, length]);
      return bytes.slice(offset, offset + length);
    },
  };
  return { file, reads };
}

test('a load reads the columns asked for and no others; they decode as from the whole file', async () => {
  const { file, reads } = remote();
  const sparse = await openSparseColumns(file, 'x.bin');
  assert.equal(reads.length, 1, 'the header in one read');
  const whole = decodeColumns(bytes, 'x.bin');
  await sparse.load(['b', 'names', 'nothing']);
  const read = reads.slice(1).reduce((s, [, n]) => s + n, 0);
  assert.equal(read, whole.extent('b')!.bytes + whole.extent('names')!.bytes);
  assert.ok(
    reads.slice(1).every(([, n]) => n <= 4 * 1024 * 1024),
    'chunks of at most 4 MB',
  );
  assert.deepEqual(sparse.columns.numeric('b', 'f32'), whole.numeric('b', 'f32'));
  assert.equal(sparse.columns.strings('names').get(2), 'Cy');
  assert.deepEqual(sparse.columns.names(), ['a', 'names', 'b', 'c']);
  const count = reads.length;
  await sparse.load(['b']);
  assert.equal(reads.length, count, 'a loaded column is not read again');
});

test('a failed load is reported and read again by the next one', async () => {
  const { file } = remote();
  let failing = true;
  const flaky: RemoteFile = {
    size: file.size,
    read: async (offset, length) => {
      if (failing && offset > 1000) throw new Error('connection reset');
      return file.read(offset, length);
    },
  };
  const sparse = await openSparseColumns(flaky, 'x.bin');
  await assert.rejects(sparse.load(['c']), /connection reset/);
  failing = false;
  await sparse.load(['c']);
  assert.deepEqual(sparse.columns.numeric('c', 'i32'), decodeColumns(bytes, 'x.bin').numeric('c', 'i32'));
});

test('a file that is not a column file is refused naming it', async () => {
  const file: RemoteFile = { size: 16, read: async () => new Uint8Array(16) };
  await assert.rejects(
    openSparseColumns(file, 'people.bin'),
    /model file people\.bin is not a kinema column file/,
  );
});
