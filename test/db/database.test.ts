import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from '../../src/db/database.ts';

test('ints streams INTEGER columns row-major into one Int32Array, a null as 0', async () => {
  const db = await openDatabase();
  try {
    const big = await db.ints('SELECT i::INTEGER AS a, (-i)::INTEGER AS b FROM range(5000) t(i)');
    assert.equal(big.rows, 5000);
    assert.equal(big.columns, 2);
    assert.ok(big.data instanceof Int32Array);
    assert.deepEqual([...big.data.subarray(0, 4)], [0, 0, 1, -1]);
    assert.deepEqual([...big.data.subarray(9998)], [4999, -4999]);
    const withNull = await db.ints('SELECT * FROM (VALUES (1::INTEGER), (NULL::INTEGER)) t(x)');
    assert.deepEqual([...withNull.data], [1, 0]);
    await assert.rejects(db.ints("SELECT 'x' AS name"), /column name must be INTEGER, got VARCHAR/);
    await assert.rejects(db.matrix('SELECT 1::INTEGER AS n'), /column n must be FLOAT, got INTEGER/);
  } finally {
    db.close();
  }
});

test('columns gives one array per column, BIGINT as numbers', async () => {
  const db = await openDatabase();
  try {
    const out = await db.columns<{ n: number; s: string }>(
      "SELECT i AS n, 'r' || i AS s FROM range(3) t(i) ORDER BY i",
    );
    assert.deepEqual(out, { n: [0, 1, 2], s: ['r0', 'r1', 'r2'] });
  } finally {
    db.close();
  }
});

test('joined splits blocks of chr(31)-joined strings into one array per column, in block order', async () => {
  const db = await openDatabase();
  try {
    const values = await db.joined<{ word: string; upper: string }>(`
      SELECT string_agg(w, chr(31) ORDER BY i) AS word, string_agg(upper(w), chr(31) ORDER BY i) AS upper
      FROM (SELECT i, CASE WHEN i % 7 = 0 THEN '' ELSE 'w' || i || 'é' END AS w FROM range(10000) t(i))
      GROUP BY i // 4096
      ORDER BY i // 4096`);
    assert.equal(values.word.length, 10000);
    assert.equal(values.word[0], '', 'empty strings survive, first and inside a block');
    assert.equal(values.word[1], 'w1é');
    assert.equal(values.word[4096], 'w4096é', 'a block boundary');
    assert.equal(values.word[9999], 'w9999é');
    assert.equal(values.upper[9999], 'W9999É');
    const none = await db.joined<{ word: string }>(
      `SELECT string_agg('x', chr(31)) AS word FROM range(0) t(i) GROUP BY i`,
    );
    assert.deepEqual(none.word, []);
  } finally {
    db.close();
  }
});
