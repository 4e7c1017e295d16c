/**
 * Geo restriction: an allow-list or deny-list of countries. The country comes from the CDN header
 * when configured to trust it, else from the injected IP lookup. An unknown country (private address,
 * no data) fails an allow-list and passes a deny-list.
 */
import type { MiddlewareHandler } from 'hono';
import type { GeoConfig } from '../deps.ts';
import type { AppEnv } from '../env.ts';

export const CDN_COUNTRY_HEADER = 'cloudfront-viewer-country';

export function geoRestriction(
  geo: GeoConfig,
  lookupCountry: ((ip: string) => string | undefined) | undefined,
  blocked: (
    c: Parameters<MiddlewareHandler<AppEnv>>[0],
    country: string | undefined,
  ) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  const countries = new Set(geo.countries.map((x) => x.toUpperCase()));
  return async (c, next) => {
    let country: string | undefined;
    const header = c.req.header(CDN_COUNTRY_HEADER);
    if (geo.trustCdnHeader && header && /^[A-Za-z]{2}$/.test(header)) country = header.toUpperCase();
    else if (lookupCountry && geo.mode !== 'off') country = lookupCountry(c.get('clientIp'))?.toUpperCase();
    c.set('country', country);
    if (!isAllowed(geo.mode, countries, country) && c.req.path !== '/healthz') return blocked(c, country);
    await next();
    if (geo.mode === 'off') return;
    // a shared cache must not hand one country's answer to another
    if (geo.trustCdnHeader) c.res.headers.append('Vary', 'CloudFront-Viewer-Country');
    else {
      const cc = c.res.headers.get('Cache-Control');
      if (cc?.startsWith('public')) c.res.headers.set('Cache-Control', cc.replace('public', 'private'));
    }
  };
}

export function isAllowed(
  mode: GeoConfig['mode'],
  countries: Set<string>,
  country: string | undefined,
): boolean {
  switch (mode) {
    case 'off':
      return true;
    case 'allow':
      return country !== undefined && countries.has(country);
    case 'deny':
      return country === undefined || !countries.has(country);
  }
}
