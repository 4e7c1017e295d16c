import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { availableParallelism } from 'node:os';
import { DEFAULT_SEED } from '../../core/build-settings.ts';
import { formatBytes } from '../../core/format-bytes.ts';
import { parseTableList } from '../../core/tables.ts';
import type { SampleFile } from '../../pipeline/sample/generate.ts';
import type { MovielensSampleFile } from '../../pipeline/sample/movielens-sample.ts';
import { nonNegativeInt, positiveInt } from '../options.ts';
import { formatDuration, terminalLogger } from '../output.ts';
import { movielensDirFor } from '../paths.ts';

export interface SampleFlags {
  scale: number;
  out: string;
  seed: number;
  year?: number;
  only?: string;
  level: number;
  threads?: number;
  /** false with --no-movielens. */
  movielens: boolean;
  movielensOut?: string;
}

export function defineSample(program: Command): void {
  const command = program
    .command('sample')
    .description(
      'generate IMDb-format data (all six .tsv.gz files) and MovieLens-format ratings from a seed, for tests and benchmarks',
    )
    .option(
      '--scale <s>',
      'size relative to the real files: 1 ≈ 11.5M titles, 0.01 ≈ 115k',
      positiveNumber('--scale'),
      0.01,
    )
    .option('--out <dir>', 'folder to write the files into', './data/sample')
    .option(
      '--seed <n>',
      'random seed: the same seed, scale and year give byte-identical files',
      nonNegativeInt('--seed'),
      DEFAULT_SEED,
    )
    .option(
      '--year <y>',
      'the current year of the generated world; later titles are unreleased (default 2026)',
      positiveInt('--year'),
    )
    .option('--only <tables>', 'comma-separated subset, e.g. title.basics,title.ratings (default: all six)')
    .option(
      '--threads <n>',
      'worker threads, each writing whole IMDb tables or chunks of MovieLens users (default: cores, at most 4)',
      positiveInt('--threads'),
    )
    .option('--level <n>', 'gzip level 1 (fastest) to 9 (smallest)', level, 1)
    .option(
      '--movielens-out <dir>',
      'folder for the MovieLens-format ratings.csv, links.csv, movies.csv (default: <out>/../movielens)',
    )
    .option('--no-movielens', 'write the IMDb files only')
    .addHelpText(
      'after',
      `
The files have the official names, headers, column order and format (tab-separated, \\N for
null, no quoting) and realistic shapes: the real mix of title types, ~2% adult titles, years
skewed recent with some unreleased, up to 3 of the 28 genres, ratings around 6.2, heavy-tailed
vote counts, akas with regions and languages, crew and principals that refer to people in
name.basics; plus the nasty rows real data has (stray quotes, accents, CJK, emoji, empty
professions). The data is made up: no row is a real title or person.

MovieLens-format files go beside them (<out>/../movielens, as kinema fetch puts the real
ones): ratings.csv (userId,movieId,rating,timestamp; 0.5–5 stars), links.csv (movieId,
imdbId,tmdbId) pointing at the generated tconsts, and movies.csv, shaped like ml-32m: at
least 20 ratings a user and a heavy tail of very active ones, Zipf-like movie popularity
that follows the IMDb votes, stars that follow the IMDb rating; a few links have 8-digit
imdbIds the IMDb files lack and an empty tmdbId, as real ones do. --only skips them unless
--movielens-out is given.

Sizes: scale 0.01 ≈ 1.8M IMDb rows (~25 MB of .gz) and 230k ratings; scale 1 ≈ 185M rows
(about the real files) and 32M ratings by 200k users on 87k movies (~800 MB of CSV).

Examples:
  kinema sample                                     ./data/sample and ./data/movielens at scale 0.01
  kinema sample --scale 0.1 --out /tmp/imdb-0.1     1.15M titles, 3.2M ratings in /tmp/movielens
  kinema sample --scale 0.001 --out data/imdb && kinema build    a tiny model, offline
  kinema sample --no-movielens                      IMDb files only
  kinema sample --movielens-out /tmp/ml             MovieLens files elsewhere`,
    )
    .action(async (flags: SampleFlags) => {
      // --only is about IMDb tables: the MovieLens files too only when given a folder
      const asked = command.getOptionValueSource('movielensOut') === 'cli';
      await runSample({ ...flags, movielens: flags.movielens && (flags.only === undefined || asked) });
    });
}

// --- run: loaded when the command runs (heavy modules are imported lazily) ---

export async function runSample(
  flags: SampleFlags,
): Promise<{ imdb: SampleFile[]; movielens: MovielensSampleFile[] }> {
  const [{ DEFAULT_SAMPLE_YEAR, generateSample }, { generateMovielensSample }] = await Promise.all([
    import('../../pipeline/sample/generate.ts'),
    import('../../pipeline/sample/movielens-sample.ts'),
  ]);
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

function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${flag} must be a number > 0, got "${value}"`);
    return n;
  };
}

function level(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 9)
    throw new InvalidArgumentError(`--level must be 1 to 9, got "${value}"`);
  return n;
}
