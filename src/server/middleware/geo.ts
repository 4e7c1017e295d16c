/**
 * Geo restriction: an allow-list or deny-list of countries. The country comes from the CDN header
 * when configured to trust it, else from the injected IP lookup. An unknown country (private address,
 * no data) fails an allow-list and passes a deny-list. Applied by request-gate.ts.
 */
import type { Context } from 'hono';
import type { GeoConfig } from '../deps.ts';

export const CDN_COUNTRY_HEADER = 'cloudfront-viewer-country';

export interface GeoGate {
  /** The client's country (upper case) or undefined, and whether it may be served. */
  check(c: Context, clientIp: string): { country: string | undefined; allowed: boolean };
  /** Keeps shared caches from handing one country's answer to another. */
  markResponse(res: Response): void;
}

/** undefined when geo restriction is off: nothing to check, nothing to mark. */
export function geoGate(
  geo: GeoConfig,
  lookupCountry: ((ip: string) => string | undefined) | undefined,
): GeoGate | undefined {
  if (geo.mode === 'off') return undefined;
  const countries = new Set(geo.countries.map((x) => x.toUpperCase()));
  return {
    check(c, clientIp) {
      let country: string | undefined;
      const header = c.req.header(CDN_COUNTRY_HEADER);
      if (geo.trustCdnHeader && header && /^[A-Za-z]{2}$/.test(header)) country = header.toUpperCase();
      else if (lookupCountry) country = lookupCountry(clientIp)?.toUpperCase();
      return { country, allowed: isAllowed(geo.mode, countries, country) };
    },
    markResponse(res) {
      if (geo.trustCdnHeader) res.headers.append('Vary', 'CloudFront-Viewer-Country');
      else {
        const cc = res.headers.get('Cache-Control');
        if (cc?.startsWith('public')) res.headers.set('Cache-Control', cc.replace('public', 'private'));
      }
    },
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
