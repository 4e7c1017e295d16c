import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFixtureModel } from '../helpers/fixture-model.ts';

const BIN = resolve(import.meta.dirname, '../../bin/kinema.js');
const SECRET = 'test-secret-0123456789abcdef';
let dir = '';

function kinema(args: string[], extraEnv: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    // no AWS credentials or network: a dry run must not need them
    const env = {
      PATH: process.env['PATH'],
      KINEMA_ORIGIN_SECRET: SECRET,
      AWS_EC2_METADATA_DISABLED: 'true',
      ...extraEnv,
    };
    execFile(process.execPath, [BIN, ...args], { env }, (error, stdout, stderr) =>
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'kinema-cli-deploy-'));
  writeFixtureModel(join(dir, 'model'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('kinema deploy --dry-run prints the plan with geo, domain and model version, secret masked', async () => {
  const run = await kinema([
    'deploy',
    '--dry-run',
    '--model',
    join(dir, 'model'),
    '--stack',
    'movies',
    '--artifacts-bucket',
    'my-artifacts',
    '--cdn-deny',
    'ru,by',
    '--geo-allow',
    'US,CA',
    '--domain',
    'movies.example.com',
    '--hosted-zone',
    'Z0123',
    '--region',
    'us-east-1',
  ]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^deploy plan for stack movies \(dry run: nothing is changed\)/);
  assert.match(
    run.stdout,
    /GeoRestrictionType=blacklist GeoCountries=RU,BY AppGeoMode=allow AppGeoCountries=US,CA/,
  );
  // it writes beside the model (the user's folder), never into the installed package
  assert.ok(run.stdout.includes(`${join(dir, '.kinema', 'deploy', 'lambda')}`), run.stdout);
  assert.ok(!run.stdout.includes(join(resolve(import.meta.dirname, '../..'), 'dist')), run.stdout);
  assert.match(run.stdout, /DomainName=movies\.example\.com HostedZoneId=Z0123/);
  assert.match(run.stdout, /ModelVersion=[0-9a-f]{8,16}/);
  assert.match(run.stdout, /upload the model to s3:\/\/\$BucketName\/model\/[0-9a-f]{8,16}\//);
  assert.match(run.stdout, /OriginSecret=\*\*\*\*/);
  assert.ok(!run.stdout.includes(SECRET), 'the secret is never printed');
  assert.equal(run.stdout.match(/^\d+\. /gm)?.length, 7);
});

test('kinema deploy refuses bad input with exit code 2 and a hint', async () => {
  const country = await kinema(['deploy', '--dry-run', '--model', join(dir, 'model'), '--cdn-allow', 'USA']);
  assert.equal(country.code, 2);
  assert.match(country.stderr, /not an ISO country code: "USA"/);
  const both = await kinema([
    'deploy',
    '--dry-run',
    '--model',
    join(dir, 'model'),
    '--geo-allow',
    'US',
    '--geo-deny',
    'FR',
  ]);
  assert.equal(both.code, 2);
  assert.match(both.stderr, /--geo-allow and --geo-deny cannot be combined/);
  const noBucket = await kinema(['deploy', '--model', join(dir, 'model')]);
  assert.equal(noBucket.code, 2);
  assert.match(noBucket.stderr, /--artifacts-bucket is required/);
  const noModel = await kinema(['deploy', '--dry-run', '--model', join(dir, 'nothing')]);
  assert.equal(noModel.code, 1);
  assert.match(noModel.stderr, /no model at .*nothing \(manifest\.json is missing or unreadable\)/);
  assert.match(noModel.stderr, /try: run `kinema build`/);
});

test('--model-source bundle with a model over 250 MB is refused before anything is copied', async () => {
  const big = join(dir, 'big-model');
  cpSync(join(dir, 'model'), big, { recursive: true });
  // a sparse file: 300 MB as far as sizes go, nothing on disk
  writeFileSync(join(big, 'neighbours.bin'), '');
  truncateSync(join(big, 'neighbours.bin'), 300 * 2 ** 20);
  const work = join(dir, 'big-work');
  for (const dryRun of [['--dry-run'], ['--artifacts-bucket', 'my-artifacts']]) {
    const run = await kinema([
      'deploy',
      ...dryRun,
      '--model',
      big,
      '--model-source',
      'bundle',
      '--work-dir',
      work,
    ]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(
      run.stderr,
      /the Lambda package would be 3\d\d MB \(model 3\d\d MB\), over Lambda's 250 MB limit/,
    );
    assert.match(run.stderr, /--model-source s3/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    assert.ok(!existsSync(work), `${dryRun[0]}: nothing was written`);
  }
});

test('--static deploys an export folder with no function; a folder that is not one is refused', async () => {
  const site = join(dir, 'site');
  mkdirSync(site);
  const refused = await kinema(['deploy', '--dry-run', '--static', site]);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /is not a static export with pages/);
  assert.match(refused.stderr, /kinema export-site --out DIR --all/);
  writeFileSync(join(site, '.kinema-export'), 'written by kinema export-site\n');
  writeFileSync(join(site, 'index.html'), '<!doctype html>');
  const run = await kinema(['deploy', '--dry-run', '--static', site, '--model', join(dir, 'missing-model')]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /write the template for a static site \(no function\)/);
  assert.match(run.stdout, /SiteMode=static/);
  assert.match(
    run.stdout,
    new RegExp(
      `sync the static site to s3://\\$BucketName/site/ \\(served by CloudFront\\)\\n\\s+from ${site}`,
    ),
  );
  assert.doesNotMatch(run.stdout, /upload the model/);
});

/**
 * An `aws` first on PATH that writes each call to a file: `configure get region` answers
 * FAKE_AWS_REGION (exit 1 when unset, as the real one does); anything else fails as with no credentials.
 */
function fakeAwsEnv(name: string, region?: string): { env: Record<string, string>; calls: () => string[] } {
  const bin = join(dir, `fake-aws-${name}`);
  mkdirSync(bin);
  const log = join(bin, 'calls.txt');
  writeFileSync(
    join(bin, 'aws'),
    [
      '#!/bin/sh',
      'echo "$*" >> "$FAKE_AWS_LOG"',
      'if [ "$1 $2 $3" = "configure get region" ]; then',
      '  [ -n "$FAKE_AWS_REGION" ] && echo "$FAKE_AWS_REGION" && exit 0',
      '  exit 1',
      'fi',
      'echo "Unable to locate credentials" >&2',
      'exit 255',
      '',
    ].join('\n'),
  );
  chmodSync(join(bin, 'aws'), 0o755);
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env['PATH'] ?? ''}`,
    FAKE_AWS_LOG: log,
    ...(region ? { FAKE_AWS_REGION: region } : {}),
  };
  return { env, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

test('a custom domain whose certificate would not be in us-east-1 is refused before any AWS call', async () => {
  const work = join(dir, 'domain-work');
  const domain = ['--model', join(dir, 'model'), '--work-dir', work, '--domain', 'movies.example.com'];
  const cases: { flags: string[]; message: RegExp }[] = [
    {
      flags: ['--hosted-zone', 'Z0123', '--region', 'eu-west-1'],
      message:
        /requests the certificate for movies\.example\.com in the region it is deployed to \(eu-west-1\)/,
    },
    {
      flags: [
        '--certificate-arn',
        'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d',
        '--region',
        'us-east-1',
      ],
      message: /is in eu-west-1, but CloudFront only uses ACM certificates from us-east-1/,
    },
  ];
  for (const [i, { flags, message }] of cases.entries()) {
    for (const mode of [['--dry-run'], ['--artifacts-bucket', 'my-artifacts']]) {
      const fake = fakeAwsEnv(`${i}${mode.length}`);
      const run = await kinema(['deploy', ...mode, ...domain, ...flags], fake.env);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, message);
      assert.match(run.stderr, /try: .*us-east-1/);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
      assert.deepEqual(fake.calls(), [], `${mode[0]}: no AWS CLI call`);
      assert.ok(!existsSync(work), `${mode[0]}: nothing was written`);
    }
  }
});

test('without --region the stack requesting a certificate goes where the AWS CLI is configured to', async () => {
  const args = [
    'deploy',
    '--dry-run',
    '--model',
    join(dir, 'model'),
    '--domain',
    'm.example.com',
    '--hosted-zone',
    'Z1',
  ];
  const elsewhere = fakeAwsEnv('eu', 'eu-west-1');
  const refused = await kinema(args, elsewhere.env);
  assert.equal(refused.code, 2, refused.stderr);
  assert.match(refused.stderr, /\(eu-west-1\), but CloudFront only uses ACM certificates from us-east-1/);
  assert.deepEqual(elsewhere.calls(), ['configure get region'], 'the local configuration only: no AWS API');
  const unset = fakeAwsEnv('none');
  assert.match((await kinema(args, unset.env)).stderr, /\(none is set\)/);
  // the region found is the one every command of the plan gets
  const east = fakeAwsEnv('east', 'us-east-1');
  const run = await kinema(args, east.env);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /cloudformation deploy .* --region us-east-1\n/);
  assert.deepEqual(east.calls(), ['configure get region']);
  const fromEnv = fakeAwsEnv('env');
  const viaEnv = await kinema(args, { ...fromEnv.env, AWS_REGION: 'us-east-1' });
  assert.equal(viaEnv.code, 0, viaEnv.stderr);
  assert.deepEqual(fromEnv.calls(), []);
});
