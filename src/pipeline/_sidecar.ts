/**
 * Small JSON files kept next to downloads: the HTTP validators (ETag, Last-Modified) of a complete file
 * (`<file>.http.json`) and of a partial one (`<file>.part.json`), so a later run can ask "changed?" and
 * resume with `If-Range`. Written atomically; a missing or unreadable sidecar reads as undefined.
 */
import { readFile, rm } from 'node:fs/promises';
import { writeAtomic } from '../io/atomic.ts';

export interface Validators {
  url: string;
  etag?: string;
  lastModified?: string;
  /** Full size in bytes, when the server said. */
  size?: number;
}

export const completeSidecar = (file: string): string => `${file}.http.json`;
export const partSidecar = (file: string): string => `${file}.part.json`;

export async function readValidators(path: string): Promise<Validators | undefined> {
  try {
    const value: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (value && typeof value === 'object' && typeof (value as Validators).url === 'string')
      return value as Validators;
  } catch {
    // absent or damaged: behave as if we knew nothing about the file
  }
  return undefined;
}

export async function writeValidators(path: string, value: Validators): Promise<void> {
  await writeAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

export async function removeFile(path: string): Promise<void> {
  await rm(path, { force: true });
}
