import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeColumns, encodeColumns, StringColumn, IdColumn } from '../../src/core/columns.ts';
import { compareIdDigits, sortedLookup } from '../../src/core/id-lookup.ts';
import { createRandom } from '../../src/numeric/random.ts';

test('compareIdDigits orders id numbers as their zero-padded strings compare', () => {
  const random = createRandom(5);
  const pad = (n: number) => String(n).padStart(7, '0');
  const sample = [0, 9, 68646, 999999, 1000000, 9999999, 10000000, 12345678, 99999999, 100000000, 1234567890];
  for (let i = 0; i < 2000; i++) sample.push(random.int(10 ** (1 + random.int(10))));
  for (const a of sample.slice(0, 300)) {
    for (const b of sample) {
      const strings = pad(a) < pad(b) ? -1 : pad(a) > pad(b) ? 1 : 0;
      assert.equal(Math.sign(compareIdDigits(a, b)), strings, `${a} vs ${b}`);
    }
  }
});

test('sortedLookup over numeric ids finds what the string lookup finds, and only canonical ids', () => {
  const values = [
    'tt0068646',
    'tt10648342',
    'tt0000001',
    'tt9999999',
    'tt0071562',
    'tt13391710',
    'tt2316204',
  ];
  const decoded = decodeColumns(encodeColumns({ id: StringColumn.from(values) }), 'test.bin');
  const ids = decoded.strings('id');
  assert.ok(ids instanceof IdColumn, 'tt ids are stored as numbers');
  const order = Int32Array.from(values.keys()).sort((a, b) => (values[a]! < values[b]! ? -1 : 1));
  const lookup = sortedLookup(ids, order);
  values.forEach((id, row) => assert.equal(lookup.get(id), row, id));
  for (const missing of [
    'tt0068647',
    'tt068646',
    'tt00068646',
    'nm0068646',
    'tt',
    'tt1e3',
    'tt-1',
    'tt99999999',
  ]) {
    assert.equal(lookup.get(missing), undefined, missing);
  }
});

test('after many lookups the hash table answers exactly what the binary search answered', () => {
  const random = createRandom(9);
  const numbers = new Set<number>();
  while (numbers.size < 5000) numbers.add(random.int(10 ** (1 + random.int(9))));
  const values = [...numbers].map((n) => `tt${String(n).padStart(7, '0')}`);
  const ids = decodeColumns(encodeColumns({ id: StringColumn.from(values) }), 'test.bin').strings('id');
  const order = Int32Array.from(values.keys()).sort((a, b) => (values[a]! < values[b]! ? -1 : 1));
  const lookup = sortedLookup(ids, order);
  // the first few hundred go through the binary search, the rest through the table
  for (let round = 0; round < 2; round++) {
    values.forEach((id, row) => assert.equal(lookup.get(id), row, id));
    for (const missing of ['tt0000000', 'tt99999999999', `${values[0]!}0`, 'tt0x1']) {
      if (!values.includes(missing)) assert.equal(lookup.get(missing), undefined, missing);
    }
  }
});
