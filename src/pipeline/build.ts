/**
 * `kinema build`: ingest → catalog → features → cluster → write the model folder. Decides first whether
 * anything changed (inputs' size, mtime and ctime, options, kinema version); a fresh model is left alone.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase, type Db } from '../db/database.ts';
import { featureSpec } from '../core/features.ts';
import { DEFAULT_MEMORY_LIMIT, pickSettings } from '../core/build-settings.ts';
import type { BuildSettings } from '../core/model-manifest.ts';
import type { Logger } from '../core/log.ts';
import type { ModelManifest } from '../core/model-manifest.ts';
import { ingest } from './ingest.ts';
import { lockCache } from './cache-lock.ts';
import { contentId } from '../core/model-id.ts';
import { checkBadRows, checkRatings, checkShrink } from './damage.ts';
import { buildCatalog } from './catalog.ts';
import { computeFeatures } from './features.ts';
import { cluster } from './cluster.ts';
import { createModelWriter } from './model-write.ts';
import { writeModelFiles } from './model-files.ts';
import { readPeopleAlongside } from './people.ts';
import { neighbourThreads, startNeighbours, NEIGHBOUR_FILES } from './neighbours.ts';
import { spawnNeighbourPool, type NeighbourPool } from './neighbours-threads.ts';
import { buildScoreIndexes, writeFranchise, writePeopleSearch, writeTitleSearch } from './indexes.ts';
import { neighbourIvf } from '../core/recommend/neighbours.ts';
import { formatWeights, ingestNote, stepTimer, type StepTiming } from './build-steps.ts';
import { buildReport } from './build-report.ts';
import { nameClusters } from '../core/clusters.ts';
import type { Model } from '../core/model.ts';
import { DEFAULT_COLLAB, trainCollab, type CollabOptions } from '../core/collab/train.ts';
import { searchBlend } from '../core/eval/blend-search.ts';
import { encodeCollab } from '../core/model-binary.ts';
import { movieLensDir, readRatings } from './ratings.ts';
import { buildKey } from './build-key.ts';
import { diffAgainst, previousClusters, readPreviousModel } from './previous-model.ts';
import {
  buildEval,
  BUILD_EVAL_USERS,
  describeBuildEval,
  evalDrops,
  pickEvalCases,
} from '../core/eval/build-eval.ts';

/** Settings (src/core/build-settings.ts) shape the model; the rest say where and how to build it. */
export interface BuildOptions extends BuildSettings {
  dataDir: string;
  modelDir: string;
  /** Parquet cache of ingested tables (default: `cache` next to the data folder). */
  cacheDir?: string;
  threads?: number;
  memoryLimit?: string;
  /**
   * MovieLens folder (ratings.csv, links.csv) for the collaborative part; default `<data>/../movielens`
   * when it exists; false builds from IMDb alone.
   */
  movielens?: string | false;
  /** Collaborative method and its settings (default DEFAULT_COLLAB). */
  collab?: Partial<CollabOptions>;
  force?: boolean;
  /** k-means from k-means++ instead of the previous model's centres (cluster ids are still kept). */
  freshClusters?: boolean;
  /** Build even when many rows are bad or the catalog shrinks a lot (src/pipeline/damage.ts). */
  acceptShrink?: boolean;
}

export interface BuildEffects {
  log: Logger;
  /** The clock: the current year decides what counts as released. */
  now: () => Date;
  version: string;
}

export type { StepTiming } from './build-steps.ts';

export interface BuildResult {
  fresh: boolean;
  modelDir: string;
  manifest: ModelManifest;
  timings: StepTiming[];
}

export const DEFAULT_MIN_VOTES = 100;
export const DEFAULT_BAYES_M = 1000;
export const DEFAULT_NEIGHBOURS = 50;

/** Share of the ratings the blend's validation may hold out before the shipped lists are retrained. */
const HELD_OUT_RETRAIN = 0.01;

export async function build(options: BuildOptions, effects: BuildEffects): Promise<BuildResult> {
  const { log } = effects;
  const modelDir = resolve(options.modelDir);
  const dataDir = resolve(options.dataDir);
  const cacheDir = resolve(options.cacheDir ?? join(dataDir, '..', 'cache'));
  const minVotes = options.minVotes ?? (options.catalog === 'original' ? 0 : DEFAULT_MIN_VOTES);
  const bayesM = options.bayesM ?? DEFAULT_BAYES_M;
  const year = effects.now().getUTCFullYear();
  const spec = featureSpec(options.features, options.weights);
  const movielens = movieLensDir(dataDir, options.movielens);
  const key = buildKey(
    dataDir,
    movielens,
    { ...options, dataDir, modelDir, cacheDir, minVotes, bayesM, year, spec, movielens: undefined },
    effects.version,
  );
  const existing = readManifest(modelDir);
  if (!options.force && existing && existing.buildKey === key) {
    log.info(`model in ${modelDir} is fresh (inputs and options unchanged); --force rebuilds`);
    return { fresh: true, modelDir, manifest: existing, timings: [] };
  }

  mkdirSync(cacheDir, { recursive: true });
  const lock = lockCache(cacheDir);
  try {
    return await buildLocked(options, effects, {
      modelDir,
      dataDir,
      cacheDir,
      minVotes,
      bayesM,
      year,
      spec,
      key,
      existing,
      movielens,
    });
  } finally {
    lock.release();
  }
}

