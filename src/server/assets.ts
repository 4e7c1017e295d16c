/**
 * Static files (stylesheet, script, icons) by exact name from a fixed list, so no request path can
 * reach anything else: no traversal, no directory listing, no dotfiles. Pages link each file under a
 * name carrying a hash of its content (`/assets/app.3f9c2a1b.js`), served immutable for a year: a new
 * build changes the name, so no browser or CDN keeps old code. The plain name redirects to the
 * current one (bookmarks, old pages).
 */
import { Hono } from 'hono';
import { createContext } from 'hono/jsx';
import { KinemaError } from '../core/errors.ts';
import { hashedName, IMMUTABLE } from '../core/asset-name.ts';
import type { ReadAsset } from './deps.ts';
import type { AppEnv } from './env.ts';

export const ASSETS: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  // search and taste on a static host (export-site --pages); app.js asks it
  'static-host.js': 'text/javascript; charset=utf-8',
  // built from src/client/ratings-import.ts (scripts/build.ts): absent when serving src/ directly
  'import.js': 'text/javascript; charset=utf-8',
  'icon.svg': 'image/svg+xml',
  // the attribution logo TMDB's terms ask for (src/server/tmdb/blocks.tsx)
  'tmdb.svg': 'image/svg+xml',
};

export interface AssetFile {
  name: string;
  bytes: Uint8Array;
  type: string;
}

export interface AssetTable {
  /** The URL pages link for an asset: hashed when the file was read, the plain name otherwise. */
  url(name: string): string;
  /** The asset behind a hashed file name. */
  file(hashed: string): AssetFile | undefined;
  /** Every asset read, under its hashed file name. */
  files(): IterableIterator<[string, AssetFile]>;
}

/** Reads every declared asset once (a missing one is left out: its URL then answers 404). */
export async function loadAssets(read: ReadAsset | undefined): Promise<AssetTable> {
  const byHash = new Map<string, AssetFile>();
  const urls = new Map<string, string>();
  for (const [name, type] of Object.entries(ASSETS)) {
    const bytes = read ? await read(name) : null;
    if (!bytes) continue;
    const file = hashedName(name, bytes);
    byHash.set(file, { name, bytes, type });
    urls.set(name, `/assets/${file}`);
  }
  return {
    url: (name) => urls.get(name) ?? `/assets/${name}`,
    file: (hashed) => byHash.get(hashed),
    files: () => byHash.entries(),
  };
}

/** What a page links an asset as; outside an app (a page rendered alone) the plain name. */
export const AssetUrl = createContext<(name: string) => string>((name) => `/assets/${name}`);

export function assets(table: () => Promise<AssetTable>): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    const t = await table();
    const hit = t.file(file);
    if (hit) {
      return c.body(hit.bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': hit.type,
        'Cache-Control': IMMUTABLE,
      });
    }
    if (!Object.hasOwn(ASSETS, file))
      throw new KinemaError('not-found', `no asset named ${file.slice(0, 40)}`);
    const url = t.url(file);
    if (url === `/assets/${file}`)
      throw new KinemaError('not-found', `asset ${file} is missing from this build`);
    c.header('Cache-Control', 'no-cache');
    return c.redirect(url, 302);
  });
  return app;
}
