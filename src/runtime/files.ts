/** File readers for the Node runtime: the model folder and the site's static assets. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KinemaError } from '../core/errors.ts';
import type { OpenModelFile, RangeFile } from '../core/neighbour-lists.ts';
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

/**
 * Opens model files for reads at an offset. The descriptor stays open for the model's lifetime (closed
 * when the model is garbage collected), so a hot swap that renames a new folder into place does not
 * change what an old model still serving reads.
 */
export function fileRangeOpener(dir: string): OpenModelFile {
  return async (name) => {
    const path = join(dir, name);
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    const file: RangeFile = {
      size: fstatSync(fd).size,
      read(offset, length) {
        const out = new Uint8Array(length);
        const got = readSync(fd, out, 0, length, offset);
        if (got !== length) {
          throw new KinemaError('model', `${path}: read ${got} of ${length} bytes at ${offset}`);
        }
        return out;
      },
    };
    openFiles.register(file, fd);
    return file;
  };
}

const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // already closed
  }
});

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
