import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../../src/core/model-load.ts';
import { fileModelReader, fileRangeOpener } from '../../src/runtime/files.ts';
import { writeNeighbours } from '../../src/pipeline/neighbours.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';

test('neighbour rows are read from the files the model opened, even after a rebuild replaced them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-files-'));
  const model = writeFixtureModel(dir);
  await writeNeighbours(model, async (name, bytes) => writeFileSync(join(dir, name), bytes), memoryLogger(), {
    n: 4,
  });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ ...manifest, neighbours: { n: 4 } }));
  const opened = await loadModel(fileModelReader(dir), { open: fileRangeOpener(dir) });
  const whole = await loadModel(fileModelReader(dir));
  const before = Array.from({ length: model.catalog.size }, (_, m) => whole.neighbours!.row(m));

  // a rebuild renames new files into place; the served model keeps reading the ones it opened
  writeFileSync(join(dir, 'neighbours.bin.new'), new Uint8Array(model.catalog.size * 4 * 8).fill(0xff));
  renameSync(join(dir, 'neighbours.bin.new'), join(dir, 'neighbours.bin'));
  before.forEach((row, m) => assert.deepEqual(opened.neighbours!.row(m), row));
  assert.equal(before[0]!.index.length, 4);

  // a file of the wrong size is refused at load, naming it
  writeFileSync(join(dir, 'neighbours.bin'), new Uint8Array(12));
  await assert.rejects(
    loadModel(fileModelReader(dir), { open: fileRangeOpener(dir) }),
    /neighbours\.bin has 12 bytes/,
  );
});
