import { KinemaError } from '../../core/errors.ts';
import { loadModel } from '../../core/model-load.ts';
import { fileModelReader } from '../../runtime/files.ts';
import { popularIds } from '../../runtime/static-export.ts';
import { startTmdb } from '../../runtime/tmdb.ts';
import { prefetchTmdb } from '../../runtime/tmdb-prefetch.ts';
import { prepareModel } from '../../server/app.ts';
import { terminalLogger } from '../output.ts';
import { tmdbSettings } from '../tmdb-flags.ts';
import type { TmdbPrefetchFlags } from './tmdb.ts';

export async function runTmdbPrefetch(flags: TmdbPrefetchFlags): Promise<void> {
  const log = terminalLogger();
  const settings = tmdbSettings(flags, flags.model);
  if (!settings)
    throw new KinemaError(
      'bad-input',
      'tmdb prefetch needs a TMDB key',
      'pass --tmdb-key or set KINEMA_TMDB_KEY',
    );
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
