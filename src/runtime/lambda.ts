/**
 * AWS Lambda host of the web app (HTTP API payload v2, behind CloudFront). The model is loaded once
 * per instance, on the first request, from the bundle folder or from S3 (KINEMA_MODEL_SOURCE); later
 * requests reuse it. It loads lazily: the feature matrix, people's details and the title search are
 * read by the first request that needs them (src/server/route-sections.ts). deploy/template.yaml sets the environment; scripts/bundle-lambda.ts builds it.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { S3Client } from '@aws-sdk/client-s3';
import { getConnInfo, handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import type { Logger } from '../core/log.ts';
import { loadModel, type LoadOptions } from '../core/model-load.ts';
import type { ReadModelFile } from '../core/model.ts';
import { createApp, prepareModel } from '../server/app.ts';
import { lambdaConfig, ORIGIN_HEADER, type LambdaConfig } from './lambda-config.ts';
import { malformedEvent } from './lambda-event.ts';
import { fileAssetReader, fileModelReader, fileRangeOpener } from './files.ts';
import { s3ModelFiles, s3Reader } from './s3-model-reader.ts';
import { readOnlyTmdbStore } from './tmdb-read-store.ts';
import { createTmdbProvider, type TmdbProvider } from '../server/tmdb/provider.ts';

export type LambdaHandler = (event: LambdaEvent, context?: LambdaContext) => Promise<LambdaResult>;
type LambdaResult = Awaited<ReturnType<ReturnType<typeof handle>>>;

export interface LambdaOptions {
  log: Logger;
  /** Overrides where the model comes from (tests, benchmarks). */
  readModel?: ReadModelFile;
  /** The client for a model on S3 (tests against moto); by default one made from the environment. */
  s3Client?: S3Client;
  now?: () => number;
}

export function createLambdaHandler(config: LambdaConfig, options: LambdaOptions): LambdaHandler {
  const { log } = options;
  const { read, ...open } = options.readModel
    ? { read: options.readModel }
    : modelFiles(config.model, options.s3Client);
  let ready: Promise<ReturnType<typeof handle>> | undefined;
  const start = () =>
    (ready ??= (async () => {
      const started = Date.now();
      // read now only what a first "similar" answer needs; routes read the rest (route-sections.ts)
      const served = prepareModel(await loadModel(read, { ...open, lazy: true }), { lazy: true });
      log.info(
        `model ${served.version} loaded: ${served.model.catalog.size} movies in ${Date.now() - started} ms`,
      );
      const app = createApp({
        getModel: () => served,
        log,
        tmdb: tmdbCacheOf(config.tmdb, log),
        now: options.now,
        config: {
          geo: { ...config.geo, trustCdnHeader: true },
          // X-Forwarded-For's first hop is whatever the viewer sent; CloudFront-Viewer-Address is not
          trustProxy: false,
        },
        clientIp: (c) => viewerIp(c.req.header(VIEWER_ADDRESS)) ?? getConnInfo(c).remote.address,
        readAsset: fileAssetReader(config.assetsDir),
      });
      return handle(app);
    })().catch((error: unknown) => {
      ready = undefined; // let the next request retry instead of failing the instance forever
      throw error;
    }));

  return async (event, context) => {
    const malformed = malformedEvent(event);
    if (malformed) return plain(400, 'bad-request', `malformed request: ${malformed}`);
    if (config.originSecret !== undefined && headerOf(event, ORIGIN_HEADER) !== config.originSecret) {
      return plain(403, 'forbidden', 'use the site address, not the API endpoint');
    }
    const routed = config.originSecret === undefined ? event : withoutRoutePrefix(event, config.originSecret);
    let run;
    try {
      run = await start();
    } catch (error) {
      log.warn(`model load failed: ${error instanceof Error ? error.message : String(error)}`);
      return plain(503, 'unavailable', 'the model could not be loaded; try again shortly');
    }
    try {
      return await run(routed, context);
    } catch (error) {
      // the adapter could not make a request of the event: the event's fault, never a 5xx
      log.warn(`malformed event: ${error instanceof Error ? error.message : String(error)}`);
      return plain(400, 'bad-request', 'malformed request');
    }
  };
}

