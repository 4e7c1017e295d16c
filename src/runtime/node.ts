/**
 * The Node.js host of the web app: loads the model folder, serves it on HTTP, hot-swaps rebuilt
 * models, logs one structured line per request and shuts down gracefully on SIGTERM/SIGINT.
 * Free of CLI concerns: `kinema serve` and `kinema start` both call startServer.
 */
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { KinemaError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import type { TmdbProvider } from '../server/tmdb/provider.ts';
import { createApp } from '../server/app.ts';
import { resolveConfig, type ServerConfig } from '../server/deps.ts';
import { fileAssetReader } from './files.ts';
import { zlibCompress } from './compress.ts';
import { watchModel } from './model-watch.ts';
import { startTmdb, type TmdbSettings } from './tmdb.ts';
import { tmdbCacheDirFor } from './tmdb-disk-cache.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.ts';

export interface StartServerOptions {
  modelDir: string;
  /** Default DEFAULT_HOST (127.0.0.1); use 0.0.0.0 to listen on every interface. */
  host?: string;
  /** Default DEFAULT_PORT; 0 picks a free port. */
  port?: number;
  config?: Partial<ServerConfig>;
  log: Logger;
  /** How often to look for a rebuilt model, ms (default 2000). */
  watchIntervalMs?: number;
  /** Close on SIGTERM/SIGINT (default true; tests and embedders may turn it off). */
  handleSignals?: boolean;
  /** Posters, plots and where to watch from TMDB (off without it; see src/runtime/tmdb.ts). */
  tmdb?: Omit<TmdbSettings, 'cacheDir'> & { cacheDir?: string };
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
  /** Resolves once the server has closed (by close() or a signal). */
  closed: Promise<void>;
  /** Looks for a rebuilt model now instead of at the next poll; true when one was swapped in. */
  reload(): Promise<boolean>;
}

/** Connections still open this long after close() are cut. */
const DRAIN_MS = 5000;

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { log } = options;
  const config = resolveConfig(options.config);
  const holder = await watchModel(options.modelDir, log, options.watchIntervalMs ?? 2000);
  const lookupCountry = config.geo.mode === 'off' ? undefined : await countryLookup();
  const tmdb = options.tmdb ? await tmdbOrNothing(options.tmdb, options.modelDir, log) : undefined;
  const app = createApp({
    getModel: holder.get,
    config,
    log,
    lookupCountry,
    clientIp: (c) => getConnInfo(c).remote.address,
    readAsset: fileAssetReader(),
    compress: zlibCompress,
    tmdb,
  });
  const server = createAdaptorServer({ fetch: app.fetch });
  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  log.info(`serving ${holder.get().model.catalog.size} movies from ${options.modelDir} at ${url}`);

  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      holder.stop();
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      const http = server as import('node:http').Server;
      const force = setTimeout(() => http.closeAllConnections(), DRAIN_MS);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        log.info('server stopped');
        resolveClosed();
        resolve();
      });
      http.closeIdleConnections();
    });
    return closing;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    log.info(`${signal}: finishing requests in flight, then stopping`);
    void close();
  };
  if (options.handleSignals ?? true) {
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  }
  return { url, close, closed, reload: holder.check };
}

// --- internal ---

/** TMDB for the server; a rejected key is one line, and the site serves without TMDB data. */
async function tmdbOrNothing(
  settings: NonNullable<StartServerOptions['tmdb']>,
  modelDir: string,
  log: Logger,
): Promise<TmdbProvider | undefined> {
  try {
    return await startTmdb({ ...settings, cacheDir: settings.cacheDir ?? tmdbCacheDirFor(modelDir) }, log);
  } catch (error) {
    if (!(error instanceof KinemaError)) throw error;
    log.warn(`${error.message} (serving without TMDB data)`);
    return undefined;
  }
}

/** geoip-country ships its data in the package (loaded only when geo restriction is on). */
async function countryLookup(): Promise<(ip: string) => string | undefined> {
  const { default: geoip } = await import('geoip-country');
  return (ip) => geoip.lookup(ip.replace(/^::ffff:/, ''))?.country;
}
