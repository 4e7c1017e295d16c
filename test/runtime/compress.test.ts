/**
 * gzip and brotli on the Node server: pages and JSON compressed when the client accepts a coding
 * (br preferred, q=0 refused), small bodies and clients without Accept-Encoding sent as they are,
 * the same ETag and a Vary header either way, and the cached entry compressed once.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { zlibCompress } from '../../src/runtime/compress.ts';
import type { Compress } from '../../src/server/deps.ts';
import { testApp } from '../server/_app.ts';

let calls = 0;
const counting: Compress = (body, encoding) => {
  calls++;
  return zlibCompress(body, encoding);
};
const { app } = testApp({ compress: counting, config: { accessLog: false, responseCacheBytes: 1 << 20 } });
const get = (path: string, encoding?: string) =>
  app.request(path, { headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });

test('a page is brotli for br, gzip for gzip, plain for neither, one ETag and Vary for all', async () => {
  const plain = await get('/movie/tt0068646');
  const plainText = await plain.text();
  assert.equal(plain.headers.get('content-encoding'), null);
  assert.equal(plain.headers.get('vary'), 'Accept-Encoding');
  const br = await get('/movie/tt0068646', 'gzip, deflate, br');
  assert.equal(br.headers.get('content-encoding'), 'br');
  const brBytes = new Uint8Array(await br.arrayBuffer());
  assert.equal(brotliDecompressSync(brBytes).toString('utf8'), plainText);
  assert.ok(brBytes.length < plainText.length / 3, `${brBytes.length} of ${plainText.length} bytes`);
  const gz = await get('/movie/tt0068646', 'gzip;q=1.0, br;q=0');
  assert.equal(gz.headers.get('content-encoding'), 'gzip');
  assert.equal(gunzipSync(new Uint8Array(await gz.arrayBuffer())).toString('utf8'), plainText);
  assert.equal(br.headers.get('etag'), plain.headers.get('etag'));
  assert.equal((await get('/movie/tt0068646', 'identity')).headers.get('content-encoding'), null);
});

test('JSON is compressed too, once per coding while it is cached; tiny bodies never', async () => {
  calls = 0;
  for (let i = 0; i < 3; i++) {
    const res = await get('/api/movies/tt0068646/similar?limit=20', 'br');
    assert.equal(res.headers.get('content-encoding'), 'br');
    assert.ok(
      JSON.parse(brotliDecompressSync(new Uint8Array(await res.arrayBuffer())).toString('utf8')).items,
    );
  }
  assert.equal(calls, 1, 'the cached entry keeps its brotli bytes');
  const tiny = await get('/healthz', 'br');
  assert.equal(tiny.headers.get('content-encoding'), null);
});

test('without a compressor (Lambda, behind CloudFront) nothing is compressed and nothing varies', async () => {
  const { app: bare } = testApp();
  const res = await bare.request('/movie/tt0068646', { headers: { 'accept-encoding': 'br' } });
  assert.equal(res.headers.get('content-encoding'), null);
  assert.equal(res.headers.get('vary'), null);
});
