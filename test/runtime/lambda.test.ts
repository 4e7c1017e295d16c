import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger } from '../../src/core/log.ts';
import { createLambdaHandler, viewerIp, withoutRoutePrefix } from '../../src/runtime/lambda.ts';
import type { LambdaEvent } from 'hono/aws-lambda';
import { lambdaConfig } from '../../src/runtime/lambda-config.ts';
import { s3Reader } from '../../src/runtime/s3-model-reader.ts';
import { listUploadFiles } from '../../src/deploy/files.ts';
import { syncToS3 } from '../../src/deploy/s3-sync.ts';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { MOTO_MISSING, startMoto } from '../deploy/moto-server.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { apiEvent } from '../helpers/lambda-event.ts';

let root = '';
before(() => {
  root = mkdtempSync(join(tmpdir(), 'kinema-lambda-'));
  writeFixtureModel(join(root, 'model'));
  mkdirSync(join(root, 'assets'));
  writeFileSync(join(root, 'assets', 'app.css'), 'body { margin: 0 }');
});
after(() => rmSync(root, { recursive: true, force: true }));

function handlerWith(env: Record<string, string> = {}) {
  const log = memoryLogger();
  const handler = createLambdaHandler(lambdaConfig({ KINEMA_MODEL_SOURCE: 'bundle', ...env }, root), { log });
  return { handler, log };
}

function json(result: { body: string }): Record<string, unknown> {
  return JSON.parse(result.body) as Record<string, unknown>;
}

test('search finds a film by title through an API Gateway v2 event', async () => {
  const { handler, log } = handlerWith();
  const result = await handler(apiEvent('/api/search', 'q=godfather'));
  assert.equal(result.statusCode, 200);
  assert.match(String(result.headers?.['content-type']), /application\/json/);
  const ids = (json(result).items as { id: string }[]).map((m) => m.id);
  assert.equal(ids[0], 'tt0068646');
  assert.ok(ids.includes('tt0071562'), 'Part II is found too');
  assert.ok(log.lines.some((l) => /model \w+ loaded: 16 movies/.test(l)));
});

test('similar returns the sequel first and the model is loaded once per instance', async () => {
  const { handler, log } = handlerWith();
  const first = await handler(apiEvent('/api/movies/tt0075148/similar', 'limit=3'));
  assert.equal(first.statusCode, 200);
  const items = json(first).items as { movie: { id: string }; explanation: { sentence: string } }[];
  assert.equal(items.length, 3);
  assert.equal(items[0]!.movie.id, 'tt0079817', 'Rocky II is most like Rocky');
  assert.ok(!items.some((m) => m.movie.id === 'tt0075148'), 'never the movie itself');
  assert.ok(items[0]!.explanation.sentence.length > 0);
  await handler(apiEvent('/api/movies/tt0068646'));
  assert.equal(log.lines.filter((l) => l.includes('loaded:')).length, 1);
});

test('CloudFront-Viewer-Country of a denied country gets 451, others pass', async () => {
  const { handler } = handlerWith({ KINEMA_GEO_MODE: 'deny', KINEMA_GEO_COUNTRIES: 'FR,DE' });
  const blocked = await handler(apiEvent('/api/movies/tt0068646', '', { 'cloudfront-viewer-country': 'FR' }));
  assert.equal(blocked.statusCode, 451);
  assert.equal(blocked.headers?.['cache-control'], 'no-store');
  const ok = await handler(apiEvent('/api/movies/tt0068646', '', { 'cloudfront-viewer-country': 'US' }));
  assert.equal(ok.statusCode, 200);
  assert.equal(json(ok).title, 'The Godfather');
});

test('unknown routes and movies are 404 with a JSON error', async () => {
  const { handler } = handlerWith();
  const route = await handler(apiEvent('/api/nope'));
  assert.equal(route.statusCode, 404);
  assert.equal((json(route).error as { code: string }).code, 'not-found');
  const movie = await handler(apiEvent('/api/movies/tt9999999'));
  assert.equal(movie.statusCode, 404);
  assert.match((json(movie).error as { message: string }).message, /tt9999999/);
});

test('a bad parameter is a 400 naming it', async () => {
  const { handler } = handlerWith();
  const result = await handler(apiEvent('/api/movies/tt0068646/similar', 'limit=abc'));
  assert.equal(result.statusCode, 400);
  assert.match((json(result).error as { message: string }).message, /limit must be an integer, got "?abc/);
  const badId = await handler(apiEvent('/api/movies/godfather'));
  assert.equal(badId.statusCode, 400);
});

test('HTML pages and bundled assets are served', async () => {
  const { handler } = handlerWith();
  const page = await handler(apiEvent('/movie/tt0080684', '', { accept: 'text/html' }));
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /The Empire Strikes Back/);
  const linked = /href="(\/assets\/app\.[0-9a-f]{8}\.css)"/.exec(page.body)?.[1];
  assert.ok(linked, 'the page links the stylesheet by its content hash');
  const plain = await handler(apiEvent('/assets/app.css'));
  assert.equal(plain.statusCode, 302);
  const css = await handler(apiEvent(linked));
  assert.equal(css.statusCode, 200);
  assert.equal(css.body, 'body { margin: 0 }');
});

test('with an origin secret, requests that bypass CloudFront are refused', async () => {
  const { handler } = handlerWith({ KINEMA_ORIGIN_SECRET: 's3cret-s3cret-s3cret' });
  const direct = await handler(apiEvent('/api/movies/tt0068646'));
  assert.equal(direct.statusCode, 403);
  const viaCdn = await handler(
    apiEvent('/api/movies/tt0068646', '', { 'x-kinema-origin': 's3cret-s3cret-s3cret' }),
  );
  assert.equal(viaCdn.statusCode, 200);
});

