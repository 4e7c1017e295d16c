import { Command, Option } from 'commander';
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
  priceClass: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  existingBucket?: string;
  dryRun?: boolean;
}

export function defineDeploy(program: Command): void {
  program
    .command('deploy')
    .description('deploy the site to AWS: Lambda + HTTP API + S3 + CloudFront (deploy/template.yaml)')
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
    .option('--memory <mb>', 'function memory in MB (CPU scales with it)', positiveInt('--memory'), 2048)
    .addOption(
      new Option('--price-class <class>', 'CloudFront edge locations to use')
        .choices(['PriceClass_100', 'PriceClass_200', 'PriceClass_All'])
        .default('PriceClass_100'),
    )
    .option(
      '--existing-bucket <name>',
      'for --dry-run: the stack bucket of an earlier deploy (changes the step order)',
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
  kinema deploy --artifacts-bucket my-artifacts --domain movies.example.com --hosted-zone Z123 --region us-east-1`,
    )
    .action(async (flags: DeployFlags) => {
      const { runDeployCommand } = await import('./deploy-run.ts');
      await runDeployCommand(flags);
    });
}
