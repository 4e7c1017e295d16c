/**
 * One build at a time per cache folder: two builds writing the same Parquet files would each read the
 * other's half-written output. The lock is a file holding the owner's pid, written whole under a name of
 * its own and then hard-linked into place (a link fails if the lock exists, and is never seen empty); a
 * lock whose process is gone (a killed build) is taken over.
 */
import { linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KinemaError } from '../core/errors.ts';
import { processAlive } from './_pid.ts';

export interface CacheLock {
  release(): void;
}

/** A lock without a readable pid (not written by this code) counts as held until it is this old. */
const UNREADABLE_STALE_MS = 10_000;

export function lockCache(cacheDir: string, pid = process.pid, now = Date.now): CacheLock {
  const path = join(cacheDir, '.lock');
  const mine = `${path}.${pid}`;
  writeFileSync(mine, String(pid));
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(mine, path);
        return { release: () => rmSync(path, { force: true }) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const owner = readOwner(path);
        if (owner === undefined) continue; // released meanwhile
        if (owner.pid !== pid && held(owner, now())) {
          throw new KinemaError(
            'io',
            `the cache folder ${cacheDir} is in use by another build (pid ${owner.pid || 'unknown'})`,
            'wait for it to finish, or pass --cache DIR to build with a cache of its own',
          );
        }
        // a dead owner's lock: removed only if it is still the one just read, not a new owner's
        if (sameFile(path, owner.ino)) rmSync(path, { force: true });
      }
    }
  } finally {
    rmSync(mine, { force: true });
  }
  throw new KinemaError('io', `cannot lock the cache folder ${cacheDir}`, 'try again');
}

// --- internal ---

interface Owner {
  /** 0 when the file holds no pid. */
  pid: number;
  ino: number;
  mtimeMs: number;
}

function held(owner: Owner, now: number): boolean {
  if (owner.pid > 0) return processAlive(owner.pid);
  return now - owner.mtimeMs < UNREADABLE_STALE_MS;
}

function readOwner(path: string): Owner | undefined {
  try {
    const { ino, mtimeMs } = statSync(path);
    const text = readFileSync(path, 'utf8').trim();
    return { pid: /^\d{1,10}$/.test(text) ? Number(text) : 0, ino, mtimeMs };
  } catch {
    return undefined;
  }
}

function sameFile(path: string, ino: number): boolean {
  try {
    return statSync(path).ino === ino;
  } catch {
    return false;
  }
}
