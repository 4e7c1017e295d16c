/**
 * The deployment plan: every step `kinema deploy` takes, decided up front from the options, so
 * `--dry-run` prints exactly what a real run would do. Pure: no AWS calls, no file reads.
 */
import { KinemaError } from '../core/errors.ts';
import { checkDomain, type CustomDomain } from './domain.ts';

export type GeoList = { mode: 'off' } | { mode: 'allow' | 'deny'; countries: string[] };

export interface DeployOptions {
  stackName: string;
  region?: string;
  /** Bucket for the packaged function code (`aws cloudformation package`); must already exist. */
  artifactsBucket: string;
  /** The package root: holds deploy/template.yaml and the prebuilt code; only read (it may be read-only). */
  root: string;
  /**
   * Where the deploy writes: lambda/ (the function package), site/assets/, template.yaml (the template
   * pointing at lambda/) and packaged.yaml. The user's folder, never the package root.
   */
  workDir: string;
  modelDir: string;
  /** Short hash of the model manifest: the S3 prefix model/<version>/ and a stack parameter. */
  modelVersion: string;
  modelSource: 's3' | 'bundle';
  /**
   * The TMDB cache beside the model (`<model>-tmdb`) when it exists: with the model in S3 it is synced
   * to tmdb/ and the function reads it there; a bundle carries it in the package.
   */
  tmdbDir?: string;
  /** Countries CloudFront refuses (bare 403 at the edge). */
  cdnGeo: GeoList;
  /** Countries the app refuses (451 page; needs CloudFront-Viewer-Country). */
  appGeo: GeoList;
  domain?: CustomDomain;
  memoryMb: number;
  /** Days CloudFront and HTTP API access logs are kept (one of LOG_RETENTION_DAYS). */
  logRetentionDays: number;
  priceClass: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  /** Shared secret CloudFront sends to the API; undefined keeps the existing stack's value. */
  originSecret?: string;
  /** The stack's bucket when it exists already: the model is then uploaded before the stack update. */
  existingBucket?: string;
  /**
   * A `kinema export-site --all` folder to deploy with no function (the template's SiteMode=static):
   * it becomes site/ in the bucket, and no model or function code is uploaded.
   */
  staticSite?: string;
}

export type DeployStep =
  | {
      kind: 'bundle';
      title: string;
      /** Static mode: no function, an empty code folder for `cloudformation package` to zip. */
      noFunction?: boolean;
      outDir: string;
      siteDir: string;
      modelDir?: string;
      tmdbDir?: string;
      /** deploy/template.yaml, copied to `templateOut` with its CodeUri pointing at `outDir`. */
      template: string;
      templateOut: string;
    }
  | { kind: 'aws'; title: string; args: string[]; output?: 'stack-outputs' }
  | {
      kind: 'upload';
      title: string;
      dir: string;
      prefix: string;
      bucket: string | '$BucketName';
      deleteStale: boolean;
    };

export const STACK_BUCKET = '$BucketName';

/** The retention periods CloudWatch Logs accepts (the template's LogRetentionDays allows these). */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 3653,
];

