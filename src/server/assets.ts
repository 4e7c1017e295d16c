/**
 * Static files (stylesheet, script, icon) by exact name from a fixed list, so no request path can
 * reach anything else: no traversal, no directory listing, no dotfiles.
 */
import { Hono } from 'hono';
import { KinemaError } from '../core/errors.ts';
import type { ReadAsset } from './deps.ts';
import type { AppEnv } from './env.ts';

export const ASSETS: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'icon.svg': 'image/svg+xml',
  // the attribution logo TMDB's terms ask for (src/server/tmdb/blocks.tsx)
  'tmdb.svg': 'image/svg+xml',
};

export function assets(read: ReadAsset | undefined): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const cache = new Map<string, Uint8Array>();
  app.get('/assets/:name', async (c) => {
    const name = c.req.param('name');
    const type = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!type || !read) throw new KinemaError('not-found', `no asset named ${name.slice(0, 40)}`);
    let bytes = cache.get(name);
    if (!bytes) {
      const read_ = await read(name);
      if (!read_) throw new KinemaError('not-found', `asset ${name} is missing from this build`);
      bytes = read_;
      cache.set(name, bytes);
    }
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': type,
      'Cache-Control': 'public, max-age=3600',
    });
  });
  return app;
}
