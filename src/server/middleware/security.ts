/**
 * Strict response headers on everything: a CSP with no inline script or style (the site ships
 * its script and stylesheet as files), no framing, no sniffing, no referrer leaks off-site.
 *
 * They travel as one plain object per request (see request-gate.ts): read-only responses are built
 * with it directly, which keeps @hono/node-server on its fastest path (an undici Headers object costs
 * a validation per set and a copy per response, a quarter of a cached request's CPU). Responses built
 * any other way get the missing ones added afterwards.
 */

export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The pages' policy with one more image host (TMDB's CDN), and nothing else loosened. */
export function cspWithImageHost(host: string): string {
  return CSP.replace("img-src 'self' data:", `img-src 'self' data: ${host}`);
}

/** JSON runs no script and loads nothing: the API's policy forbids everything, framing included. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

/** Posters and charts are images with their own stylesheet; they need nothing else (see respond.ts). */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

export type HeaderRecord = Record<string, string>;

const PERMISSIONS = 'camera=(), microphone=(), geolocation=(), interest-cohort=()';

/**
 * A fresh header object for one response. `https`: the request came over TLS (directly, or behind
 * CloudFront / a TLS proxy); HSTS means nothing otherwise. `api`: a JSON answer, which gets the
 * headers OWASP lists for REST responses (no script, no framing, no sniffing, same-origin reads)
 * and not the ones only documents use (Permissions-Policy, COOP, Referrer-Policy): every header
 * costs the Node server validation and bytes on each response.
 *
 * Written as literals on purpose: V8 builds one fast and later stores stay fast, while a spread copy
 * of a shared object followed by more keys takes V8's slow path for every added key.
 */
export function securityHeaders(https: boolean, api: boolean): HeaderRecord {
  const headers: HeaderRecord = api
    ? {
        'Content-Security-Policy': API_CSP,
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
        'Cross-Origin-Resource-Policy': 'same-origin',
      }
    : {
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'strict-origin-when-cross-origin',
        'X-Frame-Options': 'DENY',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Resource-Policy': 'same-origin',
        'Permissions-Policy': PERMISSIONS,
      };
  if (https) headers['Strict-Transport-Security'] = 'max-age=31536000; includeSubDomains';
  return headers;
}

/** Adds every header of `headers` the response does not set itself (its own CSP, Cache-Control win). */
export function addMissingHeaders(res: Response, headers: HeaderRecord): void {
  for (const name in headers) if (!res.headers.has(name)) res.headers.set(name, headers[name]!);
}
