import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureData, fetchData, tableUrl } from '../../src/pipeline/fetch.ts';
import { IMDB_TABLES } from '../../src/core/tables.ts';
import { KinemaError } from '../../src/core/errors.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { startFileServer, type FileServer } from './_file-server.ts';

let server: FileServer;
let root: string;
const bodies = new Map(
  IMDB_TABLES.map((t) => [t.name, gzipSync(`${t.columns.join('\t')}\nrow-of-${t.name}\n`)]),
);

before(async () => {
  server = await startFileServer();
  for (const t of IMDB_TABLES) server.put(`/imdb/${t.file}`, bodies.get(t.name)!);
  root = mkdtempSync(join(tmpdir(), 'kinema-fetch-'));
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const mirror = () => `${server.url}imdb`;

test('fetchData downloads all six files from a mirror, then finds them up to date', async () => {
  const dir = join(root, 'all');
  const log = memoryLogger();
  const first = await fetchData({ dir, mirror: mirror() }, { fetch, log });
  assert.deepEqual(
    first.map((r) => [r.table, r.status]),
    IMDB_TABLES.map((t) => [t.name, 'downloaded']),
  );
  for (const t of IMDB_TABLES) assert.deepEqual(readFileSync(join(dir, t.file)), bodies.get(t.name));
  assert.ok(log.lines.some((l) => l.startsWith('title.basics.tsv.gz: downloaded (http://127.0.0.1')));

  const second = await fetchData({ dir, mirror: mirror() }, { fetch, log });
  assert.ok(second.every((r) => r.status === 'unchanged' && r.received === 0));
});

test('fetchData --only takes a subset; a bad mirror URL is a bad-input error', async () => {
  const dir = join(root, 'only');
  const got = await fetchData(
    { dir, mirror: mirror(), only: ['title.ratings'] },
    { fetch, log: memoryLogger() },
  );
  assert.deepEqual(
    got.map((r) => r.table),
    ['title.ratings'],
  );
  assert.equal(existsSync(join(dir, 'title.basics.tsv.gz')), false);
  assert.throws(() => tableUrl(IMDB_TABLES[0]!, 'ftp://example.org/'), /unsupported mirror URL/);
  assert.equal(tableUrl(IMDB_TABLES[0]!, 'http://m.example/x'), 'http://m.example/x/title.basics.tsv.gz');
  assert.equal(tableUrl(IMDB_TABLES[0]!), 'https://datasets.imdbws.com/title.basics.tsv.gz');
});

test('--from links local files after checking them, and rejects missing or non-gzip files', async () => {
  const src = join(root, 'downloads');
  mkdirSync(src, { recursive: true });
  for (const t of IMDB_TABLES) writeFileSync(join(src, t.file), bodies.get(t.name)!);
  const dir = join(root, 'from');
  const got = await fetchData({ dir, from: src }, { fetch: failFetch, log: memoryLogger() });
  assert.ok(got.every((r) => r.status === 'linked' || r.status === 'copied'));
  assert.deepEqual(readFileSync(join(dir, 'name.basics.tsv.gz')), bodies.get('name.basics'));
  const again = await fetchData({ dir, from: src }, { fetch: failFetch, log: memoryLogger() });
  assert.ok(again.every((r) => r.status === 'present'));

  writeFileSync(join(src, 'title.crew.tsv.gz'), 'tconst\tdirectors\twriters\n');
  await assert.rejects(
    fetchData({ dir: join(root, 'from2'), from: src }, { fetch: failFetch, log: memoryLogger() }),
    (e) => {
      assert.ok(e instanceof KinemaError);
      assert.equal(e.message, `--from: ${join(src, 'title.crew.tsv.gz')} is not a gzip file`);
      return true;
    },
  );
  rmSync(join(src, 'title.akas.tsv.gz'));
  await assert.rejects(
    fetchData({ dir: join(root, 'from3'), from: src }, { fetch: failFetch, log: memoryLogger() }),
    /title\.akas\.tsv\.gz is missing/,
  );
});

test('ensureData: downloads what is missing, keeps present files when offline, fails when a file is missing offline', async () => {
  const dir = join(root, 'ensure');
  const files = await ensureData({ dir, mirror: mirror() }, { fetch, log: memoryLogger() });
  assert.equal(files['title.akas'].path, join(dir, 'title.akas.tsv.gz'));
  assert.equal(files['title.akas'].size, bodies.get('title.akas')!.length);
  assert.equal(files['title.akas'].mtime, statSync(join(dir, 'title.akas.tsv.gz')).mtime.toISOString());

  const log = memoryLogger();
  let calls = 0;
  const counting: typeof fetch = (...args) => (calls++, failFetch(...args));
  const offline = await ensureData({ dir, mirror: mirror() }, { fetch: counting, log });
  assert.deepEqual(offline, files);
  // one failed request means offline: one warning, no further requests
  assert.equal(calls, 1);
  assert.deepEqual(
    log.lines.filter((l) => l.startsWith('warn:')),
    [
      `warn: could not check for updated IMDb files, keeping the local copies (could not download ${mirror()}/title.basics.tsv.gz: host not found (DNS lookup failed; offline?))`,
    ],
  );

  rmSync(join(dir, 'title.crew.tsv.gz'));
  await assert.rejects(ensureData({ dir, mirror: mirror() }, { fetch: failFetch, log }), (e) => {
    assert.ok(e instanceof KinemaError && e.code === 'network');
    assert.match(e.message, /title\.crew\.tsv\.gz/);
    return true;
  });
});

test('ensureData leaves files placed by hand alone (no request, no re-download)', async () => {
  const dir = join(root, 'manual');
  mkdirSync(dir, { recursive: true });
  for (const t of IMDB_TABLES) writeFileSync(join(dir, t.file), bodies.get(t.name)!);
  const before = server.requests.length;
  const files = await ensureData({ dir, mirror: mirror() }, { fetch, log: memoryLogger() });
  assert.equal(server.requests.length, before);
  assert.equal(Object.keys(files).length, 6);
});

const failFetch: typeof fetch = async () => {
  throw new TypeError('fetch failed', {
    cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }),
  });
};
