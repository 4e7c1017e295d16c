import type { Command } from 'commander';
import { DEFAULT_MODEL_DIR } from '../paths.ts';
import { nonNegativeInt, positiveInt } from '../options.ts';
import { addTmdbOptions, type TmdbFlags } from '../tmdb-flags.ts';

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
      Number(process.env['PORT'] ?? 8080),
    )
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
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
      300,
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
      const { runServe } = await import('./serve-run.ts');
      await runServe(flags);
    });
}
