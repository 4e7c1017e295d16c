/**
 * `kinema eval` orchestration: MovieLens → an IMDb-format data folder for its movies → the real
 * build (kinema preset, and the original preset for the 2020 recipe) → ratings mapped onto the
 * catalog → the leave-one-out protocol over every baseline.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KinemaError } from '../core/errors.ts';
import { loadModel } from '../core/model-load.ts';
import type { Model } from '../core/model.ts';
import type { Logger } from '../core/log.ts';
import { createRecommender, type RecommenderOptions } from '../core/recommend/index.ts';
import { DEFAULT_WEIGHTS as SIMILARITY_WEIGHTS } from '../core/recommend/similarity.ts';
import { runProtocol, type ProtocolSummary } from '../core/eval/protocol.ts';
import { ratingsMatrix, type RatingTriple } from '../core/collab/ratings.ts';
import { BASELINES } from '../core/eval/registry.ts';
import { byStrategy, type ScriptRow } from '../core/eval/table.ts';
import { kinemaOn } from '../core/eval/kinema.ts';
import type { StrategyResult } from '../core/eval/types.ts';
import { build } from './build.ts';
import { writeEvalImdbData, type FeatureSources } from './eval-imdb.ts';
import { readMovieLens, readMovieLensRatings, type MovieLensRating } from './movielens.ts';

export interface EvalOptions {
  movielensDir: string;
  imdbDir: string;
  seed: number;
  /** Leave-one-out rounds (one held-out liked movie per user per round). */
  rounds?: number;
  /** Clusters of the kinema model (the original recipe always uses k = 9). */
  k?: number;
  /** Keep the generated data folder and models here instead of a removed temp folder. */
  workDir?: string;
  /**
   * More MovieLens folders whose ratings.csv users join the training ratings only (never evaluated,
   * never tuned on): `kinema eval --train DIR`.
   */
  trainDirs?: string[];
  /** Only these strategies (name prefixes); default all. */
  only?: string[];
  /**
   * An extra "kinema tuned" row: the kinema build with these feature weights and the recommender with
   * these pair-score weights, for trying weights by hand (not tuned on held-out users: not a result).
   */
  tuned?: TunedWeights | false;
}

export interface TunedWeights {
  features: Record<string, number>;
  recommender: NonNullable<RecommenderOptions['weights']>;
}

/**
 * Found with `kinema eval` on the shared MovieLens half (so tuned on the evaluation users: a hint for
 * the defaults, not a held-out result): genres matter less, popularity more.
 */
export const TUNED: TunedWeights = { features: { genre: 0.15, logVotes: 2 }, recommender: {} };

export interface EvalEffects {
  log: Logger;
  /** Milliseconds, for timings. */
  now: () => number;
  clock: () => Date;
  version: string;
}

export interface EvalReport {
  summary: ProtocolSummary;
  /** The headline figures by strategy name and mode (hr10, ndcg10, coverage, …), for scripts. */
  strategies: Record<string, ScriptRow>;
  results: StrategyResult[];
  sources: FeatureSources;
  data: {
    catalogMovies: number;
    ratings: number;
    ratingsKept: number;
    /** Ratings of `--train` folders on catalog movies (training only). */
    trainOnlyRatings: number;
    users: number;
    movies: number;
  };
  seconds: { build: number; protocol: number };
}

export const DEFAULT_ROUNDS = 3;
/** `--train` users get ids from here up (folder d at (d + 1)·this), so they sort after every real one. */
const TRAIN_ONLY_ID = 1e12;
/** Users set aside for choosing weights (never reported). */
export const TUNE_SHARE = 0.3;

