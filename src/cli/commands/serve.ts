import type { Command } from 'commander';
import { resolve } from 'node:path';
import { KinemaError } from '../../core/errors.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../runtime/defaults.ts';
import { DEFAULT_CONFIG, type GeoConfig } from '../../server/deps.ts';
import { terminalLogger } from '../output.ts';
import { DEFAULT_MODEL_DIR } from '../paths.ts';
import { nonNegativeInt, positiveInt } from '../options.ts';
import { addTmdbOptions, tmdbSettings, type TmdbFlags } from '../tmdb-flags.ts';

export interface ServeFlags extends TmdbFlags {
  model: string;
  port: number;
  host: string;
  geoAllow?: string;
  geoDeny?: string;
  trustCdnCountry?: boolean;
  trustProxy?: number | true;
  rateLimit: number;
  accessLog: boolean;
}

export function defineServe(program: Command): void {
  const command = program
    .command('serve')
    .description('serve the website and JSON API from a built model folder (hot-swaps rebuilt models)')
    .option('--model <dir>', 'model folder written by `kinema build` (env KINEMA_MODEL)', DEFAULT_MODEL_DIR)
    .option(
      '--port <n>',
      'port to listen on, 0 for any free port (env PORT)',
      nonNegativeInt('--port'),
      Number(process.env['PORT'] ?? DEFAULT_PORT),
    )
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', DEFAULT_HOST)
    .option('--geo-allow <codes>', 'serve only these ISO countries, e.g. US,CA (others get HTTP 451)')
    .option('--geo-deny <codes>', 'refuse these ISO countries, e.g. XX,YY')
    .option('--trust-cdn-country', 'take the country from CloudFront-Viewer-Country (only behind CloudFront)')
    .option(
      '--trust-proxy [hops]',
      'behind this many proxies (default 1) that append to X-Forwarded-For: the client is the address the outermost one saw',
      positiveInt('--trust-proxy'),
    )
    .option(
      '--rate-limit <n>',
      'requests per client per minute, 0 = off',
      nonNegativeInt('--rate-limit'),
      DEFAULT_CONFIG.rateLimit.max,
    )
    .option('--no-access-log', 'do not log one line per request');
  addTmdbOptions(command)
    .addHelpText(
      'after',
      `
Examples:
  kinema serve                              # ./model on http://127.0.0.1:8080
  kinema serve --model /srv/model --host 0.0.0.0 --port 80
  kinema serve --geo-allow US,CA,GB         # others see a 451 page
  KINEMA_TMDB_KEY=… kinema serve            # posters, plots, where to watch from TMDB

The API is described at /api/openapi.json; /healthz answers when the model is loaded.`,
    )
    .action(async (flags: ServeFlags) => {
      await runServe(flags);
    });
}

// --- run: loaded when the command runs (heavy modules are imported lazily) ---

export async function runServe(flags: ServeFlags): Promise<void> {
  const [{ recover }, { startServer }] = await Promise.all([
    import('../../pipeline/model-write.ts'),
    import('../../runtime/node.ts'),
  ]);
  const log = terminalLogger();
  // a build killed between its two renames leaves the model moved aside: put it back
  recover(resolve(flags.model));
  const server = await startServer({
    modelDir: flags.model,
    host: flags.host,
    port: flags.port,
    log,
    config: {
      geo: geoConfig(flags),
      trustProxy: flags.trustProxy ?? false,
      rateLimit: { ...DEFAULT_CONFIG.rateLimit, max: flags.rateLimit },
      accessLog: flags.accessLog,
    },
    tmdb: tmdbSettings(flags, flags.model),
  });
  process.stdout.write(`${server.url}\n`);
  await server.closed;
}

export function geoConfig(flags: Pick<ServeFlags, 'geoAllow' | 'geoDeny' | 'trustCdnCountry'>): GeoConfig {
  if (flags.geoAllow && flags.geoDeny) {
    throw new KinemaError('bad-input', '--geo-allow and --geo-deny cannot be combined', 'pick one list');
  }
  const raw = flags.geoAllow ?? flags.geoDeny;
  const countries = raw ? raw.split(',').map((c) => c.trim().toUpperCase()) : [];
  const bad = countries.find((c) => !/^[A-Z]{2}$/.test(c));
  if (bad !== undefined) {
    throw new KinemaError(
      'bad-input',
      `not an ISO country code: "${bad}"`,
      'use two letters, e.g. --geo-allow US,CA',
    );
  }
  return {
    mode: flags.geoAllow ? 'allow' : flags.geoDeny ? 'deny' : 'off',
    countries,
    trustCdnHeader: Boolean(flags.trustCdnCountry),
  };
}
