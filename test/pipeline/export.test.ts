import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  writeExport(renderExport(model, 'csv'), out);
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

test('JSON export parses back to the same movies', () => {
  const model = nastyModel();
  const result = renderExport(model, 'json');
  assert.ok('text' in result);
  const rows = JSON.parse(result.text) as { title: string; cluster: number }[];
  assert.equal(rows[1]?.title, 'Tab\there');
  assert.ok(rows.every((r) => Number.isInteger(r.cluster)));
});

test('export refuses a folder without a model, and a failed write keeps the old file', () => {
  const empty = mkdtempSync(join(tmpdir(), 'kinema-none-'));
  assert.throws(() => renderExport(empty, 'csv'), /no model in/);
  const model = nastyModel();
  const out = join(model, 'keep.csv');
  writeFileSync(out, 'old');
  assert.throws(() => writeExport({ text: 'new' }, join(model, 'missing-dir', 'x.csv')), /cannot write/);
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
