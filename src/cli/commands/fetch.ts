import type { Command } from 'commander';
import { DEFAULT_DATA_DIR } from '../paths.ts';

export interface FetchFlags {
  data: string;
  mirror?: string;
  from?: string;
  only?: string;
  force?: boolean;
}

export function defineFetch(program: Command): void {
  program
    .command('fetch')
    .description('download the six IMDb dataset files (.tsv.gz) into the data folder, or take local copies')
    .option('--data <dir>', 'data folder to fill (env KINEMA_DATA)', DEFAULT_DATA_DIR)
    .option(
      '--mirror <url>',
      'base URL to download from instead of https://datasets.imdbws.com/ (env KINEMA_MIRROR)',
    )
    .option(
      '--from <dir>',
      'take the .tsv.gz files from this folder (hard link, or copy) instead of downloading',
    )
    .option('--only <tables>', 'comma-separated subset, e.g. title.basics,title.ratings (default: all six)')
    .option('--force', 'download again even when the server says the files are unchanged')
    .addHelpText(
      'after',
      `
Files: title.basics, title.akas, title.ratings, title.crew, title.principals, name.basics
(well over 1 GB in all). Information courtesy of IMDb (https://www.imdb.com); personal and
non-commercial use only.

A file fetched before is only downloaded again when the server says it changed (ETag /
Last-Modified, kept in <file>.http.json); files put here by other means are replaced. An
interrupted download stays as <file>.part (with <file>.part.json) and the next run resumes
it; every file is checked as a whole gzip before it replaces the old one, so the data folder
never holds a half-written file.

Examples:
  kinema fetch                                  all six files into ./data/imdb
  kinema fetch --only title.ratings             refresh the ratings only
  kinema fetch --mirror http://10.0.0.5/imdb/   from a local mirror
  kinema fetch --from ~/Downloads               use files you already downloaded
  kinema sample --scale 0.01 --out data/imdb    no network at all: generated data`,
    )
    .action(async (flags: FetchFlags) => {
      const { runFetch } = await import('./fetch-run.ts');
      await runFetch({ ...flags, mirror: flags.mirror ?? process.env['KINEMA_MIRROR'] });
    });
}
