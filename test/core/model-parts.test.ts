/**
 * Big model files as part objects (issue 18): a range maps to the parts it covers, a row straddling
 * two parts is read from both and joined, the last part is short, a range outside the file and a
 * broken index are refused, and a missing part's error comes through.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KinemaError } from '../../src/core/errors.ts';
import {
  decodePartsIndex,
  encodePartsIndex,
  partName,
  partSpans,
  partsIndex,
  readFromParts,
} from '../../src/core/model-parts.ts';

const SIZE = 1000;
const PART = 64;
const bytes = Uint8Array.from({ length: SIZE }, (_, i) => (i * 2654435761) >>> 24);

/** The file's parts as separate arrays, each read recorded as [part, start, length]. */
function parts(missing?: number) {
  const index = partsIndex(SIZE, PART);
  const objects = Array.from({ length: index.parts }, (_, p) => bytes.slice(p * PART, (p + 1) * PART));
  const reads: [number, number, number][] = [];
  const readPart = async (part: number, start: number, into: Uint8Array) => {
    reads.push([part, start, into.length]);
    if (part === missing) throw new KinemaError('model', `model part ${partName('x.bin', part)} is missing`);
    into.set(objects[part]!.subarray(start, start + into.length));
  };
  const read = async (offset: number, length: number) => {
    const out = new Uint8Array(length);
    await readFromParts(index, offset, out, readPart);
    return out;
  };
  return { index, objects, reads, read };
}

test('parts of a fixed size, the last one short; names sort in part order', () => {
  const { index, objects } = parts();
  assert.deepEqual(index, { size: SIZE, partSize: PART, parts: 16 });
  assert.equal(objects.at(-1)!.length, SIZE - 15 * PART);
  assert.equal(partName('neighbours.bin', 7), 'neighbours.bin.parts/00007');
  assert.ok(partName('a', 9) < partName('a', 10));
  assert.equal(partsIndex(0, PART).parts, 1);
  assert.equal(partsIndex(PART * 3, PART).parts, 3);
});

test('a range maps to the parts it covers, straddling ones split at the boundary', () => {
  const index = partsIndex(SIZE, PART);
  assert.deepEqual(partSpans(index, 10, 20), [{ part: 0, start: 10, length: 20, at: 0 }]);
  assert.deepEqual(partSpans(index, 60, 10), [
    { part: 0, start: 60, length: 4, at: 0 },
    { part: 1, start: 0, length: 6, at: 4 },
  ]);
  assert.deepEqual(
    partSpans(index, 50, 150).map((s) => [s.part, s.start, s.length, s.at]),
    [
      [0, 50, 14, 0],
      [1, 0, 64, 14],
      [2, 0, 64, 78],
      [3, 0, 8, 142],
    ],
  );
  assert.deepEqual(partSpans(index, SIZE - 5, 5), [{ part: 15, start: 35, length: 5, at: 0 }]);
  assert.throws(() => partSpans(index, SIZE - 5, 6), /range 995\+6 is outside the file \(1000 bytes\)/);
});

test('reads from parts equal the file at every offset, straddling and last parts included', async () => {
  const { read, reads } = parts();
  for (const [offset, length] of [
    [0, 1],
    [60, 10],
    [63, 2],
    [0, SIZE],
    [SIZE - 40, 40],
    [128, 64],
  ] as const) {
    assert.deepEqual(await read(offset, length), bytes.slice(offset, offset + length));
  }
  reads.length = 0;
  await read(60, 10);
  assert.deepEqual(reads, [
    [0, 60, 4],
    [1, 0, 6],
  ]);
});

test('a missing part fails the read with the error naming it', async () => {
  const { read } = parts(1);
  assert.deepEqual(await read(0, 64), bytes.slice(0, 64));
  await assert.rejects(read(60, 10), /model part x\.bin\.parts\/00001 is missing/);
});

test('the index round-trips; a broken or inconsistent one is refused naming it', () => {
  const index = partsIndex(SIZE, PART);
  assert.deepEqual(decodePartsIndex(encodePartsIndex(index), 'people.bin'), index);
  const bad = (text: string) => decodePartsIndex(new TextEncoder().encode(text), 'people.bin');
  assert.throws(() => bad('{'), /people\.bin\.parts\/index\.json is not a valid parts index/);
  assert.throws(() => bad('{"size":1000,"partSize":64,"parts":15}'), /not a valid parts index/);
  assert.throws(() => bad('{"size":1000,"partSize":0,"parts":1}'), /not a valid parts index/);
});
