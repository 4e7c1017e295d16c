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
