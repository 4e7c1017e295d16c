/** File readers for the Node runtime: the model folder and the site's static assets. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReadModelFile } from '../core/model.ts';
import { ASSETS } from '../server/assets.ts';
import type { ReadAsset } from '../server/deps.ts';

/** Where the stylesheet, script and icon live (plain files, no build step). */
export const CLIENT_DIR = fileURLToPath(new URL('../client/', import.meta.url));

export function fileModelReader(dir: string): ReadModelFile {
  return async (name) => {
    try {
      return await readFile(join(dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  };
}

/** Reads only the names the app declares, from one folder: nothing a request path can steer. */
export function fileAssetReader(dir: string = CLIENT_DIR): ReadAsset {
  return async (name) => {
    if (!Object.hasOwn(ASSETS, name)) return null;
    try {
      return await readFile(join(dir, name));
    } catch {
      return null;
    }
  };
}
