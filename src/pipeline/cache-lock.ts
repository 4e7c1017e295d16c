/**
 * One build at a time per cache folder: two builds writing the same Parquet files would each read the
 * other's half-written output. The lock is a file holding the owner's pid, created exclusively; a lock
 * whose process is gone (a killed build) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KinemaError } from '../core/errors.ts';
import { processAlive } from './_pid.ts';

export interface CacheLock {
  release(): void;
}

export function lockCache(cacheDir: string, pid = process.pid): CacheLock {
  const path = join(cacheDir, '.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, String(pid), { flag: 'wx' });
      return { release: () => rmSync(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSafe(path));
      if (owner !== pid && processAlive(owner)) {
        throw new KinemaError(
          'io',
          `the cache folder ${cacheDir} is in use by another build (pid ${owner})`,
          'wait for it to finish, or pass --cache DIR to build with a cache of its own',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new KinemaError('io', `cannot lock the cache folder ${cacheDir}`, 'try again');
}

// --- internal ---

function readFileSafe(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
