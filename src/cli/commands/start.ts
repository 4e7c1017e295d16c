import type { Command } from 'commander';
import { KinemaError } from '../../core/errors.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../runtime/defaults.ts';
import { DEFAULT_CONFIG } from '../../server/deps.ts';
import { terminalLogger } from '../output.ts';
import { runServe } from './serve.ts';
import { refreshOnce } from './refresh.ts';
import { addMovielensOptions, type MovielensFlags } from '../movielens-flags.ts';
import { DEFAULT_DATA_DIR, DEFAULT_MODEL_DIR } from '../paths.ts';
import { nonNegativeInt } from '../options.ts';

export interface StartFlags extends MovielensFlags {
  data: string;
  model: string;
  mirror?: string;
  from?: string;
  serve: boolean;
  port: number;
  host: string;
  /** daily, hourly, 6h, 30m: refresh while serving. */
  refresh?: string;
}

export function defineStart(program: Command): void {
  const command = program
    .command('start')
    .description(
      'the main job: fetch the IMDb files if missing, build the model if stale, then serve the site',
    )
    .option('--data <dir>', 'folder with the IMDb .tsv.gz files (env KINEMA_DATA)', DEFAULT_DATA_DIR)
    .option('--model <dir>', 'model folder (env KINEMA_MODEL)', DEFAULT_MODEL_DIR)
    .option(
      '--mirror <url>',
      'download from this base URL instead of the IMDb datasets site (env KINEMA_MIRROR)',
    )
    .option('--from <dir>', 'take the .tsv.gz files from a local folder instead of downloading')
    .option('--no-serve', 'stop after the build and print the model summary')
    .option(
      '--port <n>',
      'port for the site (env PORT)',
      nonNegativeInt('--port'),
      Number(process.env['PORT'] ?? DEFAULT_PORT),
    )
    .option('--host <host>', 'address to listen on', DEFAULT_HOST)
    .option(
      '--refresh <every>',
      'while serving, refresh the data and rebuild when it changed: daily, hourly, or e.g. 6h, 30m',
    );
  addMovielensOptions(command)
    .addHelpText(
      'after',
      `
MovieLens ratings (ml-32m by default) are fetched into <data>/../movielens when missing and
checked for updates when they came from the site; offline, one warning and IMDb alone.

Without internet access, point it at files you have, or at a generated sample:
  kinema start --from ~/Downloads/imdb --movielens-from ~/Downloads/ml-32m
  kinema start --from ~/Downloads/imdb --movielens none
  kinema sample --scale 0.01 --out data/imdb && kinema start`,
    )
    .action(async (flags: StartFlags) => {
      await runStart(flags);
    });
}

// --- run: loaded when the command runs (heavy modules are imported lazily) ---

export async function runStart(flags: StartFlags): Promise<void> {
  const { describeRefresh, refreshInterval } = await import('../../pipeline/refresh.ts');
  const every = flags.refresh === undefined ? undefined : refreshInterval(flags.refresh);
  const log = terminalLogger();
  log.info(`kinema: data in ${flags.data}, model in ${flags.model}`);
  const refresh = () => refreshOnce(flags, log);
  const report = await refresh().catch((error: unknown) => {
    if (error instanceof KinemaError && error.code === 'network') {
      throw new KinemaError('network', error.message, offlineHint(flags.data), { cause: error });
    }
    throw error;
  });
  const m = report.build.manifest;
  log.info(
    `model: ${m.counts.movies.toLocaleString('en-US')} movies, ${m.kmeans.k} clusters, ` +
      `${m.features.names.length} features (${m.features.preset}), built by kinema ${m.kinemaVersion}`,
  );
  if (!flags.serve) return;
  // the server swaps in what a refresh builds; a failed refresh is logged and the model keeps serving
  let running = false;
  const timer =
    every &&
    setInterval(() => {
      if (running) return;
      running = true;
      refresh()
        .then((r) => log.info(describeRefresh(r)))
        .catch((error: unknown) =>
          log.warn(`refresh failed, the current model keeps serving: ${(error as Error).message}`),
        )
        .finally(() => (running = false));
    }, every);
  if (every) log.info(`refreshing every ${flags.refresh} while serving`);
  try {
    // TMDB follows KINEMA_TMDB_KEY here (serve's flags are not start's)
    await runServe({
      model: flags.model,
      port: flags.port,
      host: flags.host,
      rateLimit: DEFAULT_CONFIG.rateLimit.max,
      accessLog: true,
      region: 'US',
    });
  } finally {
    if (timer) clearInterval(timer);
  }
}

/** What to run instead when the download fails, in the form the user started with (npm start or npx). */
export function offlineHint(data: string, env: NodeJS.ProcessEnv = process.env): string {
  const viaNpm = env['npm_lifecycle_event'] === 'start';
  const dataFlag = data === DEFAULT_DATA_DIR ? '' : ` --data ${data}`;
  const start = (flags: string) => {
    const all = `${flags}${dataFlag}`.trim();
    if (viaNpm) return all ? `npm start -- ${all}` : 'npm start';
    return all ? `npx kinema start ${all}` : 'npx kinema start';
  };
  return [
    `offline? use the six .tsv.gz files you have: \`${start('--from DIR')}\``,
    `another copy: \`${start('--mirror URL')}\``,
    `generated data: \`npx kinema sample --scale 0.01 --out ${data} && ${start('')}\``,
  ].join('\n  or: ');
}
