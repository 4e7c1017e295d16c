import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LambdaEvent } from 'hono/aws-lambda';
import { LOG_RETENTION_DAYS, parameterOverrides } from '../../src/deploy/plan.ts';
import { withoutRoutePrefix } from '../../src/runtime/lambda.ts';
import { CFN_LOADER_MISSING, loadTemplate, references, resolveTemplate, type Json } from './cfn-template.ts';

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
    'AWS::ApiGatewayV2::Api',
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
    'AppApi',
    'AppApiIntegration',
    'AppApiRootRoute',
    'AppApiProxyRoute',
    'AppApiStage',
    'AppApiAccessLogs',
    'AppApiInvokesFunction',
    'AppOriginPath',
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
    logRetentionDays: 90,
    originSecret: 'x'.repeat(20),
  }).map((p) => p.slice(0, p.indexOf('=')));
  assert.ok(sent.includes('TmdbCache'));
  for (const key of sent) assert.ok(declared.has(key), `the template has no parameter ${key}`);
});

const distribution = (resources: ReturnType<typeof resolveTemplate>) =>
  resources['Distribution']!.Properties!['DistributionConfig'] as Record<string, Json>;

test(
  'both site modes: every reference resolves, CloudFront logs to the log bucket, buckets and log groups are retained',
  { skip: CFN_LOADER_MISSING },
  () => {
    const t = loadTemplate(TEMPLATE);
    assert.deepEqual(t.Parameters['LogRetentionDays']?.AllowedValues, LOG_RETENTION_DAYS);
    assert.equal(t.Parameters['LogRetentionDays']?.Default, 90);
    const params = new Set(Object.keys(t.Parameters));
    for (const mode of ['app', 'static']) {
      const resources = resolveTemplate(t, { SiteMode: mode });
      for (const [name, r] of Object.entries(resources)) {
        for (const ref of references(r.Properties ?? {}, params))
          assert.ok(ref in resources, `${mode}: ${name} refers to ${ref}, which this mode does not create`);
        if (r.Type === 'AWS::S3::Bucket' || r.Type === 'AWS::Logs::LogGroup') {
          assert.equal(r.DeletionPolicy, 'Retain', `${mode}: ${name} is deleted with the stack`);
          assert.equal(r.UpdateReplacePolicy, 'Retain', `${mode}: ${name} is deleted when replaced`);
        }
      }
      assert.deepEqual(distribution(resources)['Logging'], {
        Bucket: { 'Fn::GetAtt': ['LogBucket', 'DomainName'] },
        Prefix: 'cloudfront/',
        IncludeCookies: false,
      });
      const logs = resources['LogBucket']!.Properties!;
      // CloudFront's log delivery writes through the bucket ACL: ACLs on, public access still blocked
      assert.deepEqual(logs['OwnershipControls'], { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] });
      assert.deepEqual(logs['PublicAccessBlockConfiguration'], {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      assert.deepEqual(logs['LifecycleConfiguration'], {
        Rules: [{ Id: 'ExpireLogs', Status: 'Enabled', ExpirationInDays: { Ref: 'LogRetentionDays' } }],
      });
      const types = Object.values(resources).map((r) => r.Type);
      assert.equal(types.filter((type) => type === 'AWS::S3::Bucket').length, 2, mode);
      assert.equal(
        types.some((type) => /ApiGateway|Lambda|Serverless::Function/.test(type)),
        mode === 'app',
        `${mode}: a function and API only in app mode`,
      );
    }
  },
);

test(
  "app mode: API access logs in CloudWatch, and only CloudFront's requests reach the throttled routes",
  { skip: CFN_LOADER_MISSING },
  () => {
    const r = resolveTemplate(loadTemplate(TEMPLATE), { SiteMode: 'app' });
    const stage = r['AppApiStage']!.Properties!;
    assert.deepEqual(stage['DefaultRouteSettings'], {
      ThrottlingBurstLimit: 100,
      ThrottlingRateLimit: { Ref: 'ApiThrottleRate' },
    });
    const access = stage['AccessLogSettings'] as Record<string, Json>;
    assert.deepEqual(access['DestinationArn'], { 'Fn::GetAtt': ['AppApiAccessLogs', 'Arn'] });
    assert.equal(
      (JSON.parse(String(access['Format'])) as Record<string, string>)['status'],
      '$context.status',
    );
    assert.doesNotMatch(
      String(access['Format']),
      /\$context\.(path|routeKey)|\$request/,
      'no field holds the secret',
    );
    assert.deepEqual(r['AppApiAccessLogs']!.Properties, { RetentionInDays: { Ref: 'LogRetentionDays' } });
    // the execute-api endpoint stays enabled: it is CloudFront's origin
    assert.equal(r['AppApi']!.Properties!['DisableExecuteApiEndpoint'], false);
    const config = distribution(r);
    const origin = (config['Origins'] as Record<string, Json>[]).find((o) => o['Id'] === 'app');
    assert.deepEqual(origin?.['DomainName'], {
      'Fn::Sub': '${AppApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}',
    });
    // every route is named after the origin secret, which CloudFront's function puts in front of each path
    const secret = 'Zq3-secret_0123456789';
    const sub = (v: Json | undefined) =>
      String((v as Record<string, Json>)['Fn::Sub']).replaceAll('${OriginSecret}', secret);
    const routes = Object.values(r)
      .filter((x) => x.Type === 'AWS::ApiGatewayV2::Route')
      .map((x) => sub(x.Properties!['RouteKey']).replace(/^ANY /, ''));
    assert.deepEqual(routes.sort(), [`/${secret}`, `/${secret}/{proxy+}`]);
    // API Gateway's matching: a literal path, or a prefix and at least one more character for {proxy+}
    const matches = (path: string) =>
      routes.some((route) => {
        const prefix = route.replace(/\{proxy\+\}$/, '');
        return prefix === route ? path === route : path.startsWith(prefix) && path.length > prefix.length;
      });
    const behaviour = config['DefaultCacheBehavior'] as Record<string, Json>;
    assert.equal(behaviour['TargetOriginId'], 'app');
    assert.deepEqual(behaviour['FunctionAssociations'], [
      { EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': ['AppOriginPath', 'FunctionARN'] } },
    ]);
    const code = sub(r['AppOriginPath']!.Properties!['FunctionCode']);
    const handler = new Function(`${code}; return handler;`)() as (e: { request: { uri: string } }) => {
      uri: string;
    };
    for (const path of ['/', '/movie/tt0068646', '/api/search', '/lists/top/24/']) {
      const sent = handler({ request: { uri: path } }).uri;
      assert.ok(matches(sent), `through CloudFront ${path} is sent as ${sent}, which matches a route`);
      assert.ok(!matches(path), `a direct request for ${path} matches no route`);
      const event = { version: '2.0', rawPath: sent, requestContext: { http: { path: sent } } };
      const seen = withoutRoutePrefix(event as unknown as LambdaEvent, secret) as { rawPath: string };
      assert.equal(seen.rawPath, path, 'the app sees the viewer path');
    }
  },
);
