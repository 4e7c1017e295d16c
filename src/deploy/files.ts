/**
 * What goes to S3: the files of a local folder as object keys, with the content type and cache lifetime
 * CloudFront and browsers should see. Keys always use "/" whatever the local separator.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { KinemaError } from '../core/errors.ts';
import { IMMUTABLE, isHashedName } from '../core/asset-name.ts';

export interface UploadFile {
  /** Local absolute path. */
  path: string;
  key: string;
  size: number;
  contentType: string;
  cacheControl: string;
}

const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  mjs: 'text/javascript; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  webp: 'image/webp',
  ico: 'image/x-icon',
  txt: 'text/plain; charset=utf-8',
  xml: 'application/xml',
  woff2: 'font/woff2',
  map: 'application/json',
  webmanifest: 'application/manifest+json',
};

export function contentType(name: string): string {
  const ext = name.slice(name.lastIndexOf('.') + 1).toLowerCase();
  return TYPES[ext] ?? 'application/octet-stream';
}

/**
 * Pages and API shards may change on each deploy, so they revalidate after minutes; other static files
 * are cached a day at the edge, content-hashed assets for good. Model files are private (read by the function only).
 */
export function cacheControl(key: string, kind: 'site' | 'model'): string {
  if (kind === 'model') return 'private, no-cache';
  if (key.includes('/assets/') && isHashedName(key)) return IMMUTABLE;
  if (/\.(html|json)$/.test(key) || !/\.[a-z0-9]+$/i.test(key)) return 'public, max-age=300';
  return 'public, max-age=86400';
}

/** Every regular file under `dir`, sorted by key, as uploads under `prefix` (e.g. "site/"). */
export function listUploadFiles(dir: string, prefix: string, kind: 'site' | 'model'): UploadFile[] {
  let top;
  try {
    top = statSync(dir);
  } catch {
    throw new KinemaError('not-found', `folder ${dir} does not exist`, 'check the path you gave');
  }
  if (!top.isDirectory()) throw new KinemaError('bad-input', `${dir} is not a folder`);
  const out: UploadFile[] = [];
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      if (name.startsWith('.')) continue;
      const path = join(folder, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else if (stat.isFile()) {
        const key = prefix + relative(dir, path).split(sep).join('/');
        out.push({
          path,
          key,
          size: stat.size,
          contentType: contentType(name),
          cacheControl: cacheControl(key, kind),
        });
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
