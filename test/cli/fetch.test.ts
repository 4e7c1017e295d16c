import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IMDB_TABLES } from '../../src/core/tables.ts';
import { startFileServer, type FileServer } from '../pipeline/_file-server.ts';
import { makeZip, ML_FILES } from '../pipeline/_movielens-zip.ts';

const BIN = resolve(import.meta.dirname, '../../bin/kinema.js');
let server: FileServer;
let root: string;

function kinema(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    // MovieLens from the local server unless a test says otherwise: never the real site
    const base = { KINEMA_MOVIELENS_MIRROR: `${server.url}ml/` };
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...base, ...env } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

before(async () => {
  server = await startFileServer();
  for (const t of IMDB_TABLES) server.put(`/m/${t.file}`, gzipSync(`${t.columns.join('\t')}\n`));
  server.put('/ml/ml-32m.zip', await makeZip({ folder: 'ml-32m' }));
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
  assert.match(run.stderr, /6 files in .*, MovieLens: 4 files in /);
  assert.equal(run.stdout, '');
  // MovieLens beside the IMDb folder, its licence shown because it was downloaded
  const movielens = join(root, 'movielens');
  assert.deepEqual(
    ['links.csv', 'movies.csv', 'ratings.csv'].filter((f) => existsSync(join(movielens, f))),
    ['links.csv', 'movies.csv', 'ratings.csv'],
  );
  assert.match(run.stderr, /MovieLens ml-32m\.zip: downloaded, 4 files in /);
  assert.match(run.stderr, /research and non-commercial use/);
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
  assert.doesNotMatch(run.stderr, /MovieLens/, '--only is about IMDb tables');
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

test('MovieLens offline: one warning, exit 0 with the IMDb files in place; none is silent', async () => {
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
  const port = (closed.address() as { port: number }).port;
  await new Promise((done) => closed.close(done));
  const data = join(root, 'offline', 'imdb');
  const run = await kinema(['fetch', '--data', data, '--from', join(root, 'data')], {
    KINEMA_MIRROR: '',
    KINEMA_MOVIELENS_MIRROR: `http://127.0.0.1:${port}/`,
  });
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(
    run.stderr.split('\n').filter((l) => /MovieLens/.test(l)),
    [
      `warning: MovieLens: not available (could not download http://127.0.0.1:${port}/ml-32m.zip.md5: connection refused); going on with IMDb alone`,
    ],
  );

  const none = await kinema(['fetch', '--data', join(root, 'none', 'imdb'), '--from', join(root, 'data')], {
    KINEMA_MIRROR: '',
  });
  const quiet = await kinema([
    'fetch',
    '--data',
    join(root, 'none', 'imdb'),
    '--from',
    join(root, 'data'),
    '--movielens',
    'none',
  ]);
  assert.equal(none.code, 0, none.stderr);
  assert.equal(quiet.code, 0, quiet.stderr);
  assert.doesNotMatch(quiet.stderr, /MovieLens/);
  assert.equal(existsSync(join(root, 'none', 'movielens', 'unpacked.json')), true, 'made by the first run');
});

test('--movielens-from takes an unpacked release; with --movielens-mirror or a bad name it is a usage error', async () => {
  const src = join(root, 'ml-unpacked');
  mkdirSync(src, { recursive: true });
  for (const [name, text] of Object.entries(ML_FILES)) writeFileSync(join(src, name), text);
  const data = join(root, 'mlfrom', 'imdb');
  const run = await kinema(['fetch', '--data', data, '--from', join(root, 'data'), '--movielens-from', src], {
    KINEMA_MIRROR: '',
    KINEMA_MOVIELENS_MIRROR: '',
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /MovieLens: (linked|copied) from /);
  assert.ok(existsSync(join(root, 'mlfrom', 'movielens', 'ratings.csv')));

  const both = await kinema(['fetch', '--data', data, '--movielens-from', src]);
  assert.equal(both.code, 2);
  assert.match(
    both.stderr,
    /--movielens-from and --movielens-mirror \(or KINEMA_MOVIELENS_MIRROR\) exclude each other/,
  );
  const bad = await kinema(['fetch', '--data', data, '--movielens', '25m']);
  assert.equal(bad.code, 2, 'caught by commander, the same code as one kinema catches');
  assert.match(bad.stderr, /--movielens must be one of 32m, small, none, got "25m"/);
});
