import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderExport, writeExport } from '../../src/pipeline/export.ts';
import { openDatabase } from '../../src/db/database.ts';
import { CLASSICS, writeFixtureModel } from '../helpers/fixture-model.ts';

const NASTY = ['Commas, and "quotes"', 'Tab\there', 'Line\nbreak', '"Leading quote', 'Ünïcödé 漢字 🎬'];

function nastyModel(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-export-'));
  writeFixtureModel(
    dir,
    CLASSICS.map((m, i) => ({ ...m, title: NASTY[i] ?? m.title })),
  );
  return dir;
}

test('CSV export has the original columns and reads back exactly with a standard CSV reader', async () => {
  const model = nastyModel();
  const out = join(model, 'movies.csv');
  await writeExport(renderExport(model, 'csv'), out);
  const text = readFileSync(out, 'utf8');
  assert.equal(text.split('\r\n')[0], 'id,title,year,genres,rating,votes,cluster,distance');
  const db = await openDatabase();
  const rows = await db.rows<{ id: string; title: string; genres: string; votes: number }>(
    `SELECT * FROM read_csv('${out}', header = true, quote = '"', escape = '"', all_varchar = true)`,
  );
  db.close();
  assert.equal(rows.length, CLASSICS.length);
  NASTY.forEach((title, i) => assert.equal(rows[i]?.title, title));
  assert.equal(rows[0]?.genres, 'Crime,Drama');
  assert.equal(Number(rows[0]?.votes), 2100000);
});

test('JSON export parses back to the same movies, genres as a list like the API', () => {
  const model = nastyModel();
  const result = renderExport(model, 'json');
  assert.ok('text' in result);
  const rows = JSON.parse(result.text) as { title: string; cluster: number; genres: string[] }[];
  assert.equal(rows[1]?.title, 'Tab\there');
  assert.ok(rows.every((r) => Number.isInteger(r.cluster)));
  assert.deepEqual(rows[0]?.genres, ['Crime', 'Drama']);
  assert.deepEqual(Object.keys(rows[0]!), [
    'id',
    'title',
    'year',
    'genres',
    'rating',
    'votes',
    'cluster',
    'distance',
  ]);
});

test('Parquet export has the same columns and rows as CSV and JSON, typed', async () => {
  const model = nastyModel();
  const out = join(model, 'export.parquet');
  await writeExport(renderExport(model, 'parquet'), out);
  const json = renderExport(model, 'json');
  assert.ok('text' in json);
  const db = await openDatabase();
  const columns = await db.rows<{ column_name: string; column_type: string }>(
    `DESCRIBE SELECT * FROM read_parquet('${out}')`,
  );
  const rows = await db.rows(`SELECT * FROM read_parquet('${out}')`);
  db.close();
  assert.deepEqual(
    columns.map((c) => `${c.column_name} ${c.column_type}`),
    [
      'id VARCHAR',
      'title VARCHAR',
      'year INTEGER',
      'genres VARCHAR[]',
      'rating DOUBLE',
      'votes INTEGER',
      'cluster INTEGER',
      'distance DOUBLE',
    ],
  );
  assert.deepEqual(rows, JSON.parse(json.text), 'the same movies, in the same order, as the JSON export');
  assert.deepEqual(
    readdirSync(model).filter((f) => f.includes('.tmp-') || f.endsWith('.rows.json')),
    [],
  );
});

test('export refuses a folder without a model, and a failed write keeps the old file', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'kinema-none-'));
  assert.throws(() => renderExport(empty, 'csv'), /no model in/);
  const model = nastyModel();
  const out = join(model, 'keep.csv');
  writeFileSync(out, 'old');
  await assert.rejects(writeExport({ text: 'new' }, join(model, 'missing-dir', 'x.csv')), /cannot write/);
  assert.equal(readFileSync(out, 'utf8'), 'old');
});

test('CSV export writes ratings as IMDb shows them, and an older model folder asks for a rebuild', () => {
  const model = nastyModel();
  const result = renderExport(model, 'csv');
  assert.ok('text' in result);
  const first = result.text.split('\r\n')[1]!.split(',');
  assert.equal(first[first.length - 4], '9.2');
  rmSync(join(model, 'catalog.bin'));
  writeFileSync(join(model, 'catalog.json'), '{}');
  assert.throws(() => renderExport(model, 'csv'), /older format.*/);
});