/** The entry point AWS calls (Handler: lambda.handler). Configuration is read on the first call. */
let instance: LambdaHandler | undefined;
export const handler: LambdaHandler = (event, context) => {
  instance ??= createLambdaHandler(
    lambdaConfig(process.env, process.env.LAMBDA_TASK_ROOT ?? dirname(fileURLToPath(import.meta.url))),
    { log: cloudWatchLogger() },
  );
  return instance(event, context);
};

// --- internal ---

/**
 * Where the model is read from. Neighbour lists are read a row per request instead of loaded (cold
 * start, memory): from the bundle's file, or by ranged reads of the S3 object.
 */
function modelFiles(
  model: LambdaConfig['model'],
  client: S3Client | undefined,
): { read: ReadModelFile } & LoadOptions {
  if (model.source === 'bundle')
    return { read: fileModelReader(model.dir), open: fileRangeOpener(model.dir) };
  const s3 = s3ModelFiles(model.bucket, model.prefix, client);
  return { read: s3.read, openRemote: s3.open };
}

/** The shipped TMDB cache, read on demand (a bundle without a tmdb folder has none). */
function tmdbCacheOf(tmdb: LambdaConfig['tmdb'], log: Logger): TmdbProvider | undefined {
  if (tmdb.source === 'off' || (tmdb.source === 'bundle' && !existsSync(tmdb.dir))) return undefined;
  const read = tmdb.source === 'bundle' ? fileModelReader(tmdb.dir) : s3Reader(tmdb.bucket, tmdb.prefix);
  return createTmdbProvider({ store: readOnlyTmdbStore(read), log });
}

/** Set by CloudFront (origin request policy): "ip:port", IPv6 unbracketed, e.g. "2001:db8::1:443". */
const VIEWER_ADDRESS = 'cloudfront-viewer-address';

export function viewerIp(address: string | undefined): string | undefined {
  if (!address) return undefined;
  const cut = address.lastIndexOf(':');
  const ip = cut > 0 ? address.slice(0, cut) : address;
  return /^[0-9a-fA-F.:]{2,45}$/.test(ip) ? ip : undefined;
}

/**
 * The API's routes start with the origin secret (CloudFront adds it to every path, see
 * deploy/template.yaml AppOriginPath): the app's own path is what follows. A path without it, as an
 * older stack sends, is left as it is; the header check above guards both.
 */
export function withoutRoutePrefix(event: LambdaEvent, secret: string): LambdaEvent {
  if (!('rawPath' in event)) return event;
  const prefix = `/${secret}`;
  const strip = (path: string) =>
    path === prefix ? '/' : path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
  const rawPath = strip(event.rawPath);
  if (rawPath === event.rawPath) return event;
  // malformedEvent vouches for rawPath; requestContext.http is only sure in a version 2.0 event
  const http = event.requestContext.http as typeof event.requestContext.http | undefined;
  const requestContext =
    typeof http?.path === 'string'
      ? { ...event.requestContext, http: { ...http, path: strip(http.path) } }
      : event.requestContext;
  return { ...event, rawPath, requestContext };
}

function headerOf(event: LambdaEvent, name: string): string | undefined {
  const headers = (event as { headers?: Record<string, string | string[] | undefined> }).headers ?? {};
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function plain(statusCode: number, code: string, message: string): LambdaResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    body: JSON.stringify({ error: { code, message } }),
    isBase64Encoded: false,
  };
}

/** Lambda's stdout is CloudWatch Logs: one line per message. */
function cloudWatchLogger(): Logger {
  return {
    info: (message) => void process.stdout.write(`${message}\n`),
    warn: (message) => void process.stderr.write(`warning: ${message}\n`),
  };
}
