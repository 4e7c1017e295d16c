/** A model's deploy version: a short hash of its manifest, which changes with every rebuild. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KinemaError } from '../core/errors.ts';

export function modelVersion(modelDir: string): string {
  let manifest: Buffer;
  try {
    manifest = readFileSync(join(modelDir, 'manifest.json'));
  } catch {
    throw new KinemaError(
      'not-found',
      `no model at ${modelDir} (manifest.json is missing)`,
      'run `kinema build` or pass --model DIR',
    );
  }
  return createHash('sha256').update(manifest).digest('hex').slice(0, 12);
}
