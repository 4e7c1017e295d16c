/**
 * The kinema web app: pages, JSON API, posters and assets, behind geo restriction, rate limiting,
 * security headers and access logs. Runtime-free: src/runtime/node.ts and lambda.ts host it.
 *
 * @example
 *   const app = createApp({ getModel: () => served, log, config: { geo: { mode: 'deny', countries: ['XX'], trustCdnHeader: true } } });
 *   const res = await app.request('/api/movies/tt0068646');
 */
import { Hono, type Context } from 'hono';
import { KinemaError } from '../core/errors.ts';
import { clustersApi } from './api/clusters.ts';
import { listsApi } from './api/lists.ts';
import { moviesApi } from './api/movies.ts';
import { peopleApi } from './api/people.ts';
import { OPENAPI } from './api/openapi.ts';
import { matchApi } from './api/match.ts';
import { recommendApi } from './api/recommend.ts';
import { searchApi } from './api/search.ts';
import { statusApi } from './api/status.ts';
import { assets, loadAssets, type AssetTable } from './assets.ts';
import { resolveConfig, type AppDeps } from './deps.ts';
import type { AppEnv } from './env.ts';
import { accessLog } from './middleware/access-log.ts';
import { RateLimitError } from './middleware/rate-limit.ts';
import { requestGate } from './middleware/request-gate.ts';
import { addMissingHeaders } from './middleware/security.ts';
import { sendJson } from './respond.ts';
import { BlockedPage, ErrorPage } from './pages/status.tsx';
import { pageWithAssets } from './pages/asset-links.tsx';
import { site } from './site.tsx';
import { tmdbPages } from './tmdb/middleware.tsx';

export type { AppDeps, ServerConfig } from './deps.ts';
export { DEFAULT_CONFIG } from './deps.ts';
export type { LoadedModel } from './loaded-model.ts';
export { prepareModel } from './loaded-model.ts';

const POST_ROUTES = new Set(['/api/recommend', '/api/match']);

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const config = resolveConfig(deps.config);
  const now = deps.now ?? Date.now;
  const app = new Hono<AppEnv>({ strict: true });

  if (config.accessLog) app.use(accessLog(deps.log, now));
  const compress = deps.compress;
  if (compress) {
    app.use(async (c, next) => {
      c.set('compress', compress);
      await next();
    });
  }
  app.use(
    requestGate({
      deps,
      config,
      now,
      blocked: (c, country) =>
        c.html(pageWithAssets(c, BlockedPage({ country })), 451, { 'Cache-Control': 'no-store' }),
    }),
  );

  app.get('/healthz', (c) => {
    const served = c.get('served');
    c.header('Cache-Control', 'no-store');
    return c.json({
      ok: true,
      model: served.version,
      movies: served.model.catalog.size,
      clusters: served.clusters.length,
    });
  });

  // read once, on the first request that needs them: pages link the content-hashed names
  let table: Promise<AssetTable> | undefined;
  const assetTable = () => (table ??= loadAssets(deps.readAsset));
  app.route('/', assets(assetTable));
  // read-only routes answer through respond.ts: ETag from the body, Cache-Control public for maxAge
  app.get('/api/openapi.json', (c) => sendJson(c, OPENAPI, 86_400));
  app.get('/api', (c) => c.redirect('/api/openapi.json'));
  for (const api of [
    moviesApi(),
    peopleApi(),
    searchApi(),
    recommendApi(),
    matchApi(),
    clustersApi(),
    listsApi(),
    statusApi(),
  ])
    app.route('/api', api);
  app.use(async (c, next) => {
    c.set('assetUrl', (await assetTable()).url);
    await next();
  });
  if (deps.tmdb) app.use(tmdbPages(deps.tmdb));
  app.route('/', site(deps.log));
  // reached only by requests no route took: every resource is GET-only except the POST routes
  app.all('*', (c) => {
    const allow = POST_ROUTES.has(c.req.path) ? 'POST' : 'GET, HEAD';
    if (allow.split(', ').includes(c.req.method)) return c.notFound();
    c.header('Allow', allow);
    return errorResponse(c, 405, 'method-not-allowed', `${c.req.method} is not allowed here (use ${allow})`);
  });

  app.notFound((c) =>
    errorResponse(c, 404, 'not-found', `no route for ${c.req.method} ${c.req.path.slice(0, 80)}`),
  );
  app.onError((error, c) => {
    if (error instanceof RateLimitError) {
      c.header('Retry-After', String(error.retryAfter));
      return errorResponse(c, 429, 'rate-limited', error.message);
    }
    if (error instanceof KinemaError) {
      const status = error.code === 'bad-input' ? 400 : error.code === 'not-found' ? 404 : 503;
      return errorResponse(
        c,
        status,
        error.code,
        error.hint ? `${error.message} (${error.hint})` : error.message,
      );
    }
    // the client went away mid-body: nothing is wrong here, and nobody reads the answer
    if (clientGone(error, c.req.raw.signal)) return errorResponse(c, 400, 'aborted', 'request aborted');
    // unexpected: log the details, tell the client nothing about internals
    deps.log.warn(
      `${c.req.method} ${c.req.path}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return errorResponse(c, 500, 'internal', 'internal error');
  });
  return app;
}

// --- internal ---

/** A request body cut off by the client: Node's "aborted", a reset, a premature close. */
function clientGone(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return true;
  for (let e = error, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (e.message === 'aborted' || code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE')
      return true;
  }
  return false;
}

async function errorResponse(
  c: Context<AppEnv>,
  status: 400 | 404 | 405 | 429 | 500 | 503,
  code: string,
  message: string,
) {
  c.header('Cache-Control', 'no-store');
  const res = await (c.req.path.startsWith('/api/') || !c.req.header('accept')?.includes('text/html')
    ? c.json({ error: { code, message } }, status)
    : c.html(pageWithAssets(c, ErrorPage({ status, message })), status));
  // an error thrown by the gate itself never reaches the gate's own header step
  const headers = c.get('headers');
  if (headers) addMissingHeaders(res, headers);
  return res;
}
