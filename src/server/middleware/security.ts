/**
 * Strict response headers on everything: a CSP with no inline script or style (the site ships
 * its script and stylesheet as files), no framing, no sniffing, no referrer leaks off-site.
 */
import type { MiddlewareHandler } from 'hono';

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

/** Posters and charts are images with their own stylesheet; they need nothing else (see respond.ts). */
export const SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'";

const HEADERS: [string, string][] = [
  ['Content-Security-Policy', CSP],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['X-Frame-Options', 'DENY'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()'],
];

/**
 * Set before the handler runs, so they are part of the response as it is built: editing a finished
 * response's headers afterwards costs @hono/node-server its fast path.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    for (const [name, value] of HEADERS) c.header(name, value);
    // only meaningful over HTTPS (directly or behind CloudFront / a TLS proxy)
    if (c.req.url.startsWith('https:') || c.req.header('x-forwarded-proto') === 'https') {
      c.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    }
    await next();
  };
}
