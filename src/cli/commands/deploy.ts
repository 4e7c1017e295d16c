import { Command, Option } from 'commander';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { KinemaError } from '../../core/errors.ts';
import type { GeoList } from '../../deploy/plan.ts';
import { terminalLogger } from '../output.ts';
import { DEFAULT_MODEL_DIR } from '../paths.ts';
import { positiveInt } from '../options.ts';

export interface DeployFlags {
  model: string;
  stack: string;
  region?: string;
  artifactsBucket?: string;
  modelSource: 's3' | 'bundle';
  cdnAllow?: string;
  cdnDeny?: string;
  geoAllow?: string;
  geoDeny?: string;
  domain?: string;
  hostedZone?: string;
  certificateArn?: string;
  memory: number;
  logDays: number;
  priceClass: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  existingBucket?: string;
  workDir?: string;
  tmdbCache?: string;
  static?: string;
  dryRun?: boolean;
}

export function defineDeploy(program: Command): void {
  program
    .command('deploy')
    .description(
      'deploy the site to AWS: Lambda + HTTP API + S3 + CloudFront, or with --static S3 + CloudFront only (deploy/template.yaml)',
    )
    .option('--model <dir>', 'model folder to serve (env KINEMA_MODEL)', DEFAULT_MODEL_DIR)
    .option('--stack <name>', 'CloudFormation stack name', 'kinema')
    .option('--region <region>', 'AWS region (default: your AWS CLI configuration)')
    .option(
      '--artifacts-bucket <name>',
      'existing S3 bucket for the packaged function code (required unless --dry-run)',
    )
    .addOption(
      new Option('--model-source <where>', 'where the function loads the model at cold start')
        .choices(['s3', 'bundle'])
        .default('s3'),
    )
    .option(
      '--cdn-allow <codes>',
      'CloudFront serves only these ISO countries, e.g. US,CA (others: 403 at the edge)',
    )
    .option('--cdn-deny <codes>', 'CloudFront refuses these ISO countries')
    .option('--geo-allow <codes>', 'the app serves only these countries (others: a 451 page)')
    .option('--geo-deny <codes>', 'the app refuses these countries with a 451 page')
    .option('--domain <name>', 'custom domain, e.g. movies.example.com')
    .option('--hosted-zone <id>', 'Route53 hosted zone of --domain (alias records + certificate validation)')
    .option('--certificate-arn <arn>', 'existing ACM certificate for --domain, in us-east-1')
    .option('--memory <mb>', 'function memory in MB (CPU scales with it)', positiveInt('--memory'), 1024)
    .option(
      '--log-days <days>',
      'days CloudFront and HTTP API access logs are kept (a CloudWatch Logs period: 7, 14, 30, 60, 90, 180, 365, …)',
      positiveInt('--log-days'),
      90,
    )
    .addOption(
      new Option('--price-class <class>', 'CloudFront edge locations to use')
        .choices(['PriceClass_100', 'PriceClass_200', 'PriceClass_All'])
        .default('PriceClass_100'),
    )
    .option(
      '--existing-bucket <name>',
      'for --dry-run: the stack bucket of an earlier deploy (changes the step order)',
    )
    .option(
      '--work-dir <dir>',
      'folder for what deploy writes: the Lambda package, site assets, templates (default: .kinema/deploy beside the model folder)',
    )
    .option(
      '--tmdb-cache <dir>',
      'cached TMDB details to ship (synced to the bucket with --model-source s3; default <model>-tmdb when it exists)',
    )
    .option(
      '--static <dir>',
      'deploy a `kinema export-site --all` folder with no function: S3 + CloudFront only (SiteMode=static)',
    )
    .option('--dry-run', 'print the plan and change nothing')
    .addHelpText(
      'after',
      `
Needs the AWS CLI with credentials (aws configure). The origin secret comes from KINEMA_ORIGIN_SECRET
or is generated; CloudFront sends it to the API so requests cannot bypass the CDN.

Examples:
  kinema deploy --dry-run                                   # print the plan
  kinema deploy --artifacts-bucket my-artifacts --region eu-west-1
  kinema deploy --artifacts-bucket my-artifacts --cdn-allow US,CA,GB
  kinema deploy --artifacts-bucket my-artifacts --domain movies.example.com --hosted-zone Z123 --region us-east-1
  kinema export-site --out site --all --movies 5000 && kinema deploy --static site --artifacts-bucket my-artifacts`,
    )
    .action(async (flags: DeployFlags) => {
      await runDeployCommand(flags);
    });
}

// --- run: loaded when the command runs (heavy modules are imported lazily) ---

const ROOT = resolve(import.meta.dirname, '../../..');

