/**
 * TMDB's v3 API over an injected fetch: the key check, /find by IMDb id and movie details with watch
 * providers. Every answer is bounded (time and bytes) and checked (status, content type, JSON), and
 * every failure is one TmdbError whose kind says what the caller may do next. The key never appears in
 * an error message: errors name the path only.
 *
 * @example
 *   const client = createTmdbClient({ key, api: 'https://api.themoviedb.org/3', fetch });
 *   const id = await client.find('tt0068646'); // 238
 */
import { parseFind, parseMovie, TmdbFormatError, type TmdbDetails } from './details.ts';

export const DEFAULT_TMDB_API = 'https://api.themoviedb.org/3';

export type TmdbErrorKind =
  /** 401: the key is wrong or revoked; nothing more should be asked with it. */
  | 'rejected'
  /** 404 on a known path: retry much later, never cache as "no poster". */
  | 'not-found'
  /** 429: slow down; `retryAfterMs` says for how long when TMDB said so. */
  | 'rate-limited'
  /** 5xx, a timeout, a refused connection, a reset. */
  | 'unavailable'
  /** Not the JSON TMDB sends: an HTML error page, a cut or oversized body, a changed shape. */
  | 'malformed';

export class TmdbError extends Error {
  override readonly name = 'TmdbError';
  constructor(
    readonly kind: TmdbErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

export interface TmdbClientOptions {
  /** A v3 API key (32 hex digits) or a v4 read access token (a JWT, sent as a Bearer token). */
  key: string;
  api?: string;
  fetch: typeof fetch;
  /** Per request, ms (default 2000): a slow TMDB must not hold a queue slot for long. */
  timeoutMs?: number;
  /** Largest body read, bytes (default 512 KiB; a details answer is ~10-40 KB). */
  maxBytes?: number;
}

export interface TmdbClient {
  /** Resolves when TMDB accepts the key; a TmdbError otherwise ('rejected' for a wrong key). */
  checkKey(): Promise<void>;
  /** The TMDB movie id of an IMDb title, or undefined when TMDB has none. */
  find(imdbId: string): Promise<number | undefined>;
  movie(tmdbId: number, region: string): Promise<TmdbDetails>;
}

export function createTmdbClient(options: TmdbClientOptions): TmdbClient {
  const api = (options.api ?? DEFAULT_TMDB_API).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 2000;
  const maxBytes = options.maxBytes ?? 512 * 1024;
  const bearer = isReadToken(options.key);

  async function get(path: string, query: Record<string, string> = {}): Promise<unknown> {
    const params = new URLSearchParams(query);
    if (!bearer) params.set('api_key', options.key);
    const url = `${api}${path}?${params}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (bearer) headers['authorization'] = `Bearer ${options.key}`;
    const signal = AbortSignal.timeout(timeoutMs);
    let res: Response;
    try {
      res = await options.fetch(url, { headers, signal, redirect: 'error' });
    } catch (error) {
      throw new TmdbError('unavailable', `${path}: ${reason(error, signal, timeoutMs)}`);
    }
    try {
      if (!res.ok) throw await statusError(path, res, signal, maxBytes, timeoutMs);
      if (!/^application\/json\b/i.test(res.headers.get('content-type') ?? ''))
        throw new TmdbError(
          'malformed',
          `${path}: not JSON (${res.headers.get('content-type') ?? 'no type'})`,
        );
      const body = await readBody(res, maxBytes, path, signal, timeoutMs);
      try {
        return JSON.parse(body) as unknown;
      } catch {
        throw new TmdbError('malformed', `${path}: the body is not valid JSON`);
      }
    } finally {
      // a body left unread keeps the connection busy
      if (!res.bodyUsed) await res.body?.cancel().catch(() => {});
    }
  }

  const parsed = <T>(path: string, parse: () => T): T => {
    try {
      return parse();
    } catch (error) {
      if (error instanceof TmdbFormatError) throw new TmdbError('malformed', `${path}: ${error.message}`);
      throw error;
    }
  };

  return {
    async checkKey() {
      await get('/authentication');
    },
    async find(imdbId) {
      const path = `/find/${encodeURIComponent(imdbId)}`;
      const json = await get(path, { external_source: 'imdb_id' });
      return parsed(path, () => parseFind(json));
    },
    async movie(tmdbId, region) {
      const path = `/movie/${tmdbId}`;
      const json = await get(path, { append_to_response: 'watch/providers', language: 'en-US' });
      return parsed(path, () => parseMovie(json, region));
    },
  };
}

/** v4 read access tokens are JWTs (three dot-separated base64url parts); v3 keys are hex. */
export function isReadToken(key: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]+$/.test(key);
}

// --- internal ---

async function statusError(
  path: string,
  res: Response,
  signal: AbortSignal,
  maxBytes: number,
  timeoutMs: number,
): Promise<TmdbError> {
  // TMDB's errors are JSON with a status_message; a proxy's may be an HTML page: say only the status
  let message = `HTTP ${res.status}`;
  try {
    const json = JSON.parse(await readBody(res, Math.min(maxBytes, 16_384), path, signal, timeoutMs)) as {
      status_message?: unknown;
    };
    if (typeof json.status_message === 'string') message = json.status_message.slice(0, 200);
  } catch {
    // not JSON: the status alone
  }
  if (res.status === 401) return new TmdbError('rejected', message);
  if (res.status === 404) return new TmdbError('not-found', `${path}: ${message}`);
  if (res.status === 429) return new TmdbError('rate-limited', `${path}: ${message}`, retryAfter(res));
  if (res.status >= 500) return new TmdbError('unavailable', `${path}: ${message}`);
  return new TmdbError('malformed', `${path}: unexpected ${message}`);
}

/** Retry-After in seconds (TMDB's form) or an HTTP date; undefined when absent or nonsense. */
function retryAfter(res: Response): number | undefined {
  const value = res.headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 600) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.min(Math.max(0, date - Date.now()), 600_000) : undefined;
}

/** The body as text, refusing more than `maxBytes` (a huge body is cut off, not buffered). */
async function readBody(
  res: Response,
  maxBytes: number,
  path: string,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<string> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new TmdbError('malformed', `${path}: body of ${declared} bytes is too big`);
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new TmdbError('malformed', `${path}: body over ${maxBytes} bytes`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof TmdbError) throw error;
    throw new TmdbError('unavailable', `${path}: ${reason(error, signal, timeoutMs)}`);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(all);
  } catch {
    throw new TmdbError('malformed', `${path}: the body is not UTF-8`);
  }
}

function reason(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown }).code;
  return typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause);
}
