import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_K, DEFAULT_SEED } from '../../core/build-settings.ts';
import { KinemaError } from '../../core/errors.ts';
import { parseWeights } from '../../core/features.ts';
import { writeAtomicSync } from '../../io/atomic.ts';
import type { EvalReport } from '../../pipeline/eval.ts';
import { nonNegativeInt, positiveInt } from '../options.ts';
import { terminalLogger } from '../output.ts';
import { readVersion } from '../version.ts';

export interface EvalFlags {
  movielens?: string;
  imdb?: string;
  seed: number;
  rounds: number;
  k: number;
  only?: string;
  train?: string[];
  json?: boolean;
  out?: string;
  keep?: string;
  weights?: string;
  recWeights?: string;
  tuned: boolean;
}

export function defineEval(program: Command): void {
  program
    .command('eval')
    .description(
      'measure recommendation quality on real MovieLens ratings (leave-one-out HR@10, NDCG@10, coverage, novelty, diversity) against every baseline',
    )
    .option(
      '--movielens <dir>',
      'MovieLens folder with movies.csv, links.csv, ratings.csv (default ../shared/data/movielens)',
    )
    .option(
      '--imdb <dir>',
      'IMDb .tsv.gz folder for ratings, crew and cast (default ../shared/data/imdb-sample)',
    )
    .option(
      '--seed <n>',
      'random seed: same data and seed give the same table',
      nonNegativeInt('--seed'),
      DEFAULT_SEED,
    )
    .option(
      '--rounds <n>',
      'leave-one-out rounds: each holds out one more liked movie per user',
      positiveInt('--rounds'),
      3,
    )
    .option(
      '-k, --k <n>',
      'clusters of the kinema model (the original recipe always uses 9)',
      positiveInt('--k'),
      DEFAULT_K,
    )
    .option(
      '--train <dir>',
      'another MovieLens folder (ratings.csv; links.csv optional) whose users only add training ratings, never evaluated; repeatable',
      (dir: string, all: string[] = []) => [...all, dir],
    )
    .option('--only <names>', 'comma-separated strategy name prefixes, e.g. "kinema,item-kNN"')
    .option(
      '--weights <list>',
      'feature weights of an extra "kinema tuned" row, for trying weights by hand (figures tuned this way are not held-out results)',
    )
    .option(
      '--rec-weights <list>',
      'recommender weights of the "kinema tuned" row, e.g. features=0.5,people=0.25,franchise=0.15,prior=0.1',
    )
    .option('--no-tuned', 'leave out the "kinema tuned" row')
    .option(
      '--json',
      'print the report as JSON instead of the table: "strategies" gives hr10, ndcg10, coverage per strategy and mode',
    )
    .option('--out <file>', 'also write the full report as JSON to this file')
    .option('--keep <dir>', 'keep the generated IMDb data folder and models in this folder')
    .addHelpText(
      'after',
      `
How it works:
  Movies rated ≥ 4 are "liked". Each round holds out one liked movie per user (seeded) and asks
  every strategy (a) item-to-item: from each other liked movie, is it in the top 10? and (b) taste:
  from all other liked movies, is it in the top 10? The catalog is built by the real \`kinema build\`
  from MovieLens titles, years and genres joined with real IMDb ratings, votes, crew and cast.

Examples:
  kinema eval                                   the comparison table on ../shared/data
  kinema eval --movielens ml-latest-small --imdb data/imdb --rounds 5
  kinema eval --only kinema,item-kNN --json > eval.json
  kinema eval --train ml-other-users           more users to learn from, none of them evaluated
  kinema eval --weights genre=0.3,logVotes=2 --rec-weights prior=0.3   try other weights`,
    )
    .action(async (flags: EvalFlags) => {
      await runEvalCommand(flags);
    });
}

// --- run: loaded when the command runs (heavy modules are imported lazily) ---

const REPO = new URL('../../../', import.meta.url).pathname;

export async function runEvalCommand(flags: EvalFlags): Promise<EvalReport> {
  const [{ formatTable }, { TUNED, runEval }] = await Promise.all([
    import('../../core/eval/table.ts'),
    import('../../pipeline/eval.ts'),
  ]);
  const log = terminalLogger({ quiet: flags.json });
  const movielensDir = folder(
    flags.movielens,
    'movielens',
    '--movielens',
    'a MovieLens folder (movies.csv, links.csv, ratings.csv)',
  );
  const imdbDir = folder(flags.imdb, 'imdb-sample', '--imdb', 'a folder of IMDb .tsv.gz files');
  const trainDirs = (flags.train ?? []).map((dir) =>
    folder(dir, 'movielens', '--train', 'a MovieLens folder with ratings.csv'),
  );
  const report = await runEval(
    {
      movielensDir,
      trainDirs,
      imdbDir,
      seed: flags.seed,
      rounds: flags.rounds,
      k: flags.k,
      only: flags.only
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      workDir: flags.keep ? resolve(flags.keep) : undefined,
      tuned:
        flags.tuned && (flags.weights || flags.recWeights)
          ? {
              features: flags.weights ? parseWeights(flags.weights) : TUNED.features,
              recommender: flags.recWeights ? parseWeights(flags.recWeights) : TUNED.recommender,
            }
          : false,
    },
    { log, now: () => performance.now(), clock: () => new Date(), version: readVersion() },
  );
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (flags.out) {
    writeAtomicSync(flags.out, json);
  }
  if (flags.json) {
    process.stdout.write(json);
    return report;
  }
  const s = report.summary;
  const src = report.sources;
  process.stdout.write(
    [
      `catalog: ${report.data.catalogMovies} movies; titles/years/genres from MovieLens for ${src.basics.movielens}, ` +
        `from IMDb title.basics for ${src.basics.imdb}; IMDb ratings for ${src.ratings.imdb}; runtime known for ${src.runtime.imdb}; ` +
        `crew for ${src.crew}, cast for ${src.principals}, akas for ${src.akas}`,
      `ratings: ${report.data.ratingsKept} of ${report.data.ratings} on catalog movies, ${s.users} users ` +
        `(${s.evaluatedUsers} with ≥ 2 liked); ${s.rounds} round(s), ${s.cases} held-out cases, ` +
        `${s.pairs} item-to-item (held-out, query) pairs; seed ${s.seed}` +
        (s.trainOnlyUsers
          ? `; plus ${report.data.trainOnlyRatings} training-only ratings from ${s.trainOnlyUsers} --train users`
          : ''),
      '',
      formatTable(report.results),
      '',
      `i2i = item-to-item ("more like this" from each other liked movie); taste = from all other liked movies.`,
      `build ${report.seconds.build.toFixed(1)} s, protocol ${report.seconds.protocol.toFixed(1)} s`,
      '',
    ].join('\n'),
  );
  return report;
}

// --- internal ---

/** The flag's folder, else the shared data folder next to the repo or the working directory. */
function folder(flag: string | undefined, name: string, option: string, what: string): string {
  if (flag) {
    if (!existsSync(flag))
      throw new KinemaError('not-found', `${option} ${flag} does not exist`, `pass ${what}`);
    return resolve(flag);
  }
  for (const base of [process.cwd(), REPO]) {
    const candidate = resolve(base, '..', 'shared', 'data', name);
    if (existsSync(candidate)) return candidate;
  }
  throw new KinemaError(
    'bad-input',
    `no ${option} folder given and ../shared/data/${name} does not exist`,
    `pass ${option} <dir> with ${what}`,
  );
}
