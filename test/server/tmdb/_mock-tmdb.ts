/**
 * A stand-in for api.themoviedb.org on 127.0.0.1 (tests never reach the internet): /authentication,
 * /find/{imdb_id} and /movie/{id}?append_to_response=watch/providers, shaped like TMDB's answers,
 * with faults on demand (status codes, slowness, HTML error pages, bad or huge bodies) and a
 * sliding-window rate limit that counts every request over it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockMovie {
  imdb: string;
  tmdb: number;
  poster?: string;
  overview?: string;
}

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: number }
  | { kind: 'slow'; ms: number }
  | { kind: 'html' }
  | { kind: 'malformed' }
  | { kind: 'huge'; bytes: number }
  | { kind: 'reset' };

export interface MockTmdb {
  url: string;
  key: string;
  token: string;
  /** Every request's path (with query), in arrival order. */
  requests: string[];
  /** Arrival times (ms since start) of every request. */
  arrivals: number[];
  /** Requests that arrived beyond the rate limit (each got a 429). */
  over: number;
  maxConcurrent: number;
  /** Faults by path prefix (e.g. '/3/movie/238'), or '*' for all. Cleared with `faults.clear()`. */
  faults: Map<string, Fault>;
  close(): Promise<void>;
}

export interface MockOptions {
  movies: MockMovie[];
  /** Requests allowed per window; unlimited when absent. */
  limit?: { budget: number; windowMs: number };
  /** Milliseconds every answer takes (default 0). */
  latencyMs?: number;
}

export async function startMockTmdb(options: MockOptions): Promise<MockTmdb> {
  const key = '0123456789abcdef0123456789abcdef';
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ0ZXN0In0.c2lnbmF0dXJl';
  const byImdb = new Map(options.movies.map((m) => [m.imdb, m]));
  const byTmdb = new Map(options.movies.map((m) => [m.tmdb, m]));
  const started = performance.now();
  let concurrent = 0;
  const window: number[] = [];
  const mock: MockTmdb = {
    url: '',
    close: async () => {},
    key,
    token,
    requests: [],
    arrivals: [],
    over: 0,
    maxConcurrent: 0,
    faults: new Map(),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const t = performance.now() - started;
    mock.requests.push(req.url ?? '');
    mock.arrivals.push(t);
    concurrent++;
    mock.maxConcurrent = Math.max(mock.maxConcurrent, concurrent);
    res.on('close', () => concurrent--);
    const url = new URL(req.url ?? '/', 'http://x');
    if (options.limit) {
      while (window.length > 0 && window[0]! <= t - options.limit.windowMs) window.shift();
      if (window.length >= options.limit.budget) {
        mock.over++;
        return json(
          res,
          429,
          { status_code: 25, status_message: 'Your request count is over the allowed limit.' },
          1,
        );
      }
      window.push(t);
    }
    if (options.latencyMs) await delay(options.latencyMs);
    const fault = [...mock.faults].find(([p]) => p === '*' || url.pathname.startsWith(p))?.[1];
    if (fault) {
      switch (fault.kind) {
        case 'status':
          return json(
            res,
            fault.status,
            { status_code: 34, status_message: `mock ${fault.status}` },
            fault.retryAfter,
          );
        case 'slow':
          await delay(fault.ms);
          break;
        case 'html':
          res.writeHead(502, { 'content-type': 'text/html' });
          return res.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
        case 'malformed':
          res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
          return res.end('{"id": 238, "poster_path": ');
        case 'huge':
          res.writeHead(200, { 'content-type': 'application/json;charset=utf-8' });
          return res.end(`{"id":238,"overview":"${'x'.repeat(fault.bytes)}"}`);
        case 'reset':
          return req.socket.destroy();
      }
    }
    const auth = req.headers['authorization'];
    if (url.searchParams.get('api_key') !== key && auth !== `Bearer ${token}`)
      return json(res, 401, {
        status_code: 7,
        status_message: 'Invalid API key: You must be granted a valid key.',
        success: false,
      });
    if (url.pathname === '/3/authentication')
      return json(res, 200, { success: true, status_code: 1, status_message: 'Success.' });
    const find = /^\/3\/find\/(tt\d+)$/.exec(url.pathname);
    if (find) {
      const m = byImdb.get(find[1]!);
      return json(res, 200, {
        movie_results: m ? [{ id: m.tmdb, title: `Movie ${m.tmdb}`, poster_path: m.poster ?? null }] : [],
        person_results: [],
        tv_results: [],
      });
    }
    const movie = /^\/3\/movie\/(\d+)$/.exec(url.pathname);
    const m = movie ? byTmdb.get(Number(movie[1])) : undefined;
    if (!m)
      return json(res, 404, {
        status_code: 34,
        status_message: 'The resource you requested could not be found.',
      });
    return json(res, 200, movieJson(m));
  };

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  mock.url = `http://127.0.0.1:${port}/3`;
  mock.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return mock;
}

/** TMDB's movie details shape, the fields kinema reads plus a few it ignores. */
export function movieJson(m: MockMovie) {
  return {
    adult: false,
    backdrop_path: `/backdrop${m.tmdb}.jpg`,
    id: m.tmdb,
    imdb_id: m.imdb,
    original_language: 'en',
    overview: m.overview ?? `Overview of ${m.imdb}.`,
    poster_path: m.poster ?? null,
    tagline: `Tagline of ${m.imdb}.`,
    vote_average: 8.7,
    'watch/providers': {
      results: {
        US: {
          link: `https://www.themoviedb.org/movie/${m.tmdb}/watch?locale=US`,
          flatrate: [
            { logo_path: '/stream.jpg', provider_id: 8, provider_name: 'Netflix', display_priority: 1 },
          ],
          rent: [{ logo_path: '/rent.jpg', provider_id: 2, provider_name: 'Apple TV', display_priority: 2 }],
          buy: [],
        },
      },
    },
  };
}

function json(res: ServerResponse, status: number, body: unknown, retryAfter?: number) {
  const headers: Record<string, string> = { 'content-type': 'application/json;charset=utf-8' };
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  res.writeHead(status, headers);
  res.end(JSON.stringify(body));
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
