import type { Command } from 'commander';
import { settingsFor } from '../../core/build-settings.ts';
import { KinemaError } from '../../core/errors.ts';
import { DEFAULT_HOST, DEFAULT_PORT } from '../../runtime/defaults.ts';
import { DEFAULT_CONFIG } from '../../server/deps.ts';
import { terminalLogger } from '../output.ts';
import { buildModel } from './build.ts';
import { runServe } from './serve.ts';
import { addMovielensOptions, movielensOptions, type MovielensFlags } from '../movielens-flags.ts';
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
    .option('--host <host>', 'address to listen on', DEFAULT_HOST);
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
  const [{ ensureData }, { syncMovielens }, { readManifest }] = await Promise.all([
    import('../../pipeline/fetch.ts'),
    import('../../pipeline/movielens-fetch.ts'),
    import('../../pipeline/build.ts'),
  ]);
  const movielens = movielensOptions(flags, flags.data);
  const log = terminalLogger();
  log.info(`kinema: data in ${flags.data}, model in ${flags.model}`);
  await ensureData(
    { dir: flags.data, mirror: flags.mirror ?? process.env['KINEMA_MIRROR'], from: flags.from },
    { fetch, log },
  ).catch((error: unknown) => {
    if (error instanceof KinemaError && error.code === 'network') {
      throw new KinemaError('network', error.message, offlineHint(flags.data), { cause: error });
    }
    throw error;
  });
  await syncMovielens({ ...movielens, keepPresent: true }, { fetch, log });
  // a model built with other options (kinema build --k 12) is rebuilt with them, not the defaults
  const { settings, note } = settingsFor(readManifest(flags.model));
  if (note) log.info(note);
  const result = await buildModel({
    ...settings,
    dataDir: flags.data,
    modelDir: flags.model,
    // --movielens none means IMDb alone, even when an earlier fetch left MovieLens files beside the data
    movielens: flags.movielens === 'none' ? false : undefined,
  });
  const m = result.manifest;
  log.info(
    `model: ${m.counts.movies.toLocaleString('en-US')} movies, ${m.kmeans.k} clusters, ` +
      `${m.features.names.length} features (${m.features.preset}), built by kinema ${m.kinemaVersion}`,
  );
  if (!flags.serve) return;
  // TMDB follows KINEMA_TMDB_KEY here (serve's flags are not start's)
  await runServe({
    model: flags.model,
    port: flags.port,
    host: flags.host,
    rateLimit: DEFAULT_CONFIG.rateLimit.max,
    accessLog: true,
    region: 'US',
  });
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
