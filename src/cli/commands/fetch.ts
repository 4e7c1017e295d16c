import type { Command } from 'commander';
import { KinemaError } from '../../core/errors.ts';
import { formatBytes } from '../../core/format-bytes.ts';
import { parseTableList } from '../../core/tables.ts';
import type { FetchedTable } from '../../pipeline/fetch.ts';
import type { MovielensResult } from '../../pipeline/movielens-fetch.ts';
import { formatDuration, terminalLogger } from '../output.ts';
import { addMovielensOptions, movielensOptions, type MovielensFlags } from '../movielens-flags.ts';
import { DEFAULT_DATA_DIR } from '../paths.ts';

export interface FetchFlags extends MovielensFlags {
  data: string;
  mirror?: string;
  from?: string;
  only?: string;
  force?: boolean;
}

export function defineFetch(program: Command): void {
  const command = program
    .command('fetch')
    .description(
      'download the six IMDb dataset files (.tsv.gz) and a MovieLens release of ratings, or take local copies',
    )
    .option('--data <dir>', 'data folder to fill (env KINEMA_DATA)', DEFAULT_DATA_DIR)
    .option(
      '--mirror <url>',
      'base URL to download from instead of https://datasets.imdbws.com/ (env KINEMA_MIRROR)',
    )
    .option(
      '--from <dir>',
      'take the .tsv.gz files from this folder (hard link, or copy) instead of downloading',
    )
    .option(
      '--only <tables>',
      'comma-separated subset, e.g. title.basics,title.ratings (default: all six); skips MovieLens unless --movielens is given',
    )
    .option('--force', 'download again even when the server says the files are unchanged');
  addMovielensOptions(command)
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

MovieLens (https://grouplens.org/datasets/movielens/): real people's ratings of movies,
linked to IMDb ids, which the build uses to find what people who liked a movie also liked.
The release zip is kept in <data>/../movielens beside its unpacked ratings.csv, links.csv,
movies.csv and README.txt; it is checked against its published .md5 and its own CRCs before
anything is replaced, and only unpacked again when it changed. It is optional: offline, one
warning and the IMDb files alone. Licence: research and non-commercial use, acknowledge
GroupLens (Harper and Konstan, 2015, ACM TiiS 5(4)); ml-32m may not be redistributed.

Examples:
  kinema fetch                                  IMDb into ./data/imdb, ml-32m into ./data/movielens
  kinema fetch --movielens small                the small MovieLens release (610 users)
  kinema fetch --movielens none                 IMDb only
  kinema fetch --only title.ratings             refresh the IMDb ratings only
  kinema fetch --mirror http://10.0.0.5/imdb/   from a local mirror
  kinema fetch --from ~/Downloads --movielens-from ~/Downloads/ml-32m
                                                use files you already downloaded
  kinema sample --scale 0.01 --out data/imdb    no network at all: generated data`,
    )
    .action(async (flags: FetchFlags) => {
      // --only is about IMDb tables: MovieLens too only when asked for by name
      const asked = ['movielens', 'movielensFrom'].some((f) => command.getOptionValueSource(f) === 'cli');
      await runFetch({
        ...flags,
        mirror: flags.mirror ?? process.env['KINEMA_MIRROR'],
        movielens: flags.only !== undefined && !asked ? 'none' : flags.movielens,
      });
    });
}

// --- run: loaded when the command runs (heavy modules are imported lazily) ---

export async function runFetch(
  flags: FetchFlags,
): Promise<{ imdb: FetchedTable[]; movielens: MovielensResult }> {
  if (flags.from !== undefined && flags.mirror) {
    throw new KinemaError(
      'bad-input',
      '--from and --mirror (or KINEMA_MIRROR) exclude each other',
      'use one of them',
    );
  }
  // flag mistakes are reported before a long download, not after it
  const movielens = movielensOptions(flags, flags.data);
  const [{ fetchData }, { syncMovielens }] = await Promise.all([
    import('../../pipeline/fetch.ts'),
    import('../../pipeline/movielens-fetch.ts'),
  ]);
  const log = terminalLogger();
  const started = performance.now();
  const results = await fetchData(
    {
      dir: flags.data,
      mirror: flags.mirror || undefined,
      from: flags.from,
      only: flags.only === undefined ? undefined : parseTableList(flags.only),
      force: flags.force,
    },
    { fetch, log },
  );
  const ml = await syncMovielens(movielens, { fetch, log });
  const received = results.reduce((sum, r) => sum + r.received, 0) + ml.received;
  const total = results.reduce((sum, r) => sum + r.size, 0);
  const seconds = (performance.now() - started) / 1000;
  const mlFiles = ml.files.length > 0 ? `, MovieLens: ${ml.files.length} files in ${ml.dir}` : '';
  log.info(
    `${results.length} file${results.length === 1 ? '' : 's'} in ${flags.data} (${formatBytes(total)})${mlFiles}; ` +
      `${formatBytes(received)} downloaded in ${formatDuration(seconds)}`,
  );
  return { imdb: results, movielens: ml };
}
