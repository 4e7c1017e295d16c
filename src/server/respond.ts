/**
 * Read-only responses with an ETag and Cache-Control, built from the body text itself. Hashing the
 * string here (FNV-1a, a few µs) instead of in a middleware keeps @hono/node-server on its fast path:
 * a middleware would have to clone and re-read the body stream, which cost 5× the throughput.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.ts';
import { SVG_CSP } from './middleware/security.ts';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { LoadedModel } from './loaded-model.ts';

export type ContentType = 'json' | 'html' | 'svg';

const TYPES: Record<ContentType, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
};

export interface CachedResponse {
  body: Uint8Array<ArrayBuffer>;
  etag: string;
  type: ContentType;
  maxAge: number;
}

/** Longest URL kept in the response cache; longer ones are computed every time. */
const MAX_KEY = 300;
const encoder = new TextEncoder();

/**
 * Serves GET requests from the model's response cache. A read-only response is a pure function of
 * the model and the URL, so entries stay valid until the model is swapped (the cache lives on the
 * LoadedModel and goes with it). sendText fills it; `size` 0 turns it off. Entries keep the encoded
 * bytes and the ETag, so a hit costs neither hashing nor encoding.
 */
export function responseCache(size: number): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (size <= 0 || c.req.method !== 'GET') return next();
    const key = cacheKey(c.req.url);
    const cache = c.get('served').responses;
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return send(c, hit);
    }
    c.set('cacheSize', size);
    await next();
  };
}

/** `remember` false for bodies cheaper to rebuild than to keep (posters). */
export function sendText(
  c: Context,
  text: string,
  type: ContentType,
  maxAge: number,
  remember = true,
): Response {
  const entry: CachedResponse = {
    body: encoder.encode(text),
    etag: `W/"${fnv1a(text)}-${text.length.toString(36)}"`,
    type,
    maxAge,
  };
  const size = remember ? ((c.get('cacheSize') as number | undefined) ?? 0) : 0;
  if (size > 0) {
    const cache = (c.get('served') as LoadedModel).responses;
    const key = cacheKey(c.req.url);
    if (key.length <= MAX_KEY && !cache.has(key)) {
      cache.set(key, entry);
      if (cache.size > size) cache.delete(cache.keys().next().value!);
    }
  }
  return send(c, entry);
}

export function sendJson(c: Context, value: unknown, maxAge: number): Response {
  return sendText(c, JSON.stringify(value), 'json', maxAge);
}

/** Renders hono/jsx output (a string or a promise of one) and sends it with an ETag. */
export async function sendHtml(
  c: Context,
  page: HtmlEscapedString | Promise<HtmlEscapedString> | null,
  maxAge: number,
): Promise<Response> {
  const rendered = await page;
  // a hono/jsx node renders on toString(), to a string or, with async components, a promise of one
  const text = rendered === null ? '' : await Promise.resolve(rendered.toString());
  return sendText(c, text, 'html', maxAge);
}

// --- internal ---

function send(c: Context, entry: CachedResponse): Response {
  if (entry.type === 'svg') c.header('Content-Security-Policy', SVG_CSP);
  const headers = { ETag: entry.etag, 'Cache-Control': `public, max-age=${entry.maxAge}` };
  if (matches(c.req.header('if-none-match'), entry.etag)) return c.body(null, 304, headers);
  return c.body(entry.body, 200, { ...headers, 'Content-Type': TYPES[entry.type] });
}

function cacheKey(url: string): string {
  return url.slice(url.indexOf('/', url.indexOf('//') + 2));
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.slice(2);
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}
