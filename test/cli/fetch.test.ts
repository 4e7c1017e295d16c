import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IMDB_TABLES } from '../../src/core/tables.ts';
import { startFileServer, type FileServer } from '../pipeline/_file-server.ts';

const BIN = resolve(import.meta.dirname, '../../bin/kinema.js');
let server: FileServer;
let root: string;

function kinema(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

before(async () => {
  server = await startFileServer();
  for (const t of IMDB_TABLES) server.put(`/m/${t.file}`, gzipSync(`${t.columns.join('\t')}\n`));
  root = mkdtempSync(join(tmpdir(), 'kinema-cli-fetch-'));
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

test('kinema fetch --mirror downloads into --data and prints plain progress off a TTY', async () => {
  const data = join(root, 'data');
  const run = await kinema(['fetch', '--data', data, '--mirror', `${server.url}m/`]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(
    readdirSync(data)
      .filter((f) => f.endsWith('.tsv.gz'))
      .sort(),
    IMDB_TABLES.map((t) => t.file).sort(),
  );
  assert.match(run.stderr, /title\.basics\.tsv\.gz: downloaded/);
  assert.match(run.stderr, /^title\.akas\.tsv\.gz \[#{24}\] 100% {2}\d+ B \/ \d+ B/m);
  assert.match(run.stderr, /6 files in /);
  assert.equal(run.stdout, '');
});

test('KINEMA_MIRROR and KINEMA_DATA are honoured; --only limits the tables', async () => {
  const data = join(root, 'env');
  const run = await kinema(['fetch', '--only', 'ratings'], {
    KINEMA_MIRROR: `${server.url}m`,
    KINEMA_DATA: data,
  });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(
    readdirSync(data).filter((f) => f.endsWith('.tsv.gz')),
    ['title.ratings.tsv.gz'],
  );
});

test('a 404 mirror fails with one clear message, exit 1, nothing in place', async () => {
  const data = join(root, 'bad');
  const run = await kinema(['fetch', '--data', data, '--mirror', `${server.url}missing/`]);
  assert.equal(run.code, 1);
  assert.match(
    run.stderr,
    new RegExp(`kinema: could not download ${server.url}missing/title\\.basics\\.tsv\\.gz: HTTP 404`),
  );
  assert.match(run.stderr, /try: .*--mirror URL.*--from DIR.*kinema sample/);
  assert.equal(existsSync(join(data, 'title.basics.tsv.gz')), false);
});

test('an unknown --only table is a usage error (exit 2) listing the valid names', async () => {
  const run = await kinema(['fetch', '--data', join(root, 'x'), '--only', 'basics']);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /unknown IMDb table "basics" \(ambiguous\)/);
});

test('--from takes local files (no network); with --mirror it is a usage error', async () => {
  const data = join(root, 'data');
  const copy = join(root, 'copy');
  const run = await kinema(['fetch', '--data', copy, '--from', data], { KINEMA_MIRROR: '' });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /title\.crew\.tsv\.gz: (linked|copied) from /);
  const both = await kinema(['fetch', '--data', copy, '--from', data, '--mirror', server.url]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--from and --mirror \(or KINEMA_MIRROR\) exclude each other/);
});
