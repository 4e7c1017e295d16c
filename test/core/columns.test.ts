import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StringColumn } from '../../src/core/columns.ts';

test('StringColumn.from packs UTF-8 bytes and offsets that decode back to every string', () => {
  const values = ['', 'a', 'Zoë', '日本映画', '😀 emoji', 'end'];
  const column = StringColumn.from(values);
  assert.deepEqual(column.bytes, new TextEncoder().encode(values.join('')));
  const decoded = new StringColumn(column.offsets, column.bytes);
  assert.deepEqual(
    values.map((_, i) => decoded.get(i)),
    values,
  );
  assert.equal(column.offsets.length, values.length + 1);
  // a lone surrogate becomes U+FFFD (3 bytes), as TextEncoder writes it
  assert.equal(
    new StringColumn(StringColumn.from(['\ud800']).offsets, StringColumn.from(['\ud800']).bytes).get(0),
    '\ufffd',
  );
  assert.equal(StringColumn.from([]).bytes.length, 0);
});
