/**
 * What the web app needs from its host. The runtime (Node or Lambda) builds these and passes them to
 * createApp; the app itself knows no runtime, no file system and no process.
 */
import type { Context } from 'hono';
import type { Logger } from '../core/log.ts';
import type { LoadedModel } from './loaded-model.ts';
import type { TmdbProvider } from './tmdb/provider.ts';

export type GeoMode = 'off' | 'allow' | 'deny';

export interface GeoConfig {
  mode: GeoMode;
  /** ISO 3166-1 alpha-2 codes, upper case. */
  countries: string[];
  /** Believe CloudFront-Viewer-Country (only behind a CDN that sets and strips it). */
  trustCdnHeader: boolean;
}

export interface RateLimitConfig {
  /** Requests a client may make per window; 0 turns limiting off. */
  max: number;
  windowMs: number;
}

export interface ServerConfig {
  geo: GeoConfig;
  rateLimit: RateLimitConfig;
  /**
   * Proxies in front of the server that append to X-Forwarded-For: the client is the address the
   * outermost of them saw (`true` = 1). false or 0: the connection's peer.
   */
  trustProxy: boolean | number;
  /** One structured line per request through the logger. */
  accessLog: boolean;
  /** Cache-Control max-age for read-only API responses and pages, in seconds. */
  maxAge: number;
  /** Bytes of rendered GET responses kept per model (LRU); 0 turns the cache off. */
  responseCacheBytes: number;
}

export const DEFAULT_CONFIG: ServerConfig = {
  geo: { mode: 'off', countries: [], trustCdnHeader: false },
  rateLimit: { max: 300, windowMs: 60_000 },
  trustProxy: false,
  accessLog: true,
  maxAge: 300,
  responseCacheBytes: 32 * 1024 * 1024,
};

/** Content codings the Node server can apply, best first. */
export type Encoding = 'br' | 'gzip';
/** Compresses a body (Node passes node:zlib; Lambda leaves it to CloudFront). */
export type Compress = (body: Uint8Array, encoding: Encoding) => Uint8Array;

/** Reads one static asset by its plain file name (the app validates the name first). */
export type ReadAsset = (name: string) => Promise<Uint8Array | null>;

export interface AppDeps {
  /** The model being served right now; the runtime may swap it between requests. */
  getModel(): LoadedModel;
  config?: Partial<ServerConfig>;
  log: Logger;
  /** Milliseconds since the epoch; injected so rate limits and logs are testable. */
  now?: () => number;
  /** IP → ISO country code, or undefined when unknown (Node passes geoip-country). */
  lookupCountry?: (ip: string) => string | undefined;
  /** The peer address of the connection, as the runtime sees it. */
  clientIp?: (c: Context) => string | undefined;
  readAsset?: ReadAsset;
  /** HTML, JSON and SVG answers compressed when the client accepts br or gzip; absent: never. */
  compress?: Compress;
  /** Posters, plots and where to watch from TMDB (src/server/tmdb); absent: generated posters only. */
  tmdb?: TmdbProvider;
}

export function resolveConfig(config: Partial<ServerConfig> | undefined): ServerConfig {
  return {
    ...DEFAULT_CONFIG,
    ...config,
    geo: { ...DEFAULT_CONFIG.geo, ...config?.geo },
    rateLimit: { ...DEFAULT_CONFIG.rateLimit, ...config?.rateLimit },
  };
}
