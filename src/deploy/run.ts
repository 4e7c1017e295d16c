/**
 * Executes a deployment plan (src/deploy/plan.ts) step by step. AWS is reached through the injected
 * CLI runner and S3 client, so the same code runs against AWS or moto_server.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { writeAtomicSync } from '../io/atomic.ts';
import type { S3Client } from '@aws-sdk/client-s3';
import { KinemaError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import type { RunAws } from './aws-cli.ts';
import { bundleLambda, copyWebAssets } from './bundle.ts';
import { listUploadFiles } from './files.ts';
import { STACK_BUCKET, type DeployStep } from './plan.ts';
import { formatBytes } from '../core/format-bytes.ts';
import { syncToS3 } from './s3-sync.ts';

export interface DeployEffects {
  aws: RunAws;
  s3: S3Client;
  log: Logger;
  /** The package root the bundler reads the prebuilt code and assets from (never written). */
  root: string;
}

/** Runs every step; resolves the stack outputs (BucketName, DistributionId, SiteUrl, ...). */
export async function runDeploy(
  steps: DeployStep[],
  effects: DeployEffects,
): Promise<Record<string, string>> {
  const { log } = effects;
  const outputs: Record<string, string> = {};
  const resolve = (value: string) => value.replace(/\$(\w+)/g, (_, key: string) => need(outputs, key));
  for (const [i, step] of steps.entries()) {
    log.info(`[${i + 1}/${steps.length}] ${step.title}`);
    if (step.kind === 'bundle' && step.noFunction) {
      // the template still names a code folder; with SiteMode=static no function is made from it
      mkdirSync(step.outDir, { recursive: true });
      writeFileSync(join(step.outDir, 'README.txt'), 'kinema static site: no function\n');
      writeAtomicSync(step.templateOut, workTemplate(readFileSync(step.template, 'utf8'), step));
    } else if (step.kind === 'bundle') {
      const report = await bundleLambda({
        root: effects.root,
        outDir: step.outDir,
        modelDir: step.modelDir,
        tmdbDir: step.tmdbDir,
      });
      copyWebAssets(effects.root, join(step.siteDir, 'assets'), { hashed: true });
      writeAtomicSync(step.templateOut, workTemplate(readFileSync(step.template, 'utf8'), step));
      log.info(`  lambda.mjs ${formatBytes(report.codeBytes)}, package ${formatBytes(report.totalBytes)}`);
    } else if (step.kind === 'aws') {
      const stdout = await effects.aws(step.args.map(resolve));
      if (step.output === 'stack-outputs') Object.assign(outputs, parseOutputs(stdout));
    } else {
      const bucket = step.bucket === STACK_BUCKET ? need(outputs, 'BucketName') : step.bucket;
      const files = listUploadFiles(
        step.dir,
        step.prefix,
        step.prefix.startsWith('site/') ? 'site' : 'model',
      );
      await syncToS3(effects.s3, files, { bucket, prefix: step.prefix, deleteStale: step.deleteStale, log });
    }
  }
  return outputs;
}

/** The outputs of an existing stack, or undefined when there is no such stack yet. */
export async function existingStack(
  aws: RunAws,
  stackName: string,
  region: string | undefined,
): Promise<Record<string, string> | undefined> {
  const args = [
    'cloudformation',
    'describe-stacks',
    '--stack-name',
    stackName,
    '--query',
    'Stacks[0].Outputs',
    '--output',
    'json',
  ];
  try {
    return parseOutputs(await aws([...args, ...(region ? ['--region', region] : [])]));
  } catch (error) {
    if (error instanceof KinemaError && /does not exist/.test(error.message)) return undefined;
    throw error;
  }
}

/** `describe-stacks --query Stacks[0].Outputs` JSON → { OutputKey: OutputValue }. */
export function parseOutputs(stdout: string): Record<string, string> {
  let list: unknown;
  try {
    list = JSON.parse(stdout);
  } catch {
    throw new KinemaError('network', `unexpected describe-stacks output: ${stdout.slice(0, 80)}`);
  }
  const out: Record<string, string> = {};
  for (const item of Array.isArray(list) ? list : []) {
    const { OutputKey, OutputValue } = item as { OutputKey?: string; OutputValue?: string };
    if (OutputKey && OutputValue !== undefined) out[OutputKey] = OutputValue;
  }
  return out;
}

function need(outputs: Record<string, string>, key: string): string {
  const value = outputs[key];
  if (value === undefined) {
    throw new KinemaError(
      'network',
      `the stack has no output ${key}`,
      'check deploy/template.yaml Outputs and the stack events',
    );
  }
  return value;
}

/**
 * deploy/template.yaml with its CodeUri pointing at the bundle in the work folder: `aws cloudformation
 * package` resolves it from the template's own folder, and the package root stays untouched.
 */
export function workTemplate(template: string, step: { outDir: string; templateOut: string }): string {
  const pattern = /^(\s*CodeUri:\s*).*$/m;
  if (!pattern.test(template)) throw new KinemaError('bad-input', 'deploy/template.yaml has no CodeUri');
  const codeUri = `${relative(join(step.templateOut, '..'), step.outDir) || '.'}/`;
  return template.replace(pattern, (_, head: string) => `${head}${codeUri}`);
}