interface Resolved {
  modelDir: string;
  dataDir: string;
  cacheDir: string;
  minVotes: number;
  bayesM: number;
  year: number;
  spec: ReturnType<typeof featureSpec>;
  key: string;
  existing: ModelManifest | null;
  movielens: ReturnType<typeof movieLensDir>;
}

async function buildLocked(
  options: BuildOptions,
  effects: BuildEffects,
  { modelDir, dataDir, cacheDir, minVotes, bayesM, spec, key, existing, year, movielens }: Resolved,
): Promise<BuildResult> {
  const { log } = effects;
  const db = await openDatabase({
    memoryLimit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    tempDir: join(cacheDir, 'duckdb-tmp'),
    threads: options.threads,
  });
  const writer = createModelWriter(modelDir);
  const previous = readPreviousModel(modelDir, existing, log);
  const timer = stepTimer(log);
  const { timings, step, record, settled } = timer;
  // a second connection for the people SQL, which runs alongside this one's steps
  let peopleDb: Db | undefined;
  let pool: NeighbourPool | undefined;
  // once the last SQL has run (or the build failed), while the neighbour threads may still run
  let closing: Promise<void> | undefined;
  const closeDatabases = () =>
    (closing ??= settled().then(() => {
      peopleDb?.close();
      db.close();
    }));
  try {
    log.info(
      `building ${options.catalog} catalog, ${options.features} features, k=${options.k} → ${modelDir}`,
    );
    const ingested = await step(
      'ingest',
      () => ingest(db, dataDir, cacheDir, log, { force: options.force, minVotes }),
      ingestNote,
    );
    const accept = options.acceptShrink ?? false;
    checkBadRows(ingested, accept);
    const catalog = await step(
      'catalog',
      () => buildCatalog(db, { preset: options.catalog, minVotes, year, bayesM }),
      (c) => `${c.size.toLocaleString('en-US')} movies`,
    );
    const neighbours = Math.min(options.neighbours ?? DEFAULT_NEIGHBOURS, catalog.size - 1);
    const threads = neighbourThreads(catalog.size, options.threads);
    // the neighbour threads boot while this one computes what they will need
    if (neighbours > 0 && threads > 1) pool = spawnNeighbourPool(threads);
    const recipe = { catalog: options.catalog, minVotes };
    checkShrink(existing, { movies: catalog.size, ...recipe, report: ingested }, accept);
    const ratings = movielens
      ? await step(
          'ratings',
          () => readRatings(db, movielens, catalog.size, log),
          (r) =>
            `${r.matrix.items.length.toLocaleString('en-US')} ratings, ${r.users.toLocaleString('en-US')} users`,
        )
      : undefined;
    if (ratings && movielens) checkRatings(existing, ratings, movielens, { ...recipe, accept });
    if (!movielens) {
      log.info('no MovieLens ratings (kinema fetch downloads them): recommendations use IMDb alone');
    }
    // the people SQL runs on its own connection while this one computes features, clusters and writes
    peopleDb = await db.fork();
    const people = readPeopleAlongside(peopleDb, timer);
    const features = await step(
      'features',
      () => computeFeatures(db, spec),
      (f) => `${f.n}×${f.d}`,
    );
    const clustering = await step(
      'cluster',
      () =>
        cluster(
          features.data,
          features.n,
          features.d,
          { ...options, fresh: options.freshClusters },
          log,
          previousClusters(previous, catalog.id, features, spec, log),
        ),
      (c) =>
        `k=${c.k}, ${c.iterations} iterations from ${c.start === 'warm' ? 'the previous centres' : 'k-means++'}, ` +
        `inertia ${c.inertia.toFixed(2)}${c.matched ? ', cluster ids kept' : ''}`,
    );
    const { manifest, catalog: decoded } = await step('write', () =>
      writeModelFiles(db, writer, {
        catalog,
        features,
        clustering,
        ingested,
        spec,
        options: { ...options, minVotes, bayesM },
        version: effects.version,
        buildKey: key,
        settings: pickSettings(options),
      }),
    );
    // what needs the catalog only, while the people SQL may still run
    const franchise = await step('franchise', async () => writeFranchise(decoded, writer));
    const ivf =
      neighbours > 0
        ? await step('ivf', async () =>
            neighbourIvf(
              { features: features.data, d: features.d, catalog: decoded },
              { seed: options.seed },
            ),
          )
        : undefined;
    await step('titles', () => writeTitleSearch(db, writer, decoded));
    const lists = await people.lists();
    const served = await step('indexes', async () => buildScoreIndexes(lists, decoded, franchise));
    const names = nameClusters({
      genres: catalog.genres,
      year: catalog.year,
      cluster: clustering.labels,
      k: clustering.k,
    });
    manifest.clusters.forEach((c) => (c.name = names[c.id]));
    if (clustering.start === 'warm') manifest.kmeans.start = 'warm';
    if (clustering.matched && previous) manifest.kmeans.idsFrom = previous.id;
    manifest.artifacts.push('people.bin', 'franchise.bin', 'search.bin');
    const model: Model = {
      manifest,
      ...served,
      features: features.data,
      d: features.d,
      centroids: clustering.centroids,
      k: clustering.k,
      byId: new Map(catalog.id.map((id, i) => [id, i])),
    };
    // one training: the blend search ranks with lists trained on every rating but its validation
    // users' held-out likes, and the build ships those lists
    const collabOptions = { ...DEFAULT_COLLAB, ...options.collab };
    let evalCases = new Map<number, number>();
    const blend = await step(
      ratings ? 'collab+blend' : 'blend',
      async () =>
        searchBlend(model, ratings?.matrix, {
          seed: options.seed,
          // the build's own evaluation: its cases are held out of the lists the search trains
          reserve: (validation) => {
            if (ratings)
              evalCases = pickEvalCases(ratings.matrix, validation, {
                seed: options.seed,
                users: BUILD_EVAL_USERS,
              });
            return evalCases;
          },
          collab: {
            ...collabOptions,
            onProgress: (what, done, total) => log.progress?.(what, done, total),
          },
          onProgress: (done, total) => log.progress?.('blend', done, total),
        }),
      (b) =>
        b.cases
          ? `${collabOptions.method} lists, top ${collabOptions.k} per movie; ${b.cases} validation users`
          : 'defaults (no ratings to validate on)',
    );
    if (ratings && blend.collab) {
      // the held-out likes matter on small data: train again on every rating when they are ≥ 1 %
      model.collab =
        blend.heldOut >= HELD_OUT_RETRAIN * ratings.matrix.items.length
          ? await step(
              'collab',
              async () => trainCollab(ratings.matrix, collabOptions),
              (c) => `${collabOptions.method}, top ${c.k} per movie, every rating`,
            )
          : blend.collab;
      writer.write('collab.bin', encodeCollab(model.collab));
      manifest.artifacts.push('collab.bin');
      manifest.collab = {
        method: collabOptions.method,
        k: collabOptions.k,
        ratings: ratings.matrix.items.length,
        users: ratings.users,
        movies: model.collab.likes.reduce((n, x) => n + (x > 0 ? 1 : 0), 0),
      };
    }
    manifest.blend = { similar: blend.similar, taste: blend.taste };
    log.info(`blend: more like this ${formatWeights(blend.similar)}; taste ${formatWeights(blend.taste)}`);
    if (ratings && blend.collab && evalCases.size > 0) {
      const lists = blend.collab;
      // the blend's lists learned from every rating but the validation and evaluation held-outs
      manifest.eval = await step(
        'eval',
        async () =>
          buildEval(
            { ...model, collab: lists },
            ratings.matrix,
            evalCases,
            { similar: blend.similar, taste: blend.taste },
            options.seed,
          ),
        describeBuildEval,
      );
    }
    // the neighbour threads start first; this thread writes people.bin meanwhile
    const started = performance.now();
    const running =
      neighbours > 0
        ? await startNeighbours(model, async (name, bytes) => writer.write(name, bytes), log, {
            n: neighbours,
            seed: options.seed,
            threads,
            pool,
            weights: blend.similar,
            ivf,
          })
        : undefined;
    try {
      const details = await people.details();
      await step('names', async () => writePeopleSearch(writer, served, details));
      await closeDatabases();
      if (running) {
        const { n } = await running.finished;
        record('neighbours', performance.now() - started, `top ${n} per movie`);
        manifest.neighbours = { n };
        manifest.artifacts.push(...NEIGHBOUR_FILES);
      }
    } catch (error) {
      running?.stop();
      throw error;
    }
    writer.json(
      'build-report.json',
      buildReport({ timings, ingested, people: await people.details(), ratings, movielens, blend }),
    );
    if (previous) {
      manifest.diff = diffAgainst(previous, decoded, manifest);
      for (const warning of evalDrops(previous.manifest.eval, manifest.eval)) log.warn(warning);
    }
    manifest.files = await writer.describe(manifest.artifacts.filter((name) => name !== 'manifest.json'));
    manifest.id = await contentId(manifest.files);
    writer.commit(manifest);
    return { fresh: false, modelDir, manifest, timings };
  } catch (error) {
    writer.abort();
    throw error;
  } finally {
    pool?.close();
    await closeDatabases();
  }
}

/** The manifest of the model in `modelDir`, or null when there is none (or it is unreadable). */
export function readManifest(modelDir: string): ModelManifest | null {
  try {
    return JSON.parse(readFileSync(join(modelDir, 'manifest.json'), 'utf8')) as ModelManifest;
  } catch {
    return null;
  }
}
