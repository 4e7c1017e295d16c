/** A model's deploy version: its content id (src/core/model-id.ts), the same one /healthz reports. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KinemaError } from '../core/errors.ts';
import { modelId } from '../core/model-id.ts';

export function modelVersion(modelDir: string): string {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8'));
  } catch {
    throw new KinemaError(
      'not-found',
      `no model at ${modelDir} (manifest.json is missing or unreadable)`,
      'run `kinema build` or pass --model DIR',
    );
  }
  return modelId(manifest as { id?: string });
}