export async function runDeployCommand(flags: DeployFlags): Promise<void> {
  const log = terminalLogger();
  const modelDir = resolve(flags.model);
  const artifactsBucket = flags.artifactsBucket ?? (flags.dryRun ? 'your-artifacts-bucket' : undefined);
  if (!artifactsBucket) {
    throw new KinemaError(
      'bad-input',
      '--artifacts-bucket is required',
      'create one with `aws s3 mb s3://NAME` or try --dry-run',
    );
  }
  const [
    { awsCli, deployRegion },
    { existingStack },
    { modelVersion },
    { formatPlan, planDeploy },
    { tmdbCacheDirFor },
    { checkDomain, requestsCertificate },
  ] = await Promise.all([
    import('../../deploy/aws-cli.ts'),
    import('../../deploy/run.ts'),
    import('../../deploy/model-version.ts'),
    import('../../deploy/plan.ts'),
    import('../../runtime/tmdb-disk-cache.ts'),
    import('../../deploy/domain.ts'),
  ]);
  const tmdbDir = resolve(flags.tmdbCache ?? tmdbCacheDirFor(modelDir));
  if (flags.tmdbCache && !existsSync(tmdbDir)) {
    throw new KinemaError(
      'bad-input',
      `no TMDB cache folder at ${tmdbDir}`,
      'fill one with `kinema tmdb prefetch`',
    );
  }
  const staticSite = flags.static ? resolve(flags.static) : undefined;
  if (
    staticSite &&
    !(existsSync(join(staticSite, '.kinema-export')) && existsSync(join(staticSite, 'index.html')))
  ) {
    throw new KinemaError(
      'bad-input',
      `${staticSite} is not a static export with pages`,
      'write one with `kinema export-site --out DIR --all`',
    );
  }
  // a bundled model must fit Lambda's package limit: refused before any AWS call, plan or copy
  if (flags.modelSource === 'bundle' && !staticSite) {
    const { checkPackageSize } = await import('../../deploy/bundle.ts');
    checkPackageSize({ root: ROOT, modelDir, tmdbDir: existsSync(tmdbDir) ? tmdbDir : undefined });
  }
  const aws = awsCli();
  const domain = flags.domain
    ? { name: flags.domain, hostedZoneId: flags.hostedZone, certificateArn: flags.certificateArn }
    : undefined;
  // a certificate the stack requests is made where the stack goes: that region is checked (and then
  // passed to every command) before any AWS call, like the package size above
  const region = requestsCertificate(domain) ? await deployRegion(flags.region, aws) : flags.region;
  checkDomain(domain, region);
  // a dry run touches no AWS API: --existing-bucket stands in for what describe-stacks would say
  const existingBucket = flags.dryRun
    ? flags.existingBucket
    : (await existingStack(aws, flags.stack, region))?.['BucketName'];
  // on an update the stack keeps its secret unless one is given
  const originSecret =
    process.env['KINEMA_ORIGIN_SECRET'] ||
    (existingBucket ? undefined : randomBytes(24).toString('base64url'));
  const options = {
    stackName: flags.stack,
    region,
    artifactsBucket,
    root: ROOT,
    workDir: resolve(flags.workDir ?? deployWorkDir(modelDir)),
    modelDir,
    // a static site holds its own copy of the model's answers: no model is uploaded
    modelVersion: staticSite ? 'static' : modelVersion(modelDir),
    staticSite,
    modelSource: flags.modelSource,
    tmdbDir: existsSync(tmdbDir) ? tmdbDir : undefined,
    cdnGeo: geoList(flags.cdnAllow, flags.cdnDeny, '--cdn'),
    appGeo: geoList(flags.geoAllow, flags.geoDeny, '--geo'),
    domain,
    memoryMb: flags.memory,
    logRetentionDays: flags.logDays,
    priceClass: flags.priceClass,
    originSecret,
    existingBucket,
  };
  const steps = planDeploy(options);
  if (flags.dryRun) {
    process.stdout.write(
      `deploy plan for stack ${flags.stack} (dry run: nothing is changed)\n${formatPlan(steps, originSecret)}\n`,
    );
    return;
  }
  const [{ runDeploy }, { S3Client }] = await Promise.all([
    import('../../deploy/run.ts'),
    import('@aws-sdk/client-s3'),
  ]);
  const outputs = await runDeploy(steps, {
    aws,
    s3: new S3Client({ region }),
    log,
    root: ROOT,
  });
  process.stdout.write(`${outputs['SiteUrl'] ?? 'deployed'}\n`);
}

/** Where deploy writes unless --work-dir says: beside the model, in the user's folder, not the package. */
export function deployWorkDir(modelDir: string): string {
  return join(dirname(resolve(modelDir)), '.kinema', 'deploy');
}

// --- internal ---

function geoList(allow: string | undefined, deny: string | undefined, flag: string): GeoList {
  if (allow && deny)
    throw new KinemaError('bad-input', `${flag}-allow and ${flag}-deny cannot be combined`, 'pick one list');
  const raw = allow ?? deny;
  if (!raw) return { mode: 'off' };
  const countries = raw.split(',').map((c) => c.trim().toUpperCase());
  const bad = countries.find((c) => !/^[A-Z]{2}$/.test(c));
  if (bad !== undefined) {
    throw new KinemaError(
      'bad-input',
      `not an ISO country code: "${bad}"`,
      `use two letters, e.g. ${flag}-allow US,CA`,
    );
  }
  return { mode: allow ? 'allow' : 'deny', countries };
}
