/**
 * collab.bin's entries by row (issue 18): every movie's row in the rows file is its items, scores and
 * shares from collab.bin, and the deploy's derivation from the file's bytes gives the same file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainCollab } from '../../../src/core/collab/train.ts';
import { collabRowsOf, encodeCollabRows, rowBytes, splitRow } from '../../../src/core/collab/rows-file.ts';
import { encodeCollab } from '../../../src/core/model-binary.ts';
import { world } from '../../helpers/ratings-world.ts';

const lists = trainCollab(world().ratings);
const bytes = (a: Int32Array | Float32Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

test("each movie's row is its entries of the three columns, back to back", () => {
  const rows = encodeCollabRows(lists);
  let withEntries = 0;
  for (let a = 0; a + 1 < lists.offsets.length; a++) {
    const [from, to] = [lists.offsets[a]!, lists.offsets[a + 1]!];
    const { offset, length } = rowBytes(from, to);
    const split = splitRow(rows.subarray(offset, offset + length));
    assert.deepEqual(
      split.map(([column]) => column),
      ['items', 'scores', 'shared'],
    );
    assert.deepEqual(split[0]![1], bytes(lists.items.subarray(from, to)), `movie ${a} items`);
    assert.deepEqual(split[1]![1], bytes(lists.scores.subarray(from, to)), `movie ${a} scores`);
    assert.deepEqual(split[2]![1], bytes(lists.shared.subarray(from, to)), `movie ${a} shared`);
    if (to > from) withEntries++;
  }
  assert.ok(withEntries > 100, `${withEntries} movies have entries`);
  assert.throws(() => splitRow(new Uint8Array(13)), /a row of 13 bytes/);
});

test('the rows file derived from collab.bin is the one encoded from the lists', () => {
  assert.deepEqual(collabRowsOf(encodeCollab(lists)), encodeCollabRows(lists));
});
