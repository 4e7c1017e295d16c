/**
 * Mirrors that misbehave (issue 16, items 7-8), from a local server on 127.0.0.1: every answer a 206, a
 * .gz labelled Content-Encoding: gzip, a `.part` that is already complete. The download must end, in a
 * bounded number of requests, with the right file or one clear error; never loop or re-download.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { downloadFile, MAX_REQUESTS } from '../../src/pipeline/download.ts';
import { KinemaError } from '../../src/core/errors.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { tempDir } from './_cli.ts';
import { figures as none, reportFigures } from '../helpers/figures.ts';

const body = gzipSync(`tconst\tvalue\ntt1\t${randomBytes(100_000).toString('base64')}\n`);
const figures = { ...none(), hung: 0 };

async function serve(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    handle(req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/f.tsv.gz`;
  return {
    url,
    requests: () => requests,
    close: () => new Promise<void>((done) => (server.closeAllConnections(), server.close(() => done()))),
  };
}

/** Runs the download with a 10 s guard: a hang is a failure, not a stuck test. */
async function bounded<T>(run: Promise<T>): Promise<T | 'hung'> {
  figures.tried++;
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<'hung'>((done) => (timer = setTimeout(() => done('hung'), 10_000)));
  const result = await Promise.race([run, guard]).finally(() => clearTimeout(timer));
  if (result === 'hung') figures.hung++;
  return result;
}

const effects = () => ({ fetch, log: memoryLogger() });

test('a server that answers 206 to every request, from the wrong byte: a clear error after a few requests', async () => {
  const server = await serve((_req, res) => {
    res.writeHead(206, { 'content-range': `bytes 10-${body.length - 1}/${body.length}` });
    res.end(body.subarray(10));
  });
  try {
    const dest = join(tempDir('mirror-206'), 'f.tsv.gz');
    const result = await bounded(downloadFile({ url: server.url, dest }, effects()).catch((e: unknown) => e));
    assert.notEqual(result, 'hung', 'the download never ended');
    assert.ok(result instanceof KinemaError, `expected a clear error, got ${String(result)}`);
    assert.match(result.message, /gave up after \d+ requests .*206/);
    assert.ok(server.requests() <= MAX_REQUESTS, `${server.requests()} requests`);
    assert.equal(existsSync(dest), false);
  } finally {
    await server.close();
  }
});

test('a server that answers 206 with the whole file to a request without Range: the file is kept', async () => {
  const server = await serve((_req, res) => {
    res.writeHead(206, { 'content-range': `bytes 0-${body.length - 1}/${body.length}` });
    res.end(body);
  });
  try {
    const dest = join(tempDir('mirror-206-whole'), 'f.tsv.gz');
    const result = await bounded(downloadFile({ url: server.url, dest }, effects()));
    assert.notEqual(result, 'hung');
    assert.ok(readFileSync(dest).equals(body));
    assert.equal(server.requests(), 1);
  } finally {
    await server.close();
  }
});

for (const layers of [1, 2]) {
  test(`a mirror that labels the .gz Content-Encoding: gzip (${layers === 1 ? 'the file as is' : 'compressed again'}): a valid file`, async () => {
    const server = await serve((_req, res) => {
      const sent = layers === 1 ? body : gzipSync(body);
      res.writeHead(200, { 'content-encoding': 'gzip', 'content-length': sent.length, etag: '"v1"' });
      res.end(sent);
    });
    try {
      const dest = join(tempDir('mirror-encoding'), 'f.tsv.gz');
      const result = await bounded(downloadFile({ url: server.url, dest }, effects()));
      assert.notEqual(result, 'hung');
      const { gunzipSync } = await import('node:zlib');
      assert.ok(
        gunzipSync(readFileSync(dest)).equals(gunzipSync(body)),
        'the stored file is not the served one',
      );
      assert.equal(existsSync(`${dest}.part`), false);
    } finally {
      await server.close();
    }
  });
}

test('a complete .part left by a run killed during its gzip check is kept, not downloaded again', async () => {
  let bytesSent = 0;
  const server = await serve((req, res) => {
    if (req.headers.range) {
      res.writeHead(416, { 'content-range': `bytes */${body.length}` });
      res.end();
      return;
    }
    bytesSent += body.length;
    res.writeHead(200, { 'content-length': body.length, etag: '"v1"' });
    res.end(body);
  });
  try {
    const dest = join(tempDir('mirror-part'), 'f.tsv.gz');
    writeFileSync(`${dest}.part`, body);
    // the sidecar as written before the body; `size` known (2nd case: unknown, the 416 tells it)
    for (const size of [body.length, undefined]) {
      writeFileSync(`${dest}.part`, body);
      writeFileSync(`${dest}.part.json`, JSON.stringify({ url: server.url, etag: '"v1"', size }));
      const result = await bounded(downloadFile({ url: server.url, dest }, effects()));
      assert.notEqual(result, 'hung');
      assert.ok(readFileSync(dest).equals(body));
      assert.equal(bytesSent, 0, 'the whole file was downloaded again');
    }
  } finally {
    await server.close();
  }
  const { hung, ...rest } = figures;
  // a hang is the fetch loop the issue found: counted as a crash
  reportFigures('fetch: misbehaving mirrors', { ...rest, crashes: rest.crashes + hung });
  assert.equal(figures.hung, 0);
});
