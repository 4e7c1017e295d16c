import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  bundleLambda,
  checkPackageSize,
  LAMBDA_MAX_UNZIPPED,
  type BundleReport,
} from '../../src/deploy/bundle.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';

const ROOT = resolve(import.meta.dirname, '../..');
let dir = '';
let out = '';
let report: BundleReport;

before(async () => {
  // outside the repository, so the bundle cannot lean on node_modules
  dir = mkdtempSync(join(tmpdir(), 'kinema-bundle-'));
  writeFixtureModel(join(dir, 'model'));
  // the TMDB cache beside the model ships too (a half-written temp file does not)
  mkdirSync(join(dir, 'model-tmdb'));
  writeFileSync(join(dir, 'model-tmdb', 'tt0068646.json'), '{}');
  writeFileSync(join(dir, 'model-tmdb', '.tt0068646.json.tmp-1-0'), '{');
  out = join(dir, 'lambda');
  report = await bundleLambda({
    root: ROOT,
    outDir: out,
    modelDir: join(dir, 'model'),
    tmdbDir: join(dir, 'model-tmdb'),
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the package holds the ESM entry, lazy chunks, web assets and model, and no native code', () => {
  assert.deepEqual(readdirSync(out).sort(), ['assets', 'chunks', 'lambda.mjs', 'model', 'tmdb']);
  assert.deepEqual(readdirSync(join(out, 'tmdb')), ['tt0068646.json']);
  assert.ok(existsSync(join(out, 'assets', 'app.css')));
  assert.ok(existsSync(join(out, 'model', 'manifest.json')));
  const names = report.packages.map((p) => p.name);
  assert.ok(names.includes('hono'));
  for (const banned of [
    '@duckdb/node-api',
    '@duckdb/node-bindings',
    '@resvg/resvg-js',
    '@aws-sdk/client-s3',
  ]) {
    assert.ok(!names.includes(banned), `${banned} must not be bundled`);
  }
  assert.ok(report.codeBytes < 2_000_000, `lambda.mjs is ${report.codeBytes} bytes`);
  assert.ok(report.codeGzipBytes < report.codeBytes);
});

test('the bundled handler answers an API Gateway v2 event in a plain node process', () => {
  const script = `
    const { handler } = await import(${JSON.stringify(join(out, 'lambda.mjs'))});
    const event = { version: '2.0', routeKey: '$default', rawPath: '/api/search', rawQueryString: 'q=empire',
      headers: { host: 'x.execute-api.us-east-1.amazonaws.com', accept: 'application/json' }, body: null,
      isBase64Encoded: false, requestContext: { http: { method: 'GET', path: '/api/search', protocol: 'HTTP/1.1',
      sourceIp: '198.51.100.7', userAgent: 't' }, requestId: 'r', routeKey: '$default', stage: '$default',
      domainName: 'x.execute-api.us-east-1.amazonaws.com', apiId: 'x', accountId: '1', time: '', timeEpoch: 0 } };
    const res = await handler(event, {});
    const charts = await handler({ ...event, rawPath: '/insights', rawQueryString: '',
      headers: { ...event.headers, accept: 'text/html' }, requestContext: { ...event.requestContext,
      http: { ...event.requestContext.http, path: '/insights' } } }, {});
    process.stdout.write('\\nRESULT ' + JSON.stringify({ status: res.statusCode, first: JSON.parse(res.body).items[0].id,
      insights: charts.statusCode, svg: charts.body.includes('src="/charts/') }));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: dir,
    encoding: 'utf8',
    env: { PATH: process.env['PATH'], LAMBDA_TASK_ROOT: out, KINEMA_MODEL_SOURCE: 'bundle' },
  });
  assert.equal(run.status, 0, run.stderr);
  const result = /^RESULT (.*)$/m.exec(run.stdout)?.[1];
  assert.ok(result, run.stdout);
  assert.deepEqual(
    JSON.parse(result),
    { status: 200, first: 'tt0080684', insights: 200, svg: true },
    'charts drawn from the lazy chunks',
  );
  assert.match(run.stdout + run.stderr, /model \w+ loaded: 16 movies/);
  assert.doesNotMatch(run.stderr, /charts failed/);
});

test('a folder without manifest.json is refused as a model', async () => {
  await assert.rejects(
    bundleLambda({ root: ROOT, outDir: join(dir, 'bad'), modelDir: join(dir, 'lambda', 'assets') }),
    /is not a model folder \(no manifest\.json\)/,
  );
});

test('a package over 250 MB is refused before anything is copied', async () => {
  const big = join(dir, 'big-model');
  writeFixtureModel(big);
  writeFileSync(join(big, 'neighbours.bin'), '');
  truncateSync(join(big, 'neighbours.bin'), 260 * 2 ** 20);
  const out = join(dir, 'too-big');
  await assert.rejects(
    bundleLambda({ root: ROOT, outDir: out, modelDir: big }),
    /would be 2\d\d MB \(model 2\d\d MB\), over Lambda's 250 MB limit/,
  );
  assert.ok(!existsSync(out), 'nothing was written');
  // what the function never reads does not count
  writeFileSync(join(big, 'neighbours.bin'), '');
  writeFileSync(join(big, 'movies.parquet'), '');
  truncateSync(join(big, 'movies.parquet'), 260 * 2 ** 20);
  assert.ok(checkPackageSize({ root: ROOT, modelDir: big }) < LAMBDA_MAX_UNZIPPED);
});
