/** The build command's action, loaded only when `kinema build` runs (it pulls in DuckDB). */
import { build, type BuildOptions, type BuildResult } from '../../pipeline/build.ts';
import { parseWeights } from '../../core/features.ts';
import { terminalLogger } from '../output.ts';
import { readVersion } from '../version.ts';
import type { BuildFlags } from './build.ts';

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
    acceptShrink: flags.acceptShrink,
  });
}

/** Builds with the terminal's logger and prints the summary line (`kinema build`, `kinema start`). */
export async function buildModel(options: BuildOptions): Promise<BuildResult> {
  const log = terminalLogger();
  const started = performance.now();
  const result = await build(options, { log, now: () => new Date(), version: readVersion() });
  if (!result.fresh) {
    const m = result.manifest;
    log.info(
      `model ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${m.counts.movies.toLocaleString('en-US')} movies, ` +
        `${m.kmeans.k} clusters (${m.clusters.map((c) => c.size).join(' / ')})`,
    );
  }
  return result;
}