export function planDeploy(o: DeployOptions): DeployStep[] {
  validate(o);
  const region = o.region ? ['--region', o.region] : [];
  const template = `${o.workDir}/template.yaml`;
  const packaged = `${o.workDir}/packaged.yaml`;
  const bucket = o.existingBucket ?? STACK_BUCKET;
  const uploadModel: DeployStep = {
    kind: 'upload',
    title: `upload the model to s3://${bucket}/model/${o.modelVersion}/`,
    dir: o.modelDir,
    prefix: `model/${o.modelVersion}/`,
    bucket,
    deleteStale: false,
  };
  // the cache is private like the model; a deploy mirrors the local folder (evicted entries go too)
  const uploadTmdb: DeployStep[] =
    o.modelSource === 's3' && o.tmdbDir
      ? [
          {
            kind: 'upload',
            title: `sync the TMDB cache to s3://${bucket}/tmdb/`,
            dir: o.tmdbDir,
            prefix: 'tmdb/',
            bucket,
            deleteStale: true,
          },
        ]
      : [];
  if (o.staticSite) return staticPlan(o, o.staticSite, { template, packaged, bucket, region });
  const modelFirst = o.modelSource === 's3' && o.existingBucket !== undefined;
  const steps: DeployStep[] = [
    {
      kind: 'bundle',
      title: `bundle the Lambda function into ${o.workDir}/lambda${o.modelSource === 'bundle' ? ' with the model' : ''}, web assets into ${o.workDir}/site/assets`,
      outDir: `${o.workDir}/lambda`,
      siteDir: `${o.workDir}/site`,
      modelDir: o.modelSource === 'bundle' ? o.modelDir : undefined,
      tmdbDir: o.modelSource === 'bundle' ? o.tmdbDir : undefined,
      template: `${o.root}/deploy/template.yaml`,
      templateOut: template,
    },
    ...(modelFirst ? [uploadModel, ...uploadTmdb] : []),
    ...stackSteps(o, template, packaged, region),
    ...(o.modelSource === 's3' && !modelFirst ? [uploadModel, ...uploadTmdb] : []),
    {
      kind: 'upload',
      title: `sync the web assets to s3://${bucket}/site/assets/ (served by CloudFront)`,
      dir: `${o.workDir}/site/assets`,
      prefix: 'site/assets/',
      bucket,
      // content-hashed names never collide: the previous build's files stay for pages still open
      deleteStale: false,
    },
    invalidateStep,
  ];
  return steps;
}

/** Package the code, create or update the stack, read its outputs: the same for both modes. */
function stackSteps(o: DeployOptions, template: string, packaged: string, region: string[]): DeployStep[] {
  return [
    {
      kind: 'aws',
      title: `package the function code to s3://${o.artifactsBucket}/${o.stackName}/`,
      args: [
        'cloudformation',
        'package',
        '--template-file',
        template,
        '--s3-bucket',
        o.artifactsBucket,
        '--s3-prefix',
        o.stackName,
        '--output-template-file',
        packaged,
        ...region,
      ],
    },
    {
      kind: 'aws',
      title: `create or update the stack ${o.stackName}`,
      args: [
        'cloudformation',
        'deploy',
        '--template-file',
        packaged,
        '--stack-name',
        o.stackName,
        '--capabilities',
        'CAPABILITY_IAM',
        'CAPABILITY_AUTO_EXPAND',
        '--no-fail-on-empty-changeset',
        '--parameter-overrides',
        ...parameterOverrides(o),
        ...region,
      ],
    },
    {
      kind: 'aws',
      title: 'read the stack outputs (BucketName, DistributionId, SiteUrl)',
      args: [
        'cloudformation',
        'describe-stacks',
        '--stack-name',
        o.stackName,
        '--query',
        'Stacks[0].Outputs',
        '--output',
        'json',
        ...region,
      ],
      output: 'stack-outputs',
    },
  ];
}

const invalidateStep: DeployStep = {
  kind: 'aws',
  title: 'invalidate cached pages and API answers at CloudFront',
  args: ['cloudfront', 'create-invalidation', '--distribution-id', '$DistributionId', '--paths', '/*'],
};

/**
 * The static site's plan: the same package, deploy and outputs steps as the app's (the template with
 * SiteMode=static creates no function, so its code folder is left empty), then the export synced to
 * site/ (pages of movies no longer exported are removed) and the CDN cache invalidated.
 */
function staticPlan(
  o: DeployOptions,
  site: string,
  paths: { template: string; packaged: string; bucket: string; region: string[] },
): DeployStep[] {
  return [
    {
      kind: 'bundle',
      title: `write the template for a static site (no function) to ${paths.template}`,
      noFunction: true,
      outDir: `${o.workDir}/lambda`,
      siteDir: site,
      template: `${o.root}/deploy/template.yaml`,
      templateOut: paths.template,
    },
    ...stackSteps(o, paths.template, paths.packaged, paths.region),
    {
      kind: 'upload',
      title: `sync the static site to s3://${paths.bucket}/site/ (served by CloudFront)`,
      dir: site,
      prefix: 'site/',
      bucket: paths.bucket,
      deleteStale: true,
    },
    invalidateStep,
  ];
}

