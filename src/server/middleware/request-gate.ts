/**
 * Everything a request passes before its route, in one middleware: security headers, who the client
 * is, the model it is served from, geo restriction, the rate limit and the response cache. One layer
 * instead of six, because each async layer costs about a microsecond of a cached request's ~30.
 *
 * Order matters: health checks are never blocked or limited; assets are static files cached by
 * browsers and not limited; posters are drawn per request, and a page shows dozens, so they have a
 * budget of their own, POSTER_SHARE times the pages' one; a cache hit still counts (it is traffic).
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppDeps, ServerConfig } from '../deps.ts';
import type { AppEnv } from '../env.ts';
import { cachedResponse } from '../respond.ts';
import { clientIpOf } from './client-ip.ts';
import { geoGate } from './geo.ts';
import { rateLimiter } from './rate-limit.ts';
import { IMAGE_HOST } from '../tmdb/details.ts';
import { routeSections } from '../route-sections.ts';
import { loadSections } from '../loaded-model.ts';
import { addMissingHeaders, cspWithImageHost, securityHeaders } from './security.ts';

export interface GateOptions {
  deps: AppDeps;
  config: ServerConfig;
  now: () => number;
  /** The page a geo-blocked client gets (451). */
  blocked: (c: Context<AppEnv>, country: string | undefined) => Response | Promise<Response>;
}

/** Poster requests a client may make per page request of its budget. */
export const POSTER_SHARE = 10;

export function requestGate({ deps, config, now, blocked }: GateOptions): MiddlewareHandler<AppEnv> {
  const geo = geoGate(config.geo, deps.lookupCountry);
  const limit = rateLimiter(config.rateLimit, now);
  const posterLimit = rateLimiter({ ...config.rateLimit, max: config.rateLimit.max * POSTER_SHARE }, now);
  const { maxAge, responseCacheBytes } = config;
  const pageCsp = deps.tmdb ? cspWithImageHost(IMAGE_HOST) : undefined;
  return async (c, next) => {
    const path = c.req.path;
    const headers = securityHeaders(
      c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https',
      path.startsWith('/api/'),
    );
    if (pageCsp && !path.startsWith('/api/')) headers['Content-Security-Policy'] = pageCsp;
    c.set('headers', headers);
    const ip = clientIpOf(c, deps, config);
    c.set('clientIp', ip);
    c.set('served', deps.getModel());
    c.set('maxAge', maxAge);
    let res: Response | undefined;
    if (geo) {
      const { country, allowed } = geo.check(c, ip);
      c.set('country', country);
      if (!allowed && path !== '/healthz') res = await blocked(c, country);
    }
    if (!res && path.startsWith('/poster/')) posterLimit(ip, headers);
    else if (!res && path !== '/healthz' && !path.startsWith('/assets/')) {
      limit(ip, headers);
      res = cachedResponse(c, responseCacheBytes);
    }
    if (res) c.res = res;
    else {
      // a lazily loaded model (Lambda) first reads what this route needs
      const served = c.get('served');
      if (served.model.sections) await loadSections(served, routeSections(path));
      await next();
    }
    if (c.res !== c.get('complete')) addMissingHeaders(c.res, headers);
    geo?.markResponse(c.res);
  };
}
