/** `kinema start`: fetch → build → summary → serve, each step skipped when its output is fresh. */
import { ensureData } from '../../pipeline/fetch.ts';
import { syncMovielens } from '../../pipeline/movielens-fetch.ts';
import { movielensOptions } from '../movielens-flags.ts';
import { terminalLogger } from '../output.ts';
import { runBuild } from './build-run.ts';
import type { StartFlags } from './start.ts';

export async function runStart(flags: StartFlags): Promise<void> {
  const movielens = movielensOptions(flags, flags.data);
  const log = terminalLogger();
  log.info(`kinema: data in ${flags.data}, model in ${flags.model}`);
  await ensureData(
    { dir: flags.data, mirror: flags.mirror ?? process.env['KINEMA_MIRROR'], from: flags.from },
    { fetch, log },
  );
  await syncMovielens({ ...movielens, keepPresent: true }, { fetch, log });
  const result = await runBuild({
    data: flags.data,
    model: flags.model,
    catalog: 'kinema',
    features: 'kinema',
    k: 9,
    seed: 42,
    memory: '1GB',
    // --movielens none means IMDb alone, even when an earlier fetch left MovieLens files beside the data
    movielens: flags.movielens === 'none' ? 'none' : undefined,
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