/**
 * Stack parameters as `Key=Value` pairs (the origin secret included: mask it when printing). Parameters
 * left out keep their current value on an update (`aws cloudformation deploy` does that).
 */
export function parameterOverrides(o: DeployOptions): string[] {
  const list = (g: GeoList) => (g.mode === 'off' ? '' : g.countries.join(','));
  const params: Record<string, string> = {
    ModelSource: o.modelSource,
    ModelVersion: o.modelVersion,
    // bundle: the package's tmdb/ folder when it has one
    TmdbCache: o.modelSource === 'bundle' ? 'bundle' : o.tmdbDir ? 's3' : 'off',
    MemorySize: String(o.memoryMb),
    PriceClass: o.priceClass,
    GeoRestrictionType:
      o.cdnGeo.mode === 'off' ? 'none' : o.cdnGeo.mode === 'allow' ? 'whitelist' : 'blacklist',
    GeoCountries: list(o.cdnGeo),
    AppGeoMode: o.appGeo.mode,
    AppGeoCountries: list(o.appGeo),
    ...(o.originSecret === undefined ? {} : { OriginSecret: o.originSecret }),
    DomainName: o.domain?.name ?? '',
    HostedZoneId: o.domain?.hostedZoneId ?? '',
    CertificateArn: o.domain?.certificateArn ?? '',
    SiteMode: o.staticSite ? 'static' : 'app',
    LogRetentionDays: String(o.logRetentionDays),
  };
  return Object.entries(params).map(([k, v]) => `${k}=${v}`);
}

/** One line per step, commands shell-quoted, the origin secret masked. */
export function formatPlan(steps: DeployStep[], secret: string | undefined): string {
  const mask = (s: string) => (secret ? s.split(secret).join('****') : s);
  return steps
    .map((step, i) => {
      const head = `${i + 1}. ${step.title}`;
      if (step.kind === 'aws') return `${head}\n     aws ${step.args.map((a) => quote(mask(a))).join(' ')}`;
      if (step.kind === 'upload')
        return `${head}\n     from ${step.dir}${step.deleteStale ? ' (deleting stale keys)' : ''}`;
      return `${head}${step.modelDir ? `\n     model from ${step.modelDir}` : ''}`;
    })
    .join('\n');
}

// --- internal ---

function validate(o: DeployOptions): void {
  if (!/^[A-Za-z][A-Za-z0-9-]{0,127}$/.test(o.stackName)) {
    throw new KinemaError(
      'bad-input',
      `invalid stack name: ${o.stackName}`,
      'letters, digits and hyphens, starting with a letter',
    );
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(o.artifactsBucket)) {
    throw new KinemaError('bad-input', `invalid S3 bucket name: ${o.artifactsBucket}`);
  }
  if (o.originSecret === undefined && o.existingBucket === undefined) {
    throw new KinemaError(
      'bad-input',
      'a first deploy needs an origin secret',
      'set KINEMA_ORIGIN_SECRET or let kinema generate one',
    );
  }
  // the API's routes are named after it (deploy/template.yaml): path-safe characters only
  if (o.originSecret !== undefined && !/^[A-Za-z0-9_-]{16,}$/.test(o.originSecret)) {
    throw new KinemaError(
      'bad-input',
      'the origin secret must be at least 16 letters, digits, - or _',
      'unset KINEMA_ORIGIN_SECRET to let kinema generate one',
    );
  }
  if (!LOG_RETENTION_DAYS.includes(o.logRetentionDays)) {
    throw new KinemaError(
      'bad-input',
      `logs cannot be kept for ${o.logRetentionDays} days`,
      `CloudWatch Logs keeps them for one of ${LOG_RETENTION_DAYS.join(', ')} days`,
    );
  }
  checkDomain(o.domain, o.region);
}

function quote(arg: string): string {
  return /^[\w@%+=:,./$-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
