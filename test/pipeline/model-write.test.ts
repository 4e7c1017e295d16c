import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { createModelWriter, recover } from '../../src/pipeline/model-write.ts';

const DEAD_PID = 2 ** 22 + 12345; // above Linux's pid_max default: never a live process

test('commit swaps a complete folder into place, manifest last', () => {
  const parent = mkdtempSync(join(tmpdir(), 'kinema-mw-'));
  const model = join(parent, 'model');
  const a = createModelWriter(model);
  a.write('x.txt', 'one');
  a.commit({ v: 1 });
  const b = createModelWriter(model);
  b.write('x.txt', 'two');
  assert.equal(readFileSync(join(model, 'x.txt'), 'utf8'), 'one'); // old model serves until commit
  b.commit({ v: 2 });
  assert.equal(readFileSync(join(model, 'x.txt'), 'utf8'), 'two');
  assert.deepEqual(readdirSync(parent), ['model']);
});

test('temp folders of dead builds are removed; a live build keeps its own', () => {
  const parent = mkdtempSync(join(tmpdir(), 'kinema-mw-'));
  mkdirSync(join(parent, `.model.tmp-${DEAD_PID}`));
  mkdirSync(join(parent, `.model.tmp-${process.ppid}`));
  recover(join(parent, 'model'));
  assert.deepEqual(readdirSync(parent).sort(), [`.model.tmp-${process.ppid}`]);
});

test('a swap killed between its renames is undone: the previous model comes back', () => {
  const parent = mkdtempSync(join(tmpdir(), 'kinema-mw-'));
  const aside = join(parent, `.model.old-${DEAD_PID}`);
  mkdirSync(aside);
  writeFileSync(join(aside, 'manifest.json'), '{"v":1}');
  const writer = createModelWriter(join(parent, 'model'));
  assert.ok(existsSync(join(parent, 'model', 'manifest.json')));
  writer.abort();
  assert.deepEqual(readdirSync(parent), ['model']);
});

test('describe: size and SHA-256 of what was written, of the last write of a name, and of files written beside the writer', async () => {
  const parent = mkdtempSync(join(tmpdir(), 'kinema-mw-'));
  const writer = createModelWriter(join(parent, 'model'));
  writer.write('a.bin', Uint8Array.from([1, 2, 3]));
  writer.write('b.txt', 'first');
  writer.write('b.txt', 'héllo');
  // a file another writer put there (DuckDB's COPY) is read back
  writeFileSync(join(writer.dir, 'c.parquet'), 'PAR1');
  const sha = (bytes: string | Uint8Array) => createHash('sha256').update(bytes).digest('hex');
  assert.deepEqual(await writer.describe(['a.bin', 'b.txt', 'c.parquet']), {
    'a.bin': { size: 3, sha256: sha(Uint8Array.from([1, 2, 3])) },
    'b.txt': { size: 6, sha256: sha('héllo') },
    'c.parquet': { size: 4, sha256: sha('PAR1') },
  });
  writer.abort();
});