export async function runEval(options: EvalOptions, effects: EvalEffects): Promise<EvalReport> {
  const { log } = effects;
  // validate every option before any work
  const tuned = options.tuned ? checkTuned(options.tuned) : undefined;
  const tunedName = tuned ? `kinema tuned (${label(tuned)})` : undefined;
  const names = BASELINES.map((b) => b.name);
  if (tunedName) names.splice(names.indexOf('kinema default') + 1, 0, tunedName);
  const wanted = select(names, options.only);
  const work = options.workDir ?? mkdtempSync(join(tmpdir(), 'kinema-eval-'));
  try {
    const ml = readMovieLens(options.movielensDir);
    log.info(`MovieLens: ${ml.ratings.length.toLocaleString('en-US')} ratings, ${ml.movies.length} movies`);
    const dataDir = join(work, 'imdb');
    const sources = writeEvalImdbData(ml, options.imdbDir, dataDir);
    const buildStart = effects.now();
    const k = options.k ?? 9;
    const model = await buildAndLoad(work, 'kinema', k, options.seed, {}, effects);
    const original = wanted.has('original recipe (k=9)')
      ? await buildAndLoad(work, 'original', 9, options.seed, {}, effects)
      : undefined;
    const tunedModel =
      tuned && tunedName && wanted.has(tunedName)
        ? await buildAndLoad(work, 'kinema', k, options.seed, tuned.features, effects, 'tuned')
        : undefined;
    const buildSeconds = (effects.now() - buildStart) / 1000;

    const triples: RatingTriple[] = [];
    /** Adds the ratings on catalog movies (user ids shifted by `idBase`); returns how many. */
    const onCatalog = (ratings: MovieLensRating[], links: Map<number, string>, idBase: number) => {
      let kept = 0;
      for (const r of ratings) {
        const id = links.get(r.movieId);
        const item = id === undefined ? undefined : model.byId.get(id);
        if (item === undefined) continue;
        triples.push({ userId: idBase + r.userId, item, rating: r.rating });
        kept++;
      }
      return kept;
    };
    const ratingsKept = onCatalog(ml.ratings, ml.tconst, 0);
    let trainOnlyRatings = 0;
    (options.trainDirs ?? []).forEach((dir, d) => {
      const more = readMovieLensRatings(dir);
      const kept = onCatalog(more.ratings, more.tconst ?? ml.tconst, TRAIN_ONLY_ID * (d + 1));
      trainOnlyRatings += kept;
      log.info(
        `--train ${dir}: ${kept.toLocaleString('en-US')} of ${more.ratings.length.toLocaleString('en-US')} ratings on catalog movies (training only)`,
      );
    });
    const ratings = ratingsMatrix(triples, model.catalog.size);
    const trainOnly = (row: number) => ratings.userIds[row]! >= TRAIN_ONLY_ID;
    const all = [...BASELINES];
    if (tuned && tunedName && tunedModel) {
      const rec = createRecommender(tunedModel, { weights: tuned.recommender });
      all.splice(names.indexOf(tunedName), 0, { name: tunedName, make: kinemaOn(tunedModel, rec) });
    }
    const baselines = all.filter((b) => wanted.has(b.name));
    log.info(
      `catalog ${model.catalog.size} movies; ${ratingsKept} of ${ml.ratings.length} ratings are on them; ` +
        `${baselines.length} strategies`,
    );
    const protocolStart = effects.now();
    const run = runProtocol(
      ratings,
      baselines,
      { catalog: model.catalog, model, original, recommender: createRecommender(model) },
      {
        seed: options.seed,
        rounds: options.rounds ?? DEFAULT_ROUNDS,
        tuneShare: TUNE_SHARE,
        ...(options.trainDirs?.length ? { trainOnly } : {}),
      },
      { now: effects.now, log },
    );
    return {
      summary: run.summary,
      strategies: byStrategy(run.results),
      results: run.results,
      sources,
      data: {
        catalogMovies: model.catalog.size,
        ratings: ml.ratings.length,
        ratingsKept,
        trainOnlyRatings,
        users: ratings.userIds.filter((_, u) => !trainOnly(u)).length,
        movies: new Set(triples.map((t) => t.item)).size,
      },
      seconds: { build: buildSeconds, protocol: (effects.now() - protocolStart) / 1000 },
    };
  } finally {
    if (!options.workDir) rmSync(work, { recursive: true, force: true });
  }
}

// --- internal ---

function label(t: TunedWeights): string {
  const list = (w: Record<string, number | undefined>) => Object.entries(w).map(([k, v]) => `${k}=${v}`);
  return [...list(t.features), ...list(t.recommender).map((x) => `rec.${x}`)].join(', ');
}

function checkTuned(t: TunedWeights): TunedWeights {
  for (const [key, value] of Object.entries(t.recommender)) {
    if (!(key in SIMILARITY_WEIGHTS) || !(Number(value) >= 0)) {
      throw new KinemaError(
        'bad-input',
        `bad recommender weight ${key}=${value}`,
        `known weights (each ≥ 0): ${Object.keys(SIMILARITY_WEIGHTS).join(', ')}`,
      );
    }
  }
  return t;
}

/** The strategy names `only` (name prefixes, case-insensitive) selects; all when it is empty. */
function select(names: string[], only: string[] | undefined): Set<string> {
  if (!only?.length) return new Set(names);
  const matches = (name: string, o: string) => name.toLowerCase().startsWith(o.toLowerCase());
  for (const o of only) {
    if (!names.some((name) => matches(name, o))) {
      throw new KinemaError('bad-input', `no strategy is named "${o}"`, `strategies: ${names.join('; ')}`);
    }
  }
  return new Set(names.filter((name) => only.some((o) => matches(name, o))));
}

async function buildAndLoad(
  work: string,
  features: 'kinema' | 'original',
  k: number,
  seed: number,
  weights: Record<string, number>,
  effects: EvalEffects,
  name: string = features,
): Promise<Model> {
  const modelDir = join(work, `model-${name}`);
  await build(
    {
      dataDir: join(work, 'imdb'),
      modelDir,
      cacheDir: join(work, 'cache'),
      catalog: 'kinema',
      features,
      weights,
      k,
      seed,
      minVotes: 0,
    },
    { log: effects.log, now: effects.clock, version: effects.version },
  );
  return loadModel(async (name) => {
    try {
      return new Uint8Array(readFileSync(join(modelDir, name)));
    } catch {
      return null;
    }
  });
}
