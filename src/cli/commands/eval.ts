import type { Command } from 'commander';
import { nonNegativeInt, positiveInt } from '../options.ts';

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
    .option('--seed <n>', 'random seed: same data and seed give the same table', nonNegativeInt('--seed'), 42)
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
      9,
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
      const { runEvalCommand } = await import('./eval-run.ts');
      await runEvalCommand(flags);
    });
}
