/**
 * Replacing a file or a folder so that readers see the old one or the new one, never half of either:
 * the new one is made in a hidden sibling named for the process (`.<name>.tmp-<pid>`, so a killed
 * run's leftovers can be told apart from a live one's) and renamed into place. A folder in the way is
 * moved aside first (`.<name>.old-<pid>`) and removed after; a failure removes the sibling and leaves
 * the old one in place.
 *
 * @example
 *   await writeAtomic('model/manifest.json', json);
 *   await replaceAtomic('data/title.basics.tsv.gz', (temp) => copyFile(source, temp));
 */
import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The hidden sibling a replacement of `path` is made in (`tag` "tmp") or moved aside to ("old"). */
export function tempSibling(path: string, tag: 'tmp' | 'old' = 'tmp', pid = process.pid): string {
  return join(dirname(path), `.${basename(path)}.${tag}-${pid}`);
}

/** Renames a finished `temp` over `path`; a folder at `path` is moved aside, then removed. */
export function commitAtomic(temp: string, path: string, pid = process.pid): void {
  if (!isFolder(path)) {
    renameSync(temp, path);
    return;
  }
  const old = tempSibling(path, 'old', pid);
  rmSync(old, { recursive: true, force: true });
  renameSync(path, old);
  renameSync(temp, path);
  rmSync(old, { recursive: true, force: true });
}

/** Makes `path` anew: `make` writes the temporary sibling (a file or a folder), which then replaces it. */
export async function replaceAtomic<T>(path: string, make: (temp: string) => Promise<T>): Promise<T> {
  const temp = tempSibling(path);
  await rm(temp, { recursive: true, force: true });
  try {
    const result = await make(temp);
    commitAtomic(temp, path);
    return result;
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** `replaceAtomic` for synchronous writers. */
export function replaceAtomicSync<T>(path: string, make: (temp: string) => T): T {
  const temp = tempSibling(path);
  rmSync(temp, { recursive: true, force: true });
  try {
    const result = make(temp);
    commitAtomic(temp, path);
    return result;
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw error;
  }
}

export function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  return replaceAtomic(path, (temp) => writeFile(temp, data));
}

export function writeAtomicSync(path: string, data: string | Uint8Array): void {
  replaceAtomicSync(path, (temp) => writeFileSync(temp, data));
}

// --- internal ---

function isFolder(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}
