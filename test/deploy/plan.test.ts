import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatPlan, parameterOverrides, planDeploy, type DeployOptions } from '../../src/deploy/plan.ts';

const BASE: DeployOptions = {
  stackName: 'kinema',
  artifactsBucket: 'my-artifacts',
  root: '/repo',
  workDir: '/home/me/.kinema/deploy',
  modelDir: '/repo/model',
  modelVersion: 'abc123def456',
  modelSource: 's3',
  cdnGeo: { mode: 'off' },
  appGeo: { mode: 'off' },
  memoryMb: 1024,
  priceClass: 'PriceClass_100',
  logRetentionDays: 90,
  originSecret: 'x'.repeat(32),
};

const kinds = (o: DeployOptions) =>
  planDeploy(o).map((s) =>
    s.kind === 'upload' ? `upload ${s.prefix}` : s.kind === 'aws' ? s.args[1]! : s.kind,
  );

test('first deploy: bundle, package, deploy, outputs, then model and assets, then invalidate', () => {
  assert.deepEqual(kinds(BASE), [
    'bundle',
    'package',
    'deploy',
    'describe-stacks',
    'upload model/abc123def456/',
    'upload site/assets/',
    'create-invalidation',
  ]);
});

test('an existing stack gets the new model before the update points the function at it', () => {
  assert.deepEqual(kinds({ ...BASE, existingBucket: 'kinema-site-1' }), [
    'bundle',
    'upload model/abc123def456/',
    'package',
    'deploy',
    'describe-stacks',
    'upload site/assets/',
    'create-invalidation',
  ]);
  const upload = planDeploy({ ...BASE, existingBucket: 'kinema-site-1' })[1]!;
  assert.equal(upload.kind === 'upload' && upload.bucket, 'kinema-site-1');
});

test('a bundled model is copied into the package and not uploaded', () => {
  const steps = planDeploy({ ...BASE, modelSource: 'bundle' });
  assert.ok(!kinds({ ...BASE, modelSource: 'bundle' }).some((k) => k.startsWith('upload model/')));
  assert.equal(steps[0]!.kind === 'bundle' && steps[0]!.modelDir, '/repo/model');
});

test('geo lists map to CloudFront restriction types and app settings', () => {
  const params = parameterOverrides({
    ...BASE,
    cdnGeo: { mode: 'allow', countries: ['US', 'CA'] },
    appGeo: { mode: 'deny', countries: ['FR'] },
  });
  assert.ok(params.includes('GeoRestrictionType=whitelist'));
  assert.ok(params.includes('LogRetentionDays=90'));
  assert.ok(params.includes('GeoCountries=US,CA'));
  assert.ok(params.includes('AppGeoMode=deny'));
  assert.ok(params.includes('AppGeoCountries=FR'));
  assert.ok(
    parameterOverrides({ ...BASE, cdnGeo: { mode: 'deny', countries: ['RU'] } }).includes(
      'GeoRestrictionType=blacklist',
    ),
  );
  assert.ok(parameterOverrides(BASE).includes('GeoRestrictionType=none'));
});

test('the secret is masked in the printed plan and kept (omitted) on updates when not given', () => {
  const text = formatPlan(planDeploy(BASE), BASE.originSecret);
  assert.ok(!text.includes(BASE.originSecret!));
  assert.match(text, /OriginSecret=\*\*\*\*/);
  assert.match(text, /--paths '\/\*'/, 'globs are quoted for a shell');
  const update = { ...BASE, originSecret: undefined, existingBucket: 'b-1' };
  assert.ok(!parameterOverrides(update).some((p) => p.startsWith('OriginSecret=')));
});

