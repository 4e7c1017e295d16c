import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  replaceAtomic,
  replaceAtomicSync,
  tempSibling,
  writeAtomic,
  writeAtomicSync,
} from '../../src/io/atomic.ts';

function scratch(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-atomic-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test('a file is replaced whole, through one hidden sibling named for the process', async (t) => {
  const dir = scratch(t);
  const path = join(dir, 'a.json');
  assert.equal(tempSibling(path), join(dir, `.a.json.tmp-${process.pid}`));
  writeAtomicSync(path, 'one');
  await writeAtomic(path, 'two');
  assert.equal(readFileSync(path, 'utf8'), 'two');
  assert.deepEqual(readdirSync(dir), ['a.json']);
});

test('a failed write leaves the earlier file and no temporary file', async (t) => {
  const dir = scratch(t);
  const path = join(dir, 'a.txt');
  writeFileSync(path, 'old');
  await assert.rejects(
    replaceAtomic(path, async (temp) => {
      writeFileSync(temp, 'half');
      throw new Error('disk gone');
    }),
    /disk gone/,
  );
  assert.throws(
    () =>
      replaceAtomicSync(path, () => {
        throw new Error('again');
      }),
    /again/,
  );
  assert.equal(readFileSync(path, 'utf8'), 'old');
  assert.deepEqual(readdirSync(dir), ['a.txt']);
});

test('a folder is swapped in: the old one is moved aside and removed', async (t) => {
  const dir = scratch(t);
  const site = join(dir, 'site');
  mkdirSync(site);
  writeFileSync(join(site, 'stale.html'), 'x');
  const files = await replaceAtomic(site, async (temp) => {
    mkdirSync(temp);
    writeFileSync(join(temp, 'index.html'), 'new');
    return 1;
  });
  assert.equal(files, 1);
  assert.deepEqual(readdirSync(site), ['index.html']);
  assert.deepEqual(readdirSync(dir), ['site']);
});
