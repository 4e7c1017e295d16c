import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateBucketCommand, HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { memoryLogger } from '../../src/core/log.ts';
import { planDeploy } from '../../src/deploy/plan.ts';
import { existingStack, parseOutputs, runDeploy, workTemplate } from '../../src/deploy/run.ts';
import { KinemaError } from '../../src/core/errors.ts';
import { writeFixtureModel } from '../helpers/fixture-model.ts';
import { MOTO_MISSING, startMoto, type Moto } from './moto-server.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const skip = MOTO_MISSING ? 'moto_server is not installed (pip install "moto[server]")' : false;
const OUTPUTS = [
  { OutputKey: 'BucketName', OutputValue: 'kinema-sitebucket-1' },
  { OutputKey: 'DistributionId', OutputValue: 'E2ABCDEF' },
  { OutputKey: 'SiteUrl', OutputValue: 'https://d111.cloudfront.net' },
];
let moto: Moto | undefined;
let dir = '';

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kinema-deploy-run-'));
  writeFixtureModel(join(dir, 'model'));
  mkdirSync(join(dir, 'model-tmdb'));
  writeFileSync(join(dir, 'model-tmdb', 'tt0068646.json'), '{}\n');
  writeFileSync(join(dir, 'model-tmdb', '.tt0111161.json.tmp-9-0'), '{');
  if (skip) return;
  moto = await startMoto();
  await moto.client.send(new CreateBucketCommand({ Bucket: 'kinema-sitebucket-1' }));
});
after(() => {
  moto?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test(
  'a full run bundles, calls the AWS CLI in order, uploads to the stack bucket (moto)',
  { skip },
  async () => {
    // the AWS CLI is the one effect not emulated here: record its calls and answer describe-stacks
    const calls: string[][] = [];
    const aws = async (args: string[]) => {
      calls.push(args);
      return args[1] === 'describe-stacks' ? JSON.stringify(OUTPUTS) : '';
    };
    const steps = planDeploy({
      stackName: 'kinema',
      artifactsBucket: 'my-artifacts',
      root: ROOT,
      workDir: join(dir, 'work'),
      modelDir: join(dir, 'model'),
      modelVersion: 'v1',
      modelSource: 's3',
      tmdbDir: join(dir, 'model-tmdb'),
      cdnGeo: { mode: 'off' },
      appGeo: { mode: 'off' },
      memoryMb: 1024,
      priceClass: 'PriceClass_100',
      logRetentionDays: 90,
      originSecret: 'a'.repeat(20),
    });
    const log = memoryLogger();
    const rootDist = readdirSync(join(ROOT, 'dist')).sort();
    const outputs = await runDeploy(steps, { aws, s3: moto!.client, log, root: ROOT });
    assert.equal(outputs['SiteUrl'], 'https://d111.cloudfront.net');
    assert.deepEqual(
      calls.map((c) => c[1]),
      ['package', 'deploy', 'describe-stacks', 'create-invalidation'],
    );
    assert.deepEqual(
      calls[3]!.slice(2),
      ['--distribution-id', 'E2ABCDEF', '--paths', '/*'],
      'placeholders resolved',
    );
    const listed = await moto!.client.send(new ListObjectsV2Command({ Bucket: 'kinema-sitebucket-1' }));
    const keys = (listed.Contents ?? []).map((o) => o.Key?.replace(/\.[0-9a-f]{8}\./, '.HASH.')).sort();
    assert.deepEqual(keys, [
      'model/v1/catalog.bin',
      'model/v1/centroids.f32',
      'model/v1/features.f32',
      'model/v1/franchise.bin',
      'model/v1/manifest.json',
      'model/v1/people.bin',
      'model/v1/search.bin',
      'site/assets/app.HASH.css',
      'site/assets/app.HASH.js',
      'site/assets/icon.HASH.svg',
      'site/assets/import.HASH.js',
      'site/assets/static-host.HASH.js',
      'site/assets/tmdb.HASH.svg',
      'tmdb/tt0068646.json',
    ]);
    const cached = await moto!.client.send(
      new HeadObjectCommand({ Bucket: 'kinema-sitebucket-1', Key: 'tmdb/tt0068646.json' }),
    );
    assert.equal(cached.CacheControl, 'private, no-cache', 'the cache is private like the model');
    const css = (listed.Contents ?? []).find((o) =>
      /^site\/assets\/app\.[0-9a-f]{8}\.css$/.test(o.Key ?? ''),
    );
    const head = await moto!.client.send(
      new HeadObjectCommand({ Bucket: 'kinema-sitebucket-1', Key: css!.Key }),
    );
    assert.equal(head.CacheControl, 'public, max-age=31536000, immutable', 'hashed assets are kept for good');
    assert.match(log.lines.join('\n'), /\[8\/8\] invalidate/);
    // what the deploy wrote is in the work folder; the package's dist/ gained nothing
    assert.ok(existsSync(join(dir, 'work/lambda/lambda.mjs')));
    assert.match(readFileSync(join(dir, 'work/template.yaml'), 'utf8'), /^\s*CodeUri: lambda\/$/m);
    assert.equal(calls[0]![calls[0]!.indexOf('--template-file') + 1], join(dir, 'work/template.yaml'));
    assert.deepEqual(readdirSync(join(ROOT, 'dist')).sort(), rootDist);
  },
);

test('existingStack: outputs of a stack, undefined when it does not exist, other errors pass', async () => {
  const found = await existingStack(async () => JSON.stringify(OUTPUTS), 'kinema', undefined);
  assert.equal(found?.['BucketName'], 'kinema-sitebucket-1');
  const missing = await existingStack(
    async () => {
      throw new KinemaError(
        'network',
        'aws cloudformation describe-stacks failed: Stack with id kinema does not exist',
      );
    },
    'kinema',
    'eu-west-1',
  );
  assert.equal(missing, undefined);
  await assert.rejects(
    existingStack(
      async () => {
        throw new KinemaError('network', 'aws cloudformation describe-stacks failed: ExpiredToken');
      },
      'kinema',
      undefined,
    ),
    /ExpiredToken/,
  );
  assert.throws(() => parseOutputs('not json'), /unexpected describe-stacks output/);
});

test('the work template points CodeUri at the bundle beside it, whatever the work folder', () => {
  const template = readFileSync(join(ROOT, 'deploy/template.yaml'), 'utf8');
  const out = workTemplate(template, { outDir: '/w/lambda', templateOut: '/w/template.yaml' });
  assert.match(out, /^\s*CodeUri: lambda\/$/m);
  assert.equal(out.split('\n').length, template.split('\n').length, 'only that line changes');
  assert.throws(
    () => workTemplate('Resources: {}', { outDir: '/w/lambda', templateOut: '/w/t.yaml' }),
    /CodeUri/,
  );
});

test('a static run uploads the export to site/ and no model or function code (moto)', { skip }, async () => {
  const site = join(dir, 'static-site');
  mkdirSync(join(site, 'movie', 'tt0068646'), { recursive: true });
  writeFileSync(join(site, '.kinema-export'), 'written by kinema export-site\n');
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>kinema</title>');
  writeFileSync(
    join(site, 'movie', 'tt0068646', 'index.html'),
    '<!doctype html><title>The Godfather</title>',
  );
  await moto!.client.send(new CreateBucketCommand({ Bucket: 'kinema-static-1' }));
  const calls: string[][] = [];
  const aws = async (args: string[]) => {
    calls.push(args);
    return args[1] === 'describe-stacks'
      ? JSON.stringify(
          OUTPUTS.map((o) => (o.OutputKey === 'BucketName' ? { ...o, OutputValue: 'kinema-static-1' } : o)),
        )
      : '';
  };
  const steps = planDeploy({
    stackName: 'kinema-static',
    artifactsBucket: 'my-artifacts',
    root: ROOT,
    workDir: join(dir, 'static-work'),
    modelDir: join(dir, 'no-model'),
    modelVersion: 'static',
    modelSource: 's3',
    cdnGeo: { mode: 'off' },
    appGeo: { mode: 'off' },
    memoryMb: 1024,
    priceClass: 'PriceClass_100',
    logRetentionDays: 90,
    originSecret: 'a'.repeat(20),
    staticSite: site,
  });
  await runDeploy(steps, { aws, s3: moto!.client, log: memoryLogger(), root: ROOT });
  assert.deepEqual(
    calls.map((c) => c[1]),
    ['package', 'deploy', 'describe-stacks', 'create-invalidation'],
  );
  assert.ok(calls[1]!.includes('SiteMode=static'));
  const listed = await moto!.client.send(new ListObjectsV2Command({ Bucket: 'kinema-static-1' }));
  assert.deepEqual((listed.Contents ?? []).map((o) => o.Key).sort(), [
    'site/index.html',
    'site/movie/tt0068646/index.html',
  ]);
  const page = await moto!.client.send(
    new HeadObjectCommand({ Bucket: 'kinema-static-1', Key: 'site/movie/tt0068646/index.html' }),
  );
  assert.equal(page.CacheControl, 'public, max-age=300');
  assert.match(page.ContentType ?? '', /^text\/html/);
  assert.ok(readFileSync(join(dir, 'static-work', 'template.yaml'), 'utf8').includes('SiteMode'));
  assert.ok(!existsSync(join(dir, 'static-work', 'lambda', 'lambda.mjs')), 'no function code');
});