test('bad options are refused with a message naming them', () => {
  assert.throws(() => planDeploy({ ...BASE, stackName: '1bad_name' }), /invalid stack name: 1bad_name/);
  assert.throws(
    () => planDeploy({ ...BASE, artifactsBucket: 'Bad_Bucket' }),
    /invalid S3 bucket name: Bad_Bucket/,
  );
  assert.throws(() => planDeploy({ ...BASE, originSecret: 'short' }), /at least 16/);
  assert.throws(
    () => planDeploy({ ...BASE, originSecret: undefined }),
    /first deploy needs an origin secret/,
  );
  // path-safe: the API's routes are named after it
  assert.throws(
    () => planDeploy({ ...BASE, originSecret: 'x'.repeat(20) + '/?' }),
    /letters, digits, - or _/,
  );
  assert.throws(() => planDeploy({ ...BASE, logRetentionDays: 45 }), /logs cannot be kept for 45 days/);
  // the custom domain's rules (src/deploy/domain.ts) hold for the plan too
  assert.throws(
    () =>
      planDeploy({
        ...BASE,
        domain: { name: 'm.example.com', certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/x' },
      }),
    /is in eu-west-1, but CloudFront only uses ACM certificates from us-east-1/,
  );
  assert.throws(
    () => planDeploy({ ...BASE, region: 'eu-west-1', domain: { name: 'm.example.com', hostedZoneId: 'Z1' } }),
    /requests the certificate for m\.example\.com in the region it is deployed to \(eu-west-1\)/,
  );
  assert.throws(
    () => planDeploy({ ...BASE, domain: { name: 'm.example.com' } }),
    /needs --hosted-zone or --certificate-arn/,
  );
});

test('a custom domain and region reach the stack parameters and every aws command', () => {
  const o: DeployOptions = {
    ...BASE,
    region: 'us-east-1',
    domain: { name: 'm.example.com', hostedZoneId: 'Z123' },
  };
  assert.ok(parameterOverrides(o).includes('DomainName=m.example.com'));
  assert.ok(parameterOverrides(o).includes('HostedZoneId=Z123'));
  for (const step of planDeploy(o)) {
    if (step.kind === 'aws' && step.args[0] === 'cloudformation')
      assert.deepEqual(step.args.slice(-2), ['--region', 'us-east-1']);
  }
});

test('every file the plan writes is under the work folder; the package root is only read', () => {
  for (const o of [BASE, { ...BASE, modelSource: 'bundle' as const }]) {
    const written: string[] = [];
    for (const step of planDeploy(o)) {
      if (step.kind === 'bundle') {
        written.push(step.outDir, step.siteDir, step.templateOut);
        assert.equal(step.template, '/repo/deploy/template.yaml');
      } else if (step.kind === 'aws' && step.args[1] === 'package') {
        const at = (flag: string) => step.args[step.args.indexOf(flag) + 1]!;
        assert.equal(at('--template-file'), '/home/me/.kinema/deploy/template.yaml');
        written.push(at('--output-template-file'));
      }
    }
    assert.equal(written.length, 4);
    for (const path of written) assert.ok(path.startsWith('/home/me/.kinema/deploy/'), path);
  }
});

test('the TMDB cache goes to tmdb/ with the model in S3, in the package with a bundle, and the function is told', () => {
  const param = (o: DeployOptions) => parameterOverrides(o).find((p) => p.startsWith('TmdbCache='));
  const withCache = { ...BASE, tmdbDir: '/repo/model-tmdb' };
  assert.deepEqual(kinds(withCache).slice(4, 6), ['upload model/abc123def456/', 'upload tmdb/']);
  const sync = planDeploy(withCache).find((s) => s.kind === 'upload' && s.prefix === 'tmdb/');
  assert.ok(sync?.kind === 'upload' && sync.dir === '/repo/model-tmdb' && sync.deleteStale);
  assert.equal(param(withCache), 'TmdbCache=s3');
  assert.deepEqual(kinds({ ...withCache, existingBucket: 'b-1' }).slice(1, 3), [
    'upload model/abc123def456/',
    'upload tmdb/',
  ]);
  assert.ok(!kinds(BASE).includes('upload tmdb/'));
  assert.equal(param(BASE), 'TmdbCache=off', 'no cache: the function does not look for one');
  const bundled = planDeploy({ ...withCache, modelSource: 'bundle' });
  assert.ok(!bundled.some((s) => s.kind === 'upload' && s.prefix === 'tmdb/'));
  assert.equal(bundled[0]!.kind === 'bundle' && bundled[0]!.tmdbDir, '/repo/model-tmdb');
  assert.equal(param({ ...withCache, modelSource: 'bundle' }), 'TmdbCache=bundle');
});

test('a static site: no function code or model, the export synced to site/, SiteMode=static', () => {
  const o = { ...BASE, staticSite: '/home/me/site', tmdbDir: '/repo/model-tmdb' };
  assert.deepEqual(kinds(o), [
    'bundle',
    'package',
    'deploy',
    'describe-stacks',
    'upload site/',
    'create-invalidation',
  ]);
  const steps = planDeploy(o);
  const bundle = steps[0]!;
  assert.ok(bundle.kind === 'bundle' && bundle.noFunction && !bundle.modelDir);
  const sync = steps.find((s) => s.kind === 'upload');
  assert.ok(sync?.kind === 'upload' && sync.dir === '/home/me/site' && sync.deleteStale);
  assert.ok(parameterOverrides(o).includes('SiteMode=static'));
  assert.ok(parameterOverrides(BASE).includes('SiteMode=app'));
  assert.match(formatPlan(steps, BASE.originSecret), /sync the static site to s3:\/\/\$BucketName\/site\//);
});
