/** `kinema start`: fetch → build → summary → serve, each step skipped when its output is fresh. */
import { KinemaError } from '../../core/errors.ts';
import { ensureData } from '../../pipeline/fetch.ts';
import { syncMovielens } from '../../pipeline/movielens-fetch.ts';
import { movielensOptions } from '../movielens-flags.ts';
import { terminalLogger } from '../output.ts';
import { buildModel } from './build-run.ts';
import { settingsFor } from '../../core/build-settings.ts';
import { readManifest } from '../../pipeline/build.ts';
import type { StartFlags } from './start.ts';
import { DEFAULT_DATA_DIR } from '../paths.ts';

export async function runStart(flags: StartFlags): Promise<void> {
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
    memoryLimit: '1GB',
    // --movielens none means IMDb alone, even when an earlier fetch left MovieLens files beside the data
    movielens: flags.movielens === 'none' ? false : undefined,
  });
  const m = result.manifest;
  log.info(
    `model: ${m.counts.movies.toLocaleString('en-US')} movies, ${m.kmeans.k} clusters, ` +
      `${m.features.names.length} features (${m.features.preset}), built by kinema ${m.kinemaVersion}`,
  );
  if (!flags.serve) return;
  const { runServe } = await import('./serve-run.ts');
  // TMDB follows KINEMA_TMDB_KEY here (serve's flags are not start's)
  await runServe({
    model: flags.model,
    port: flags.port,
    host: flags.host,
    rateLimit: 300,
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
