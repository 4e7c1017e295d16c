import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { downloadFile } from '../../src/pipeline/download.ts';
import { KinemaError } from '../../src/core/errors.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { readingLogger, startFileServer, type FileServer } from './_file-server.ts';

let server: FileServer;
let dir: string;
// ~300 KB of gzip that barely compresses, so a cut lands mid-body
const gz = (seed: string) => gzipSync(`tconst\tvalue\n${seed}\t${randomBytes(220_000).toString('base64')}\n`);
const effects = () => ({ fetch, log: memoryLogger() });

before(async () => {
  server = await startFileServer();
  dir = mkdtempSync(join(tmpdir(), 'kinema-download-'));
});
after(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

function fresh(name: string, body: Buffer) {
  server.put(`/${name}`, body);
  server.requests.length = 0;
  server.cutAfter = undefined;
  server.ignoreRange = false;
  server.forceStatus = undefined;
  return { url: `${server.url}${name}`, dest: join(dir, name) };
}

async function rejection(promise: Promise<unknown>): Promise<KinemaError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof KinemaError, `expected a KinemaError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the download to fail');
}

test('downloads a file, then a 304 keeps it without a second transfer', async () => {
  const body = gz('a');
  const { url, dest } = fresh('a.tsv.gz', body);
  const first = await downloadFile({ url, dest }, effects());
  assert.equal(first.status, 'downloaded');
  assert.deepEqual(readFileSync(dest), body);
  assert.equal(existsSync(`${dest}.part`), false);
  const mtime = statSync(dest).mtimeMs;

  const second = await downloadFile({ url, dest }, effects());
  assert.deepEqual([second.status, second.received], ['unchanged', 0]);
  assert.equal(server.requests.at(-1)?.ifNoneMatch, server.files.get('/a.tsv.gz')?.etag);
  assert.equal(statSync(dest).mtimeMs, mtime);

  const forced = await downloadFile({ url, dest, force: true }, effects());
  assert.equal(forced.status, 'downloaded');
  assert.equal(server.requests.at(-1)?.ifNoneMatch, undefined);
});

test('a changed file on the server is downloaded again', async () => {
  const { url, dest } = fresh('b.tsv.gz', gz('b1'));
  await downloadFile({ url, dest }, effects());
  const v2 = gz('b2');
  server.put('/b.tsv.gz', v2, 'v2');
  const again = await downloadFile({ url, dest }, effects());
  assert.equal(again.status, 'downloaded');
  assert.deepEqual(readFileSync(dest), v2);
});

test('resumes after the server cuts the connection mid-body', async () => {
  const body = gz('c');
  const { url, dest } = fresh('c.tsv.gz', body);
  const { log, read } = readingLogger(100_000);
  server.cutAfter = { bytes: 100_000, times: 1, read };
  const error = await rejection(downloadFile({ url, dest }, { fetch, log }));
  assert.match(error.message, /interrupted after \d+ bytes/);
  assert.ok(error.message.includes(url));
  assert.match(error.hint ?? '', /resume/);
  assert.equal(existsSync(dest), false, 'nothing half-written in place');
  const partSize = statSync(`${dest}.part`).size;
  assert.ok(partSize >= 100_000 && partSize < body.length, `part has ${partSize} bytes`);

  const resumed = await downloadFile({ url, dest }, effects());
  assert.equal(resumed.status, 'resumed');
  assert.equal(resumed.received, body.length - partSize);
  assert.equal(server.requests.at(-1)?.range, `bytes=${partSize}-`);
  assert.equal(server.requests.at(-1)?.ifRange, server.files.get('/c.tsv.gz')?.etag);
  assert.deepEqual(readFileSync(dest), body);
  assert.equal(existsSync(`${dest}.part`), false);
  assert.equal(existsSync(`${dest}.part.json`), false);
});

test('a stalled connection times out as an interruption; the next run resumes', async () => {
  const body = gz('s');
  const { url, dest } = fresh('s.tsv.gz', body);
  server.cutAfter = { bytes: 50_000, times: 1, stall: true };
  const error = await rejection(downloadFile({ url, dest, idleTimeoutMs: 300 }, effects()));
  assert.match(error.message, /interrupted after \d+ bytes: no data for 0 s \(stalled connection\)/);
  assert.equal(existsSync(dest), false);
  const resumed = await downloadFile({ url, dest, idleTimeoutMs: 300 }, effects());
  assert.equal(resumed.status, 'resumed');
  assert.deepEqual(readFileSync(dest), body);
});

test('a server that ignores Range makes the download restart from 0', async () => {
  const body = gz('d');
  const { url, dest } = fresh('d.tsv.gz', body);
  server.cutAfter = { bytes: 120_000, times: 1 };
  await rejection(downloadFile({ url, dest }, effects()));
  server.ignoreRange = true;
  const again = await downloadFile({ url, dest }, effects());
  assert.equal(again.status, 'downloaded');
  assert.equal(again.received, body.length);
  assert.ok(server.requests.at(-1)?.range, 'a range was asked for');
  assert.deepEqual(readFileSync(dest), body);
});

test('a file that changed while half-downloaded is fetched whole (If-Range mismatch)', async () => {
  const { url, dest } = fresh('e.tsv.gz', gz('e1'));
  server.cutAfter = { bytes: 80_000, times: 1 };
  await rejection(downloadFile({ url, dest }, effects()));
  const v2 = gz('e2');
  server.put('/e.tsv.gz', v2, 'v2');
  const again = await downloadFile({ url, dest }, effects());
  assert.equal(again.status, 'downloaded');
  assert.deepEqual(readFileSync(dest), v2);
});

test('a corrupt gzip is rejected and nothing is left in place; an older good copy survives', async () => {
  const good = gz('f');
  const { url, dest } = fresh('f.tsv.gz', good);
  await downloadFile({ url, dest }, effects());
  const broken = Buffer.from(gz('f2'));
  broken.fill(0x41, 2000, 2600); // damage the deflate stream, keep the magic bytes
  server.put('/f.tsv.gz', broken, 'v2');
  const error = await rejection(downloadFile({ url, dest }, effects()));
  assert.match(error.message, /not a valid gzip file/);
  assert.ok(error.message.includes(url));
  assert.deepEqual(readFileSync(dest), good, 'the previous complete file is untouched');
  assert.equal(existsSync(`${dest}.part`), false);

  const truncated = fresh('g.tsv.gz', gz('g').subarray(0, 5000));
  const error2 = await rejection(downloadFile(truncated, effects()));
  assert.match(error2.message, /not a valid gzip file/);
  assert.equal(existsSync(truncated.dest), false);
  assert.equal(existsSync(`${truncated.dest}.part`), false);
});

test('HTTP 404 and 500 give one clear error naming the URL and what to try', async () => {
  const missing = { url: `${server.url}nope.tsv.gz`, dest: join(dir, 'nope.tsv.gz') };
  const e404 = await rejection(downloadFile(missing, effects()));
  assert.equal(
    e404.message,
    `could not download ${missing.url}: HTTP 404 Not Found (not found on the server)`,
  );
  assert.match(e404.hint ?? '', /--mirror/);
  assert.match(e404.hint ?? '', /--from/);
  assert.equal(existsSync(missing.dest), false);

  const { url, dest } = fresh('h.tsv.gz', gz('h'));
  server.forceStatus = 500;
  const e500 = await rejection(downloadFile({ url, dest }, effects()));
  assert.match(e500.message, /HTTP 500 Internal Server Error \(server error\)/);
  assert.equal(e500.exitCode, 1);
  assert.equal(existsSync(dest), false);
});

test('an unreachable server (offline) is a network error naming the URL', async () => {
  const closed = await startFileServer();
  const url = `${closed.url}x.tsv.gz`;
  await closed.close();
  const error = await rejection(downloadFile({ url, dest: join(dir, 'x.tsv.gz') }, effects()));
  assert.equal(error.code, 'network');
  assert.equal(error.message, `could not download ${url}: connection refused`);
});

test('progress is reported in bytes up to the total', async () => {
  const body = gz('p');
  const { url, dest } = fresh('p.tsv.gz', body);
  const calls: [number, number | undefined, string | undefined][] = [];
  const log = {
    ...memoryLogger(),
    progress: (_l: string, d: number, t?: number, o?: { unit?: string }) => calls.push([d, t, o?.unit]),
  };
  await downloadFile({ url, dest, label: 'p' }, { fetch, log });
  assert.deepEqual(calls.at(-1), [body.length, body.length, 'bytes']);
  assert.deepEqual(calls[0], [0, body.length, 'bytes']);
});
