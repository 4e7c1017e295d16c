/** Runs the AWS CLI (credentials, profile and region come from the usual AWS environment). */
import { execFile } from 'node:child_process';
import { KinemaError } from '../core/errors.ts';

export type RunAws = (args: string[]) => Promise<string>;

export function awsCli(env: NodeJS.ProcessEnv = process.env): RunAws {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile('aws', args, { env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          return reject(
            new KinemaError(
              'not-found',
              'the aws command is not installed',
              'install the AWS CLI (pip install awscli) and run `aws configure`',
            ),
          );
        }
        const detail = (stderr || error.message).trim().split('\n').slice(-3).join(' ');
        reject(
          new KinemaError('network', `aws ${args.slice(0, 2).join(' ')} failed: ${detail}`, undefined, {
            cause: error,
          }),
        );
      });
    });
}

/**
 * The region the AWS CLI will deploy to: --region, else the environment, else the profile's
 * configuration (`aws configure get` reads local files and calls no AWS API); undefined when none is set.
 */
export async function deployRegion(
  flag: string | undefined,
  aws: RunAws,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const given = flag || env['AWS_REGION'] || env['AWS_DEFAULT_REGION'];
  if (given) return given;
  // exit 1 when the profile has no region; an AWS CLI that is missing has none either
  const configured = await aws(['configure', 'get', 'region']).catch(() => '');
  return configured.trim() || undefined;
}
