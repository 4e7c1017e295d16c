/**
 * The build's freshness key: the inputs' size, mtime and ctime, the options that shape the model and
 * the kinema version. Equal keys mean the model in the folder is what a build would write.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TABLES } from '../db/tables.ts';
import { MODEL_FORMAT } from '../core/model-manifest.ts';

const TABLE_FILES = TABLES.map((t) => t.name);

export function buildKey(
  dataDir: string,
  movielens: string | undefined,
  options: object,
  version: string,
): string {
  // ctime too: an edit that keeps the size and restores the mtime (`touch -r`) cannot restore it, so the
  // model is rebuilt, from a cache keyed on content; a copied folder costs a rebuild, never stale data
  const stamp = (path: string) => {
    if (!existsSync(path)) return null;
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
  };
  const inputs = [
    ...TABLE_FILES.map((name) => [name, stamp(join(dataDir, `${name}.tsv.gz`))]),
    ...(movielens ? ['ratings.csv', 'links.csv'].map((name) => [name, stamp(join(movielens, name))]) : []),
  ];
  // paths, threads and memory do not change the model, so they do not make it stale
  const {
    force: _f,
    freshClusters: _fc,
    acceptShrink: _a,
    dataDir: _d,
    modelDir: _m,
    cacheDir: _c,
    threads: _t,
    memoryLimit: _l,
    ...rest
  } = options as Record<string, unknown>;
  // sorted, so the same options give the same key whichever caller assembled them
  const sorted = Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256')
    .update(JSON.stringify({ format: MODEL_FORMAT, version, inputs, options: sorted }))
    .digest('hex')
    .slice(0, 16);
}
