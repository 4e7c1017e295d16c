/**
 * Read-only responses with an ETag and Cache-Control, built from the body itself. Hashing the
 * encoded bytes here (MurmurHash3) instead of in a middleware keeps
 * @hono/node-server on its fast path: a middleware would have to clone and re-read the body stream,
 * which costs throughput.
 */
import type { Context } from 'hono';
import { murmur3 } from '../numeric/hash.ts';
import type { AppEnv } from './env.ts';
import { pageWithAssets } from './pages/asset-links.tsx';
import type { Compress, Encoding } from './deps.ts';
import { SVG_CSP, type HeaderRecord } from './middleware/security.ts';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { LoadedModel } from './loaded-model.ts';
import { MULTI_PARAMS, QUERY_PARAMS } from './params.ts';

export type ContentType = 'json' | 'html' | 'svg';

const TYPES: Record<ContentType, string> = {
  json: 'application/json; charset=utf-8',
  html: 'text/html; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
};

export interface CachedResponse {
  body: Uint8Array<ArrayBuffer>;
  /** The body compressed, per coding, made on the first request that accepts it. */
  encoded?: Partial<Record<Encoding, Uint8Array<ArrayBuffer>>>;
  etag: string;
  type: ContentType;
  maxAge: number;
}

/** Longest cache key kept; longer ones are computed every time. */
const MAX_KEY = 300;
/** Smaller bodies are sent as they are: compression saves less than its headers and time. */
const MIN_COMPRESS = 1024;
const encoder = new TextEncoder();

/**
 * The cached answer to a GET request, if any. A read-only response is a pure function of the model
 * and the parameters its route reads, so entries stay valid until the model is swapped (the cache
 * lives on the LoadedModel and goes with it). The key is the path and the known parameters only
 * (QUERY_PARAMS, first value each, in a fixed order): `&v=N` or a reordered query string is a hit,
 * not a new entry and a new computation. sendText fills it; `maxBytes` 0 turns it off. Entries keep
 * the encoded bytes and the ETag, so a hit costs neither hashing nor encoding.
 */
export function cachedResponse(c: Context<AppEnv>, maxBytes: number): Response | undefined {
  if (maxBytes <= 0 || c.req.method !== 'GET') return undefined;
  const key = cacheKey(c);
  const hit = c.get('served').responses.get(key);
  if (hit) return send(c, hit);
  c.set('cacheSize', maxBytes);
  return undefined;
}

/** `remember` false for bodies cheaper to rebuild than to keep (posters). */
export function sendText(
  c: Context,
  text: string,
  type: ContentType,
  maxAge: number,
  remember = true,
): Response {
  const body = encoder.encode(text);
  const volatile = c.get('volatile') === true;
  const entry: CachedResponse = {
    body,
    etag: `W/"${murmur3(body).toString(36)}-${body.length.toString(36)}"`,
    type,
    maxAge: volatile ? 0 : maxAge,
  };
  const maxBytes = remember && !volatile ? ((c.get('cacheSize') as number | undefined) ?? 0) : 0;
  if (maxBytes > 0) {
    const key = cacheKey(c);
    if (key.length <= MAX_KEY) (c.get('served') as LoadedModel).responses.set(key, entry, maxBytes);
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
  const wrap = c.get('wrapPage') as AppEnv['Variables']['wrapPage'] | undefined;
  const linked = page ? pageWithAssets(c, page) : page;
  const rendered = await (wrap && linked ? wrap(linked) : linked);
  // a hono/jsx node renders on toString(), to a string or, with async components, a promise of one
  const text = rendered === null ? '' : await Promise.resolve(rendered.toString());
  return sendText(c, text, 'html', maxAge);
}

// --- internal ---

/**
 * Builds the response on the request's own header object (security and rate-limit headers already
 * in it), as a plain record: see middleware/security.ts for why.
 */
function send(c: Context, entry: CachedResponse): Response {
  const headers = (c.get('headers') as HeaderRecord | undefined) ?? {};
  if (entry.type === 'svg') headers['Content-Security-Policy'] = SVG_CSP;
  headers['ETag'] = entry.etag;
  headers['Cache-Control'] = `public, max-age=${entry.maxAge}`;
  let res: Response;
  const compress = c.get('compress') as Compress | undefined;
  const encoding =
    compress && entry.body.length >= MIN_COMPRESS ? accepted(c.req.header('accept-encoding')) : undefined;
  if (compress) headers['Vary'] = 'Accept-Encoding';
  if (matches(c.req.header('if-none-match'), entry.etag)) res = new Response(null, { status: 304, headers });
  else {
    headers['Content-Type'] = TYPES[entry.type];
    let body = entry.body;
    if (encoding && compress) {
      entry.encoded ??= {};
      body = entry.encoded[encoding] ??= compress(entry.body, encoding) as Uint8Array<ArrayBuffer>;
      headers['Content-Encoding'] = encoding;
    }
    res = new Response(body, { status: 200, headers });
  }
  c.set('complete', res);
  return res;
}

function cacheKey(c: Context): string {
  const query = c.req.query();
  let key = c.req.path;
  let sep = '?';
  for (const name of QUERY_PARAMS) {
    const many = MULTI_PARAMS.has(name);
    const values = many ? (c.req.queries(name) ?? []) : query[name] === undefined ? [] : [query[name]!];
    for (const v of values) {
      key += `${sep}${name}=${encodeURIComponent(v)}`;
      sep = '&';
    }
  }
  return key;
}

/** br when the client takes it, else gzip, else nothing (q=0 refuses a coding). */
function accepted(header: string | undefined): Encoding | undefined {
  if (!header) return undefined;
  const ok = new Set<string>();
  for (const part of header.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((v) => v !== undefined);
    if (name && (q === undefined || Number(q) > 0)) ok.add(name.trim());
  }
  if (ok.has('br')) return 'br';
  if (ok.has('gzip') || ok.has('*')) return 'gzip';
  return undefined;
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.slice(2);
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === bare);
}
