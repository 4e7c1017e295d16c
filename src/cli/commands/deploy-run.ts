import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { KinemaError } from '../../core/errors.ts';
import { modelVersion } from '../../deploy/model-version.ts';
import { formatPlan, planDeploy, type GeoList } from '../../deploy/plan.ts';
import { terminalLogger } from '../output.ts';
import type { DeployFlags } from './deploy.ts';

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
  const [{ awsCli }, { existingStack }] = await Promise.all([
    import('../../deploy/aws-cli.ts'),
    import('../../deploy/run.ts'),
  ]);
  const aws = awsCli();
  // a dry run touches no AWS API: --existing-bucket stands in for what describe-stacks would say
  const existingBucket = flags.dryRun
    ? flags.existingBucket
    : (await existingStack(aws, flags.stack, flags.region))?.['BucketName'];
  // on an update the stack keeps its secret unless one is given
  const originSecret =
    process.env['KINEMA_ORIGIN_SECRET'] ||
    (existingBucket ? undefined : randomBytes(24).toString('base64url'));
  const options = {
    stackName: flags.stack,
    region: flags.region,
    artifactsBucket,
    root: ROOT,
    modelDir,
    modelVersion: modelVersion(modelDir),
    modelSource: flags.modelSource,
    cdnGeo: geoList(flags.cdnAllow, flags.cdnDeny, '--cdn'),
    appGeo: geoList(flags.geoAllow, flags.geoDeny, '--geo'),
    domain: flags.domain
      ? { name: flags.domain, hostedZoneId: flags.hostedZone, certificateArn: flags.certificateArn }
      : undefined,
    memoryMb: flags.memory,
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
    s3: new S3Client({ region: flags.region }),
    log,
    root: ROOT,
  });
  process.stdout.write(`${outputs['SiteUrl'] ?? 'deployed'}\n`);
}

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
