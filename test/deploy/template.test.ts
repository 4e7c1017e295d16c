import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parameterOverrides } from '../../src/deploy/plan.ts';

const TEMPLATE = resolve(import.meta.dirname, '../../deploy/template.yaml');
const skip =
  spawnSync('cfn-lint', ['--version'], { stdio: 'ignore' }).status === 0
    ? false
    : 'cfn-lint is not installed (pip install cfn-lint)';

function lint(path: string) {
  return spawnSync('cfn-lint', ['--format', 'parseable', path], { encoding: 'utf8' });
}

test('deploy/template.yaml passes cfn-lint with no errors or warnings', { skip }, () => {
  const result = lint(TEMPLATE);
  assert.equal(result.stdout + result.stderr, '');
  assert.equal(result.status, 0);
});

test('cfn-lint does check the template: a deprecated runtime and a bad geo type fail', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-cfn-'));
  try {
    const text = readFileSync(TEMPLATE, 'utf8');
    const runtime = join(dir, 'runtime.yaml');
    writeFileSync(runtime, text.replace('Runtime: nodejs22.x', 'Runtime: nodejs20.x'));
    assert.match(lint(runtime).stdout, /E2533/);
    const geo = join(dir, 'geo.yaml');
    writeFileSync(
      geo,
      text.replace('AllowedValues: [none, whitelist, blacklist]', 'AllowedValues: [none, allowlist]'),
    );
    assert.notEqual(lint(geo).status, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the template wires what the issue asks for', () => {
  const text = readFileSync(TEMPLATE, 'utf8');
  for (const needle of [
    'Runtime: nodejs22.x',
    'AWS::CloudFront::OriginAccessControl',
    'RestrictPublicBuckets: true',
    'ViewerProtocolPolicy: redirect-to-https',
    'RestrictionType: !Ref GeoRestrictionType',
    'AWS::CloudFront::OriginRequestPolicy',
    'AWS::Serverless::HttpApi',
    'AWS::CertificateManager::Certificate',
    'AWS::Route53::RecordSet',
  ]) {
    assert.ok(text.includes(needle), `template lacks ${needle}`);
  }
  // HSTS on every CloudFront answer, from the app and from the bucket alike
  assert.match(text, /StrictTransportSecurity:\s+AccessControlMaxAgeSec: 31536000/);
  // the app's default, the static site's default, and /assets/* from the bucket
  const behaviours = text.split(/TargetOriginId: /).slice(1);
  assert.equal(behaviours.length, 3);
  for (const b of behaviours) assert.match(b, /ResponseHeadersPolicyId: !Ref SecurityHeadersPolicy/);
  // the country header must reach the app through the origin request policy
  const policy = text.slice(text.indexOf('ApiOriginRequestPolicy:'), text.indexOf('Distribution:'));
  assert.match(policy, /- CloudFront-Viewer-Country/);
  assert.doesNotMatch(policy, /- Host\b/, 'forwarding Host makes API Gateway answer 403');
});

test('static mode: no function or API, folders served as their index.html, the export 404 page', () => {
  const text = readFileSync(TEMPLATE, 'utf8');
  assert.match(text, /SiteMode:\s+Type: String\s+Default: app\s+AllowedValues: \[app, static\]/);
  for (const resource of [
    'AppFunction',
    'AppFunctionLogs',
    'HttpApi',
    'ApiCachePolicy',
    'ApiOriginRequestPolicy',
  ]) {
    assert.match(
      text,
      new RegExp(`\\n  ${resource}:\\n    Type: [^\\n]+\\n    Condition: IsApp\\n`),
      resource,
    );
  }
  assert.match(text, /ResponsePagePath: \/404\.html/);
  // the viewer-request function, run as CloudFront runs it
  const code = /FunctionCode: \|\n((?: {8}.*\n)+)/.exec(text)?.[1];
  assert.ok(code, 'the template has the rewrite function');
  const handler = new Function(`${code}; return handler;`)() as (e: { request: { uri: string } }) => {
    uri: string;
  };
  const rewrite = (uri: string) => handler({ request: { uri } }).uri;
  assert.equal(rewrite('/'), '/index.html');
  assert.equal(rewrite('/movie/tt0068646'), '/movie/tt0068646/index.html');
  assert.equal(rewrite('/movie/tt0068646/'), '/movie/tt0068646/index.html');
  assert.equal(rewrite('/search'), '/search/index.html');
  assert.equal(rewrite('/assets/app.0a1b2c3d.css'), '/assets/app.0a1b2c3d.css');
  assert.equal(rewrite('/api/movies/tt0068646/similar.json'), '/api/movies/tt0068646/similar.json');
  assert.equal(rewrite('/poster/tt0068646.svg'), '/poster/tt0068646.svg');
});

test('every stack parameter kinema deploy sends is declared by the template', () => {
  const text = readFileSync(TEMPLATE, 'utf8');
  const declared = new Set(
    [...(text.split(/^Resources:/m)[0] ?? '').matchAll(/^ {2}([A-Za-z]+):$/gm)].map((m) => m[1]),
  );
  const sent = parameterOverrides({
    stackName: 'kinema',
    artifactsBucket: 'a-bucket',
    root: '/r',
    workDir: '/w',
    modelDir: '/m',
    modelVersion: 'v1',
    modelSource: 's3',
    tmdbDir: '/m-tmdb',
    cdnGeo: { mode: 'off' },
    appGeo: { mode: 'off' },
    memoryMb: 1024,
    priceClass: 'PriceClass_100',
    originSecret: 'x'.repeat(20),
  }).map((p) => p.slice(0, p.indexOf('=')));
  assert.ok(sent.includes('TmdbCache'));
  for (const key of sent) assert.ok(declared.has(key), `the template has no parameter ${key}`);
});
