import type { Command } from 'commander';
import type { KMeansAlgorithm } from '../../parallel/kmeans.ts';
import { DEFAULT_K, DEFAULT_MEMORY_LIMIT, DEFAULT_SEED } from '../../core/build-settings.ts';
import { parseWeights } from '../../core/features.ts';
import type { BuildOptions, BuildResult } from '../../pipeline/build.ts';
import { DEFAULT_DATA_DIR, DEFAULT_MODEL_DIR } from '../paths.ts';
import { terminalLogger } from '../output.ts';
import { readVersion } from '../version.ts';
import { nonNegativeInt, oneOf, positiveInt } from '../options.ts';

export interface BuildFlags {
  data: string;
  model: string;
  cache?: string;
  catalog: 'kinema' | 'original';
  features: 'kinema' | 'original';
  weights?: string;
  k: number | 'auto';
  seed: number;
  minVotes?: number;
  topVotes?: number;
  threads?: number;
  algorithm?: KMeansAlgorithm;
  nInit?: number;
  memory: string;
  neighbours?: number;
  movielens?: string;
  collab?: 'ease' | 'cosine' | 'rp3beta';
  force?: boolean;
  freshClusters?: boolean;
  acceptShrink?: boolean;
}

export function defineBuild(program: Command): void {
  program
    .command('build')
    .description(
      'ingest the IMDb files with DuckDB, engineer features, cluster with k-means, write the model folder',
    )
    .option('--data <dir>', 'folder with the IMDb .tsv.gz files (env KINEMA_DATA)', DEFAULT_DATA_DIR)
    .option('--model <dir>', 'model folder to write (env KINEMA_MODEL)', DEFAULT_MODEL_DIR)
    .option('--cache <dir>', 'Parquet cache of ingested tables (default: <data>/../cache)')
    .option(
      '--catalog <preset>',
      'kinema (every released movie with enough votes) or original (the 2020 recipe)',
      oneOf('--catalog', ['kinema', 'original'] as const),
      'kinema',
    )
    .option(
      '--features <preset>',
      'kinema (genres, year, runtime, ratings, votes) or original (the 2020 recipe)',
      oneOf('--features', ['kinema', 'original'] as const),
      'kinema',
    )
    .option('--weights <list>', 'feature weights, e.g. genre=1,year=0.5,runtime=0.5,bayes=1,logVotes=0.75')
    .option(
      '-k, --k <n>',
      'number of clusters, or "auto" to pick one in 4-16 by silhouette (AUTO_K_RANGE)',
      kOrAuto,
      DEFAULT_K,
    )
    .option(
      '--algorithm <name>',
      'k-means engine: auto (Hamerly, the fastest), lloyd, hamerly, minibatch (approximate)',
      oneOf('--algorithm', ['auto', 'lloyd', 'hamerly', 'minibatch'] as const),
      'auto',
    )
    .option(
      '--n-init <n>',
      'k-means restarts from different seeds, keeping the lowest inertia (default 1)',
      positiveInt('--n-init'),
    )
    .option(
      '--seed <n>',
      'random seed: same data and seed give identical models',
      nonNegativeInt('--seed'),
      DEFAULT_SEED,
    )
    .option(
      '--min-votes <n>',
      'movies need this many IMDb votes (default 100; original catalog 0)',
      nonNegativeInt('--min-votes'),
    )
    .option(
      '--top-votes <n>',
      "votes the Top rated list's prior counts (m), as in IMDb's Top 250 (default 25000)",
      positiveInt('--top-votes'),
    )
    .option(
      '--threads <n>',
      'worker threads for k-means and DuckDB (default: all cores)',
      positiveInt('--threads'),
    )
    .option('--memory <size>', 'DuckDB memory limit; larger work spills to disk', DEFAULT_MEMORY_LIMIT)
    .option(
      '--neighbours <n>',
      '"more like this" neighbours precomputed per movie, 0 to skip (default 50)',
      nonNegativeInt('--neighbours'),
    )
    .option(
      '--movielens <dir>',
      'MovieLens folder (ratings.csv, links.csv) for "people who liked this also liked", or "none" (default: <data>/../movielens when present)',
    )
    .option(
      '--collab <method>',
      'collaborative method: ease (measured best), cosine (item-kNN with shrinkage) or rp3beta',
      oneOf('--collab', ['ease', 'cosine', 'rp3beta'] as const),
    )
    .option('--force', 'rebuild even when the model is fresh, reading every file again')
    .option(
      '--fresh-clusters',
      "start k-means from k-means++, not from the current model's centres (cluster ids are still kept)",
    )
    .option(
      '--accept-shrink',
      'build even when over 1 % of a table is bad rows or the catalog is over 20 % smaller than the current model',
    )
    .addHelpText(
      'after',
      `
Examples:
  kinema build                                  build ./model from ./data/imdb (+ ./data/movielens)
  kinema build --movielens ~/ml-32m             MovieLens ratings from another folder
  kinema build --movielens none                 IMDb alone
  kinema build --catalog original --features original --model model-2020
  kinema build --k 12 --weights genre=1,year=2 --force`,
    )
    .action(async (flags: BuildFlags) => {
      await runBuild(flags);
    });
}

// --- run: loaded when the command runs (heavy modules are imported lazily) ---

export async function runBuild(flags: BuildFlags): Promise<BuildResult> {
  return buildModel({
    dataDir: flags.data,
    modelDir: flags.model,
    cacheDir: flags.cache,
    catalog: flags.catalog,
    features: flags.features,
    weights: flags.weights ? parseWeights(flags.weights) : undefined,
    k: flags.k,
    seed: flags.seed,
    minVotes: flags.minVotes,
    topVotes: flags.topVotes,
    threads: flags.threads,
    algorithm: flags.algorithm,
    nInit: flags.nInit,
    memoryLimit: flags.memory,
    neighbours: flags.neighbours,
    movielens: flags.movielens === 'none' ? false : flags.movielens,
    collab: flags.collab ? { method: flags.collab } : undefined,
    force: flags.force,
    freshClusters: flags.freshClusters,
    acceptShrink: flags.acceptShrink,
  });
}

/** Builds with the terminal's logger and prints the summary line (`kinema build`, `kinema start`). */
export async function buildModel(options: BuildOptions): Promise<BuildResult> {
  const log = terminalLogger();
  const started = performance.now();
  const { build } = await import('../../pipeline/build.ts');
  const result = await build(options, { log, now: () => new Date(), version: readVersion() });
  if (!result.fresh) {
    const m = result.manifest;
    log.info(
      `model ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${m.counts.movies.toLocaleString('en-US')} movies, ` +
        `${m.kmeans.k} clusters (${m.clusters.map((c) => c.size).join(' / ')})`,
    );
    const { describeDiff } = await import('../../core/model-diff-text.ts');
    for (const line of m.diff ? describeDiff(m.diff) : ['first build in this folder: nothing to compare']) {
      log.info(line);
    }
  }
  return result;
}

// --- internal ---

function kOrAuto(value: string): number | 'auto' {
  return value === 'auto' ? 'auto' : positiveInt('--k')(value);
}
