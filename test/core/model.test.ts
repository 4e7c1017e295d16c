import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../src/core/model-load.ts';
import { MODEL_FORMAT } from '../../src/core/model-manifest.ts';
import type { ReadModelFile } from '../../src/core/model.ts';
import { decodeColumns, encodeColumns, IdColumn, StringColumn } from '../../src/core/columns.ts';
import { KinemaError } from '../../src/core/errors.ts';
import { buildFranchiseIndex } from '../../src/core/recommend/franchise.ts';
import { buildPeopleIndex } from '../../src/core/recommend/people-index.ts';
import { coldOrder } from '../../src/core/recommend/cold-start.ts';
import { buildTitleIndex } from '../../src/core/search/title-index.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';

const reader =
  (dir: string): ReadModelFile =>
  async (name) => {
    try {
      return readFileSync(join(dir, name));
    } catch {
      return null;
    }
  };

test('a model folder round-trips through loadModel', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-model-'));
  const written = writeFixtureModel(dir);
  const model = await loadModel(reader(dir));
  assert.equal(model.catalog.size, written.catalog.size);
  assert.deepEqual(model.features, written.features);
  assert.equal(model.byId.get('tt0068646'), 0);
  assert.equal(model.people?.name.get(model.people.directors.items[0]!), 'Francis Ford Coppola');
});

test('a truncated features file is a clear model error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-model-'));
  writeFixtureModel(dir);
  writeFileSync(join(dir, 'features.f32'), new Uint8Array(8));
  await assert.rejects(loadModel(reader(dir)), /features\.f32 has 8 bytes/);
});

test('a folder written by an older kinema (format 1, catalog.json) asks for a rebuild', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-model-'));
  writeFixtureModel(dir);
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { format: number };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, format: 1 }));
  writeFileSync(join(dir, 'catalog.json'), '{"id":[]}');
  await assert.rejects(loadModel(reader(dir)), (error: unknown) => {
    assert.ok(error instanceof KinemaError);
    assert.ok(error.message.includes(`model format 1 is not supported (expected ${MODEL_FORMAT})`));
    assert.match(error.hint ?? '', /kinema build --force/);
    return true;
  });
});

test('the loaded indexes and orders are the ones serving would build', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-model-'));
  const written = writeFixtureModel(dir);
  const model = await loadModel(reader(dir));
  assert.deepEqual(model.peopleIndex, buildPeopleIndex(written.people!, written.catalog.size));
  assert.deepEqual(model.franchise, buildFranchiseIndex(written.catalog));
  assert.deepEqual(model.titleIndex?.(), buildTitleIndex(written.catalog));
  assert.deepEqual(model.coldOrders, {
    popular: coldOrder(written.catalog, 'popular'),
    topRated: coldOrder(written.catalog, 'topRated'),
    gems: coldOrder(written.catalog, 'gems'),
  });
  for (let i = 0; i < written.catalog.size; i++) {
    assert.equal(model.catalog.title.get(i), written.catalog.title.get(i));
    assert.equal(model.byId.get(written.catalog.id.get(i)), i);
  }
  assert.equal(model.byId.get('tt0000000'), undefined);
  assert.equal(model.byId.get(''), undefined);
});

test('column files keep strings exactly and refuse a damaged file by name', () => {
  const strings = ['', 'Amélie', 'Ünïcödé 漢字 🎬', 'a\tb\nc', '"quoted"', ''];
  const year = Int16Array.from([1999, -1, 0, 2024, 7, 32767]);
  const bytes = encodeColumns({ title: StringColumn.from(strings), year });
  const file = decodeColumns(bytes, 'test.bin');
  const title = file.strings('title', strings.length);
  assert.deepEqual(
    strings.map((_, i) => title.get(i)),
    strings,
  );
  assert.deepEqual(file.numeric('year', 'i16', 6), year);
  // a copy at an odd offset still decodes (copied instead of viewed)
  const shifted = new Uint8Array(bytes.length + 1);
  shifted.set(bytes, 1);
  assert.deepEqual(decodeColumns(shifted.subarray(1), 'test.bin').numeric('year', 'i16'), year);
  assert.throws(() => file.numeric('year', 'i32'), /test\.bin column year is i16, expected i32/);
  assert.throws(() => file.numeric('votes', 'i32'), /test\.bin has no column votes/);
  assert.throws(
    () => decodeColumns(bytes.subarray(0, bytes.length - 8), 'test.bin').numeric('year', 'i16'),
    /truncated/,
  );
  assert.throws(
    () => decodeColumns(new TextEncoder().encode('{"id":[]}'), 'x.bin'),
    /x\.bin is not a kinema column file/,
  );
  assert.deepEqual(encodeColumns({ title: StringColumn.from(strings), year }), bytes);
});

test('IMDb id columns are stored as numbers and read back exactly; anything else stays text', () => {
  const ids = ['tt0068646', 'tt0071562', 'tt10872600', 'tt0000001'];
  const odd = [...ids, 'tt00123'];
  const file = decodeColumns(
    encodeColumns({ ids: StringColumn.from(ids), odd: StringColumn.from(odd) }),
    'ids.bin',
  );
  const read = (name: string, n: number) => Array.from({ length: n }, (_, i) => file.strings(name).get(i));
  assert.deepEqual(read('ids', ids.length), ids);
  assert.deepEqual(read('odd', odd.length), odd);
  assert.ok(file.strings('ids') instanceof IdColumn);
  assert.ok(!(file.strings('odd') instanceof IdColumn));
});
