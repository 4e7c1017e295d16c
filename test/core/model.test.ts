import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, type ReadModelFile } from '../../src/core/model.ts';
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
  assert.equal(model.people?.name[model.people.directors.items[0]!], 'Francis Ford Coppola');
});

test('a truncated features file is a clear model error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-model-'));
  writeFixtureModel(dir);
  writeFileSync(join(dir, 'features.f32'), new Uint8Array(8));
  await assert.rejects(loadModel(reader(dir)), /features\.f32 has 8 bytes/);
});
