import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KinemaError } from '../../src/core/errors.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { MOVIELENS_RELEASES } from '../../src/core/movielens-release.ts';
import { movielensUrl, syncMovielens, type MovielensOptions } from '../../src/pipeline/movielens-fetch.ts';
import { readingLogger, startFileServer, type FileServer } from './_file-server.ts';
import { makeZip, md5, ML_FILES } from './_movielens-zip.ts';

let server: FileServer;
let root: string;
let zip: Buffer;

before(async () => {
  server = await startFileServer();
  zip = await makeZip({ folder: 'ml-latest-small', padding: 64_000 });
  server.put('/ml/ml-latest-small.zip', zip);
  server.put('/ml/ml-latest-small.zip.md5', Buffer.from(`${md5(zip)}  ml-latest-small.zip\n`));
  root = mkdtempSync(join(tmpdir(), 'kinema-ml-fetch-'));
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const small = (dir: string, extra: Partial<MovielensOptions> = {}): MovielensOptions => ({
  dir: join(root, dir),
  release: 'small',
  mirror: `${server.url}ml/`,
  ...extra,
});
const run = (options: MovielensOptions & { keepPresent?: boolean }, log = memoryLogger()) =>
  syncMovielens(options, { fetch, log });
const requestsTo = (path: string) => server.requests.filter((r) => r.path === path);

test('downloads, checks the .md5 and unpacks only the needed files; then 304 and no second unpack', async () => {
  const options = small('first');
  const log = memoryLogger();
  const got = await run(options, log);
  assert.equal(got.status, 'downloaded');
  assert.deepEqual(readdirSync(options.dir).sort(), [
    'README.txt',
    'links.csv',
    'ml-latest-small.zip',
    'ml-latest-small.zip.http.json',
    'movies.csv',
    'ratings.csv',
    'unpacked.json',
  ]);
  assert.equal(readFileSync(join(options.dir, 'links.csv'), 'utf8'), ML_FILES['links.csv']);
  assert.match(
    readFileSync(join(options.dir, 'ratings.csv'), 'utf8'),
    /^userId,movieId,rating,timestamp\n1,1,4\.0,/,
  );
  assert.deepEqual(
    got.files.map((f) => f.path),
    ['ratings.csv', 'links.csv', 'movies.csv', 'README.txt'].map((f) => join(options.dir, f)),
  );
  assert.ok(
    log.lines.some((l) => /Harper and Joseph A\. Konstan/.test(l)),
    'the licence is shown',
  );

  const unpackedAt = statSync(join(options.dir, 'ratings.csv')).mtimeMs;
  const again = memoryLogger();
  const second = await run(options, again);
  assert.equal(second.status, 'unchanged');
  assert.equal(second.received, 0);
  assert.equal(requestsTo('/ml/ml-latest-small.zip').at(-1)?.ifNoneMatch, `"v1-${zip.length}"`);
  assert.equal(statSync(join(options.dir, 'ratings.csv')).mtimeMs, unpackedAt, 'not unpacked again');
  assert.ok(!again.lines.some((l) => /Konstan/.test(l)), 'the licence is shown only when downloading');

  // the zip is current but a file went missing: unpack again without downloading
  rmSync(join(options.dir, 'links.csv'));
  const third = await run(options);
  assert.equal(third.status, 'unpacked');
  assert.equal(third.received, 0);
  assert.equal(readFileSync(join(options.dir, 'links.csv'), 'utf8'), ML_FILES['links.csv']);
});

test('a cut download resumes from the .part with Range + If-Range', async () => {
  const options = small('resume');
  const { log, read } = readingLogger(Math.floor(zip.length / 2));
  server.cutAfter = { bytes: Math.floor(zip.length / 2), times: 1, read };
  const first = await run(options, log);
  server.cutAfter = undefined;
  assert.equal(first.status, 'unavailable');
  assert.equal(log.lines.filter((l) => l.startsWith('warn:')).length, 1);
  assert.ok(existsSync(join(options.dir, 'ml-latest-small.zip.part')));
  assert.equal(existsSync(join(options.dir, 'ratings.csv')), false);

  const second = await run(options);
  assert.equal(second.status, 'resumed');
  assert.equal(second.received, zip.length - Math.floor(zip.length / 2));
  assert.equal(requestsTo('/ml/ml-latest-small.zip').at(-1)?.range, `bytes=${Math.floor(zip.length / 2)}-`);
  assert.deepEqual(readFileSync(join(options.dir, 'ml-latest-small.zip')), zip);
  assert.equal(readFileSync(join(options.dir, 'movies.csv'), 'utf8'), ML_FILES['movies.csv']);
});

test('a wrong .md5 is an error and leaves nothing behind; a missing .md5 is fine', async () => {
  const bad = await makeZip({ folder: 'ml-32m' });
  server.put('/bad/ml-32m.zip', bad);
  server.put('/bad/ml-32m.zip.md5', Buffer.from(`MD5 (ml-32m.zip) = ${'0'.repeat(32)}\n`));
  const options: MovielensOptions = { dir: join(root, 'md5'), release: '32m', mirror: `${server.url}bad` };
  await assert.rejects(run(options), (e) => {
    assert.ok(e instanceof KinemaError && e.code === 'bad-input');
    assert.match(
      e.message,
      /ml-32m\.zip is damaged: its MD5 is [0-9a-f]{32}, the published \.md5 says 0{32}; nothing was saved/,
    );
    return true;
  });
  assert.deepEqual(readdirSync(options.dir), []);

  server.put('/nomd5/ml-32m.zip', bad);
  const got = await run({ ...options, dir: join(root, 'nomd5'), mirror: `${server.url}nomd5` });
  assert.equal(got.status, 'downloaded');
  assert.equal(requestsTo('/nomd5/ml-32m.zip.md5').length, 1);
});

test('a truncated zip, a CRC error and a zip without ratings.csv are damaged downloads', async () => {
  const stored = await makeZip({ compress: false });
  const flipped = Buffer.from(stored);
  const at = flipped.indexOf('Toy Story');
  flipped[at] = 'X'.charCodeAt(0);
  const cases: [string, Buffer, RegExp][] = [
    ['truncated', zip.subarray(0, zip.length - 200), /damaged: .*(central directory|end of)/i],
    ['crc', flipped, /damaged: ml-test\/movies\.csv fails its CRC-32 check/],
    [
      'incomplete',
      await makeZip({ files: { 'links.csv': ML_FILES['links.csv']! } }),
      /the zip has no ratings\.csv, movies\.csv/,
    ],
  ];
  for (const [name, body, message] of cases) {
    server.put(`/${name}/ml-latest-small.zip`, body);
    const options = small(name, { mirror: `${server.url}${name}/` });
    await assert.rejects(run(options), (e) => e instanceof KinemaError && message.test(e.message));
    assert.deepEqual(readdirSync(options.dir), [], `${name}: nothing saved`);
  }
});

test('offline: one warning and "unavailable"; a copy in place is kept', async () => {
  const closed = createServer();
  await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
  const port = (closed.address() as { port: number }).port;
  await new Promise((done) => closed.close(done));
  const offline = `http://127.0.0.1:${port}/`;

  const log = memoryLogger();
  const got = await run(small('offline', { mirror: offline }), log);
  assert.equal(got.status, 'unavailable');
  assert.deepEqual(log.lines, [
    `warn: MovieLens: not available (could not download ${offline}ml-latest-small.zip.md5: connection refused); going on with IMDb alone`,
  ]);

  const options = small('kept');
  await run(options);
  const kept = memoryLogger();
  const again = await run({ ...options, mirror: offline }, kept);
  assert.equal(again.status, 'kept');
  assert.equal(again.files.length, 4);
  assert.match(
    kept.lines.join('\n'),
    /^warn: MovieLens: could not check for an update, keeping the local copy/,
  );
});

test('--movielens none does nothing at all', async () => {
  const before = server.requests.length;
  const log = memoryLogger();
  const got = await run(small('none', { release: 'none' }), log);
  assert.equal(got.status, 'skipped');
  assert.equal(server.requests.length, before);
  assert.deepEqual(log.lines, []);
  assert.equal(existsSync(join(root, 'none')), false);
});

test('--movielens-from links an unpacked folder after checking headers; start keeps it unasked', async () => {
  const src = join(root, 'unpacked');
  mkdirSync(src, { recursive: true });
  for (const [name, text] of Object.entries(ML_FILES)) writeFileSync(join(src, name), text);
  const options = small('from', { from: src });
  const got = await run(options);
  assert.ok(got.status === 'linked' || got.status === 'copied');
  assert.deepEqual(readdirSync(options.dir).sort(), [
    'README.txt',
    'links.csv',
    'movies.csv',
    'ratings.csv',
    'unpacked.json',
  ]);
  assert.equal((await run(options)).status, 'present');

  const before = server.requests.length;
  const start = await run({ ...small('from'), keepPresent: true });
  assert.equal(start.status, 'present');
  assert.equal(server.requests.length, before, 'files taken from a folder are not checked against the site');

  writeFileSync(join(src, 'links.csv'), 'movieId,imdb_id,tmdbId\r\n1,0114709,862\r\n');
  await assert.rejects(run(small('from2', { from: src })), (e) => {
    assert.ok(e instanceof KinemaError);
    assert.equal(
      e.message,
      `--movielens-from: ${join(src, 'links.csv')} line 1 is "movieId,imdb_id,tmdbId", expected the MovieLens header "movieId,imdbId,tmdbId"`,
    );
    return true;
  });
  rmSync(join(src, 'ratings.csv'));
  await assert.rejects(run(small('from3', { from: src })), /ratings\.csv is missing/);
});

test('movielensUrl: default site, mirrors with or without a slash, bad URLs', () => {
  assert.equal(
    movielensUrl(MOVIELENS_RELEASES['32m']),
    'https://files.grouplens.org/datasets/movielens/ml-32m.zip',
  );
  assert.equal(movielensUrl(MOVIELENS_RELEASES.small, 'http://m/x'), 'http://m/x/ml-latest-small.zip');
  assert.throws(() => movielensUrl(MOVIELENS_RELEASES.small, 'ftp://m/'), /unsupported MovieLens mirror URL/);
});