test("the secret route prefix CloudFront adds is taken off: the app serves the viewer's path", async () => {
  const secret = 's3cret-s3cret-s3cret';
  const { handler } = handlerWith({ KINEMA_ORIGIN_SECRET: secret });
  const viaCdn = (path: string, query = '') => handler(apiEvent(path, query, { 'x-kinema-origin': secret }));
  const search = await viaCdn(`/${secret}/api/search`, 'q=godfather');
  assert.equal(search.statusCode, 200);
  assert.equal((json(search).items as { id: string }[])[0]?.id, 'tt0068646');
  const home = await viaCdn(`/${secret}`);
  assert.equal(home.statusCode, 200);
  assert.match(home.body, /<html/);
  // an older stack's paths (no prefix) still work; a path that only starts like the secret is not cut
  assert.equal((await viaCdn('/api/movies/tt0068646')).statusCode, 200);
  assert.equal((await viaCdn(`/${secret}x/api/movies/tt0068646`)).statusCode, 404);
  // the prefix without the header is still refused
  assert.equal((await handler(apiEvent(`/${secret}/api/movies/tt0068646`))).statusCode, 403);
  // an event without requestContext.http keeps that shape (the adapter tells versions apart by it)
  const odd = { version: '1.0', rawPath: `/${secret}/x`, requestContext: {} } as unknown as LambdaEvent;
  const cut = withoutRoutePrefix(odd, secret) as unknown as { rawPath: string; requestContext: object };
  assert.equal(cut.rawPath, '/x');
  assert.deepEqual(cut.requestContext, {});
});

test('a missing model is a 503, and the next request retries the load', async () => {
  const empty = mkdtempSync(join(tmpdir(), 'kinema-lambda-empty-'));
  try {
    const log = memoryLogger();
    const handler = createLambdaHandler(lambdaConfig({ KINEMA_MODEL_DIR: join(empty, 'model') }, empty), {
      log,
    });
    const first = await handler(apiEvent('/api/search', 'q=dune'));
    assert.equal(first.statusCode, 503);
    assert.ok(log.lines.some((l) => /model file manifest.json is missing/.test(l)));
    writeFixtureModel(join(empty, 'model'));
    const second = await handler(apiEvent('/api/search', 'q=dune'));
    assert.equal(second.statusCode, 200);
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
});

test('bad environment values fail fast naming the variable', () => {
  assert.throws(() => lambdaConfig({ KINEMA_MODEL_SOURCE: 'ftp' }, root), /KINEMA_MODEL_SOURCE is "ftp"/);
  assert.throws(() => lambdaConfig({ KINEMA_MODEL_SOURCE: 's3' }, root), /KINEMA_MODEL_BUCKET is not set/);
  assert.throws(() => lambdaConfig({ KINEMA_GEO_MODE: 'deny' }, root), /KINEMA_GEO_COUNTRIES is empty/);
  assert.throws(() => lambdaConfig({ KINEMA_GEO_MODE: 'allow', KINEMA_GEO_COUNTRIES: 'USA' }, root), /"USA"/);
  assert.deepEqual(
    lambdaConfig({ KINEMA_MODEL_SOURCE: 's3', KINEMA_MODEL_BUCKET: 'b', KINEMA_MODEL_PREFIX: 'm' }, root)
      .model,
    {
      source: 's3',
      bucket: 'b',
      prefix: 'm/',
    },
  );
});

test(
  'KINEMA_MODEL_SOURCE=s3: the model is read from an S3 prefix (moto_server)',
  { skip: MOTO_MISSING ? 'moto_server is not installed (pip install "moto[server]")' : false },
  async () => {
    const moto = await startMoto();
    try {
      await moto.client.send(new CreateBucketCommand({ Bucket: 'site' }));
      const files = listUploadFiles(join(root, 'model'), 'model/v1/', 'model');
      await syncToS3(moto.client, files, { bucket: 'site', prefix: 'model/v1/' });
      const config = lambdaConfig(
        { KINEMA_MODEL_SOURCE: 's3', KINEMA_MODEL_BUCKET: 'site', KINEMA_MODEL_PREFIX: 'model/v1/' },
        root,
      );
      assert.deepEqual(config.model, { source: 's3', bucket: 'site', prefix: 'model/v1/' });
      const log = memoryLogger();
      const handler = createLambdaHandler(config, {
        log,
        s3Client: moto.client,
      });
      const result = await handler(apiEvent('/api/movies/tt0211915'));
      assert.equal(result.statusCode, 200);
      assert.equal(json(result).title, 'Amélie');
      const missing = await s3Reader('site', 'model/v2/', moto.client)('manifest.json');
      assert.equal(missing, null, 'a missing object reads as null, as loadModel expects');
    } finally {
      moto.stop();
    }
  },
);

test('the client address is CloudFront-Viewer-Address, not a spoofable X-Forwarded-For', async () => {
  const { handler, log } = handlerWith();
  await handler(
    apiEvent('/api/movies/tt0068646', '', {
      'cloudfront-viewer-address': '198.51.100.23:51234',
      'x-forwarded-for': '10.9.8.7, 198.51.100.23',
    }),
  );
  await handler(apiEvent('/api/movies/tt0071562'));
  const access = log.lines.filter((l) => l.includes('/api/movies/'));
  assert.equal(access.length, 2, log.lines.join('\n'));
  assert.match(access[0]!, /198\.51\.100\.23/);
  assert.doesNotMatch(access[0]!, /10\.9\.8\.7/);
  assert.match(access[1]!, /203\.0\.113\.9/, 'without CloudFront: the API Gateway source address');
  assert.equal(viewerIp('2001:db8::7:443'), '2001:db8::7');
  assert.equal(viewerIp('not an address:1'), undefined);
});
