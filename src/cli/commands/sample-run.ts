/** The sample command's action, loaded only when `kinema sample` runs. */
import { availableParallelism } from 'node:os';
import { parseTableList } from '../../core/tables.ts';
import { DEFAULT_SAMPLE_YEAR, generateSample, type SampleFile } from '../../pipeline/sample/generate.ts';
import { generateMovielensSample, type MovielensSampleFile } from '../../pipeline/sample/movielens-sample.ts';
import { movielensDirFor } from '../paths.ts';
import { formatBytes } from '../../core/format-bytes.ts';
import { formatDuration, terminalLogger } from '../output.ts';
import type { SampleFlags } from './sample.ts';

export async function runSample(
  flags: SampleFlags,
): Promise<{ imdb: SampleFile[]; movielens: MovielensSampleFile[] }> {
  const log = terminalLogger();
  const started = performance.now();
  const files = await generateSample(
    {
      scale: flags.scale,
      out: flags.out,
      seed: flags.seed,
      year: flags.year,
      level: flags.level,
      only: flags.only === undefined ? undefined : parseTableList(flags.only),
      threads: flags.threads,
    },
    { log, cores: availableParallelism() },
  );
  const rows = files.reduce((sum, f) => sum + f.rows, 0);
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  log.info(
    `${files.length} files in ${flags.out}: ${rows.toLocaleString('en-US')} rows, ${formatBytes(bytes)} ` +
      `in ${formatDuration((performance.now() - started) / 1000)} (scale ${flags.scale}, seed ${flags.seed})`,
  );
  if (!flags.movielens) return { imdb: files, movielens: [] };
  const mlStarted = performance.now();
  const dir = flags.movielensOut ?? movielensDirFor(flags.out);
  const movielens = await generateMovielensSample(
    {
      scale: flags.scale,
      seed: flags.seed,
      year: flags.year ?? DEFAULT_SAMPLE_YEAR,
      dir,
      threads: flags.threads ?? Math.min(4, availableParallelism()),
    },
    log,
  );
  const [ratings, links] = movielens;
  log.info(
    `MovieLens format in ${dir}: ${(ratings?.rows ?? 0).toLocaleString('en-US')} ratings of ` +
      `${(links?.rows ?? 0).toLocaleString('en-US')} movies, ` +
      `${formatBytes(movielens.reduce((sum, f) => sum + f.bytes, 0))} ` +
      `in ${formatDuration((performance.now() - mlStarted) / 1000)}`,
  );
  return { imdb: files, movielens };
}
