import type { Command } from 'commander';
import { DEFAULT_MODEL_DIR } from '../paths.ts';
import { positiveInt } from '../options.ts';
import { addTmdbOptions, type TmdbFlags } from '../tmdb-flags.ts';

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
      const { runTmdbPrefetch } = await import('./tmdb-run.ts');
      await runTmdbPrefetch(flags);
    });
}
