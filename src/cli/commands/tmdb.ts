import type { Command } from 'commander';
import { KinemaError } from '../../core/errors.ts';
import { terminalLogger } from '../output.ts';
import { DEFAULT_MODEL_DIR } from '../paths.ts';
import { positiveInt } from '../options.ts';
import { addTmdbOptions, tmdbSettings, type TmdbFlags } from '../tmdb-flags.ts';

export interface TmdbPrefetchFlags extends TmdbFlags {
  model: string;
  top: number;
  rate: number;
  concurrency: number;
}

export function defineTmdb(program: Command): void {
  const tmdb = program
    .command('tmdb')
    .description('posters, plots and where to watch from TMDB, with your own API key (see serve --tmdb-key)');
  const prefetch = tmdb
    .command('prefetch')
    .description('fill the TMDB cache for the most popular movies, so pages show posters from the start')
    .option('--model <dir>', 'model folder written by `kinema build` (env KINEMA_MODEL)', DEFAULT_MODEL_DIR)
    .option('--top <n>', 'how many movies, most popular first', positiveInt('--top'), 1000)
    .option(
      '--rate <n>',
      'TMDB requests per minute at most (TMDB allows about 50 a second)',
      positiveInt('--rate'),
      1200,
    )
    .option('--concurrency <n>', 'TMDB requests in flight at most', positiveInt('--concurrency'), 8);
  addTmdbOptions(prefetch)
    .addHelpText(
      'after',
      `
Each movie costs two requests (find by IMDb id, then details with watch providers). Movies already
cached and fresh cost none, so an interrupted prefetch resumes where it stopped when run again.

Examples:
  KINEMA_TMDB_KEY=… kinema tmdb prefetch --top 5000
  kinema tmdb prefetch --tmdb-key … --region GB`,
    )
    .action(async (flags: TmdbPrefetchFlags) => {
      await runTmdbPrefetch(flags);
    });
}

// --- run: loaded when the command runs (heavy modules are imported lazily) ---

export async function runTmdbPrefetch(flags: TmdbPrefetchFlags): Promise<void> {
  const log = terminalLogger();
  const settings = tmdbSettings(flags, flags.model);
  if (!settings)
    throw new KinemaError(
      'bad-input',
      'tmdb prefetch needs a TMDB key',
      'pass --tmdb-key or set KINEMA_TMDB_KEY',
    );
  const [
    { loadModel },
    { fileModelReader },
    { popularIds },
    { startTmdb },
    { prefetchTmdb },
    { prepareModel },
  ] = await Promise.all([
    import('../../core/model-load.ts'),
    import('../../runtime/files.ts'),
    import('../../runtime/static-export.ts'),
    import('../../runtime/tmdb.ts'),
    import('../../runtime/tmdb-prefetch.ts'),
    import('../../server/app.ts'),
  ]);
  const served = prepareModel(await loadModel(fileModelReader(flags.model)), { lazy: true });
  const ids = popularIds(served, flags.top);
  const provider = await startTmdb(
    { ...settings, limits: { budget: flags.rate, windowMs: 60_000, concurrency: flags.concurrency } },
    { ...log, info() {} },
  );
  const report = await prefetchTmdb(provider, ids, {
    workers: flags.concurrency * 2,
    onProgress: (done, total) => log.progress?.('tmdb', done, total),
  });
  log.info(
    `${report.total} movies in ${(report.ms / 1000).toFixed(1)} s: ${report.fetched} fetched, ` +
      `${report.cached} already cached, ${report.absent} not on TMDB, ${report.failed} failed ` +
      `(cache: ${settings.cacheDir})`,
  );
  if (report.stopped || report.failed > 0) {
    throw new KinemaError(
      'network',
      report.stopped
        ? 'TMDB kept failing; prefetch stopped early'
        : `${report.failed} movies could not be fetched`,
      'run it again later: it resumes where it stopped',
    );
  }
}
