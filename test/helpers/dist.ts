/**
 * The compiled build (dist/) that bin/kinema.js runs. `npm test` builds it first; a targeted run
 * after editing src/ fails here, naming the fix, rather than testing yesterday's JavaScript.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.built');

export function compiledDist(): string {
  if (!existsSync(STAMP)) throw new Error('dist/ is missing: run `npm run build`');
  const built = statSync(STAMP).mtimeMs;
  const stale = newerThan(join(ROOT, 'src'), built);
  if (stale) throw new Error(`dist/ is older than ${stale}: run \`npm run build\``);
  return DIST;
}

function newerThan(dir: string, time: number): string | undefined {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = newerThan(path, time);
      if (found) return found;
    } else if (statSync(path).mtimeMs > time) return path;
  }
  return undefined;
}
