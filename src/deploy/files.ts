/**
 * What goes to S3: the files of a local folder as object keys, with the content type and cache lifetime
 * CloudFront and browsers should see. Keys always use "/" whatever the local separator.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { KinemaError } from '../core/errors.ts';
import { IMMUTABLE, isHashedName } from '../core/asset-name.ts';
import { COLLAB_ROWS_FILE, collabRowsOf } from '../core/collab/rows-file.ts';
import { COLLAB_FILE } from '../core/model-lazy.ts';
import {
  encodePartsIndex,
  MODEL_PART_BYTES,
  partName,
  PARTED_OVER,
  partsIndex,
  partsIndexName,
} from '../core/model-parts.ts';

export interface UploadFile {
  /** Local absolute path. */
  path: string;
  key: string;
  size: number;
  contentType: string;
  cacheControl: string;
  /** A part object: `size` bytes of the file from here (src/core/model-parts.ts). */
  start?: number;
  /** An object made here, not read from `path` (a parts index; `path` names its file). */
  body?: Uint8Array;
}

/** How big model files are split (tests pass small sizes to see parts of a small fixture). */
export interface PartOptions {
  partSize: number;
  /** Files bigger than this get parts. */
  over: number;
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

/**
 * Every regular file under `dir`, sorted by key, as uploads under `prefix` (e.g. "site/"); a big model
 * file also as its part objects and their index (src/core/model-parts.ts).
 */
export function listUploadFiles(
  dir: string,
  prefix: string,
  kind: 'site' | 'model',
  parts: PartOptions = { partSize: MODEL_PART_BYTES, over: PARTED_OVER },
): UploadFile[] {
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
        const upload = { path, key, size: stat.size, contentType: contentType(name) };
        out.push({ ...upload, cacheControl: cacheControl(key, kind) });
        if (kind === 'model' && stat.size > parts.over) out.push(...partUploads(upload, parts.partSize));
        if (kind === 'model' && stat.size > parts.over && name === COLLAB_FILE) {
          out.push(...collabRowUploads(upload, parts.partSize));
        }
      }
    }
  };
  walk(dir);
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

// --- internal ---

type LocalFile = { path: string; key: string; size: number; contentType: string };

/**
 * collab.bin's entries by row (src/core/collab/rows-file.ts), derived here and uploaded as parts only,
 * so Lambda reads a movie's row with one GET instead of three.
 */
function collabRowUploads(file: LocalFile, partSize: number): UploadFile[] {
  const rows = collabRowsOf(new Uint8Array(readFileSync(file.path)));
  const key = file.key.slice(0, -COLLAB_FILE.length) + COLLAB_ROWS_FILE;
  return partUploads({ ...file, key, size: rows.length }, partSize, rows);
}

/**
 * A file's part objects and their index, beside the whole object (older readers use that); `bytes`:
 * the parts are of these bytes, made here, not of the file at `path`.
 */
function partUploads(file: LocalFile, partSize: number, bytes?: Uint8Array): UploadFile[] {
  const index = partsIndex(file.size, partSize);
  const body = encodePartsIndex(index);
  const cache = cacheControl(file.key, 'model');
  const out: UploadFile[] = [
    {
      path: file.path,
      key: partsIndexName(file.key),
      size: body.length,
      contentType: 'application/json',
      cacheControl: cache,
      body,
    },
  ];
  for (let part = 0; part < index.parts; part++) {
    const start = part * partSize;
    const size = Math.min(partSize, file.size - start);
    const upload = { path: file.path, key: partName(file.key, part), size, contentType: file.contentType };
    out.push(
      bytes
        ? { ...upload, cacheControl: cache, body: bytes.subarray(start, start + size) }
        : { ...upload, cacheControl: cache, start },
    );
  }
  return out;
}
