/**
 * Puts a TMDB view into every HTML page's render (see page-view.ts). JSON, posters, charts and assets
 * never see it: no /api answer ever waits for, or even asks, TMDB.
 */
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { TmdbContext, tmdbView } from './page-view.ts';
import type { TmdbProvider } from './provider.ts';

const NOT_PAGES = /^\/(?:api|poster|charts|assets)\//;
const MOVIE_PAGE = /^\/movie\/(tt\d{7,10})$/;
/** A store read (disk, S3) this slow is not worth waiting for: the page renders, and fills in later. */
const PRELOAD_MS = 100;

export function tmdbPages(provider: TmdbProvider): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const movie = MOVIE_PAGE.exec(c.req.path)?.[1];
    if (movie) await provider.preload(movie, PRELOAD_MS);
    if (!NOT_PAGES.test(c.req.path)) {
      const view = tmdbView(provider, () => c.set('volatile', true));
      c.set('wrapPage', (page) => <TmdbContext.Provider value={view}>{page}</TmdbContext.Provider>);
    }
    await next();
  };
}
