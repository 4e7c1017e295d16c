/**
 * Puts a TMDB view into every HTML page's render (see page-view.ts). JSON, posters, charts and assets
 * never see it: no /api answer ever waits for, or even asks, TMDB.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { TmdbContext, tmdbView } from './page-view.ts';
import type { TmdbProvider } from './provider.ts';

const NOT_PAGES = /^\/(?:api|poster|charts|assets)\//;

export function tmdbPages(provider: TmdbProvider): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!NOT_PAGES.test(c.req.path)) {
      const view = tmdbView(provider, () => c.set('volatile', true));
      c.set('wrapPage', (page) => <TmdbContext.Provider value={view}>{page}</TmdbContext.Provider>);
    }
    await next();
  };
}
