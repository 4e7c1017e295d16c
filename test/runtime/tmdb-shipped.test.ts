/**
 * The TMDB cache where no key is: the static export includes what the cache has, and Lambda reads the
 * cache shipped in its bundle. Neither asks TMDB anything (there is no client to ask with).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LambdaEvent } from 'hono/aws-lambda';
import { memoryLogger } from '../../src/core/log.ts';
import { createLambdaHandler } from '../../src/runtime/lambda.ts';
import { lambdaConfig } from '../../src/runtime/lambda-config.ts';
import { s3Reader } from '../../src/runtime/s3-model-reader.ts';
import { readOnlyTmdbStore } from '../../src/runtime/tmdb-read-store.ts';
import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { MOTO_MISSING, startMoto } from '../deploy/moto-server.ts';
import type { CacheEntry } from '../../src/server/tmdb/details.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';

const BIN = resolve(import.meta.dirname, '../../bin/kinema.js');
const GODFATHER: CacheEntry = {
  v: 1,
  id: 'tt0068646',
  fetchedAt: 1_790_000_000_000,
  status: 'found',
  details: {
    tmdbId: 238,
    region: 'US',
    poster: '/godfather.jpg',
    overview: 'Spanning the years 1945 to 1955.',
  },
};
let root = '';
before(() => {
  root = mkdtempSync(join(tmpdir(), 'kinema-tmdb-shipped-'));
  writeFixtureModel(join(root, 'model'));
  mkdirSync(join(root, 'model-tmdb'));
  writeFileSync(join(root, 'model-tmdb', 'tt0068646.json'), JSON.stringify(GODFATHER));
  mkdirSync(join(root, 'assets'));
});
after(() => rmSync(root, { recursive: true, force: true }));

test('export-site --pages includes the cached TMDB details and credits TMDB', async () => {
  const run = await new Promise<{ code: number; stderr: string }>((done) =>
    execFile(
      process.execPath,
      [
        BIN,
        'export-site',
        '--out',
        join(root, 'site'),
        '--model',
        join(root, 'model'),
        '--pages',
        '--movies',
        '5',
      ],
      (error, _stdout, stderr) => done({ code: error ? 1 : 0, stderr }),
    ),
  );
  assert.equal(run.code, 0, run.stderr);
  const page = readFileSync(join(root, 'site', 'movie', 'tt0068646', 'index.html'), 'utf8');
  assert.match(
    page,
    /src="https:\/\/image\.tmdb\.org\/t\/p\/w500\/godfather\.jpg" data-fallback="\/poster\/tt0068646\.svg"/,
  );
  assert.match(page, /Spanning the years 1945 to 1955\./);
  assert.match(page, /not endorsed or certified by TMDB/);
  const home = readFileSync(join(root, 'site', 'index.html'), 'utf8');
  assert.match(home, /src="https:\/\/image\.tmdb\.org\/t\/p\/w342\/godfather\.jpg"/);
});

function event(path: string): LambdaEvent {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    body: null,
    headers: { host: 'example.execute-api.us-east-1.amazonaws.com', accept: 'text/html' },
    isBase64Encoded: false,
    requestContext: {
      accountId: '1',
      apiId: 'a',
      domainName: 'example.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'example',
      requestId: 'r',
      routeKey: '$default',
      stage: '$default',
      time: '25/Nov/2026:07:00:00 +0000',
      timeEpoch: 1795590000000,
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
    },
  } as unknown as LambdaEvent;
}

test('Lambda reads the TMDB cache shipped in its bundle, and without one shows generated posters', async () => {
  mkdirSync(join(root, 'bundle', 'tmdb'), { recursive: true });
  writeFileSync(join(root, 'bundle', 'tmdb', 'tt0068646.json'), JSON.stringify(GODFATHER));
  const env = { KINEMA_MODEL_SOURCE: 'bundle', KINEMA_MODEL_DIR: join(root, 'model') };
  const handler = createLambdaHandler(lambdaConfig(env, join(root, 'bundle')), { log: memoryLogger() });
  const first = await handler(event('/movie/tt0068646'));
  assert.equal(first.statusCode, 200);
  // the movie page waits (briefly) for its own cached details; its cards fill in on later views
  assert.match(first.body, /src="https:\/\/image\.tmdb\.org\/t\/p\/w500\/godfather\.jpg"/);
  assert.match(first.body, /Spanning the years 1945 to 1955\./);
  const second = await handler(event('/movie/tt0071562'));
  assert.match(second.body, /src="https:\/\/image\.tmdb\.org\/t\/p\/w342\/godfather\.jpg"/, 'a card');
  assert.match(
    second.headers?.['content-security-policy'] as string,
    /img-src 'self' data: https:\/\/image\.tmdb\.org;/,
  );

  const bare = createLambdaHandler(lambdaConfig(env, join(root, 'nothing')), { log: memoryLogger() });
  const page = await bare(event('/movie/tt0068646'));
  assert.match(page.body, /Posters are generated stand-ins\./);
  assert.throws(() => lambdaConfig({ KINEMA_TMDB_CACHE: 'cdn' }, root), /KINEMA_TMDB_CACHE is "cdn"/);
  assert.throws(
    () => lambdaConfig({ KINEMA_TMDB_CACHE: 's3' }, root),
    /neither KINEMA_TMDB_BUCKET nor KINEMA_MODEL_BUCKET/,
  );
  assert.deepEqual(lambdaConfig({ KINEMA_TMDB_CACHE: 's3', KINEMA_MODEL_BUCKET: 'b' }, root).tmdb, {
    source: 's3',
    bucket: 'b',
    prefix: 'tmdb/',
  });
});

test(
  'on S3 the cache is read from a prefix of the bucket; a missing or damaged object is no entry',
  { skip: MOTO_MISSING ? 'moto_server is not installed (pip install "moto[server]")' : false },
  async () => {
    const moto = await startMoto();
    try {
      await moto.client.send(new CreateBucketCommand({ Bucket: 'site' }));
      const put = (key: string, body: string) =>
        moto.client.send(new PutObjectCommand({ Bucket: 'site', Key: key, Body: body }));
      await put('tmdb/tt0068646.json', JSON.stringify(GODFATHER));
      await put('tmdb/tt0071562.json', '{"v":1,"id":"tt0071562","fetch');
      const store = readOnlyTmdbStore(s3Reader('site', 'tmdb/', moto.client));
      assert.deepEqual(await store.get('tt0068646'), GODFATHER);
      assert.equal(await store.get('tt0071562'), undefined);
      assert.equal(await store.get('tt0000001'), undefined);
    } finally {
      moto.stop();
    }
  },
);
