/**
 * The model folder's manifest.json: what a build records about its inputs, options and outputs, and
 * the format version a loader checks before reading anything else.
 */
import type { SimilarityWeights } from './recommend/similarity-weights.ts';
import type { ArtifactInfo } from './model-id.ts';
import type { CollabOptions } from './collab/train.ts';
import type { FeaturePreset } from './features.ts';
import type { KMeansAlgorithm } from '../numeric/kmeans.ts';
import type { ModelDiff } from './model-diff.ts';

export interface CollabManifest {
  method: string;
  k: number;
  ratings: number;
  users: number;
  /** Catalog movies with at least one like. */
  movies: number;
}

/**
 * 2: binary catalog/people/franchise/search files replaced catalog.json and people.json.
 * 3: collab.bin and the blend weights (MovieLens behaviour in the pair score).
 * 4: search.bin holds akas as more names a movie (its `slots` column), people.bin person details,
 *    characters, known-for films, filmographies and the name index; catalog.bin the gems order and the
 *    Top rated order with its 25,000-vote prior. An older kinema would misread search.bin.
 *    collab.bin as compressed rows with the user count (a like's base rate).
 */
export const MODEL_FORMAT = 4;

export interface InputFile {
  file: string;
  size: number;
  mtime: string;
}

export interface ClusterInfo {
  id: number;
  size: number;
  /** Auto name like "Crime · Thriller · 1990s" (set by the recommender step). */
  name?: string;
}

export interface KCurvePoint {
  k: number;
  inertia: number;
  silhouette?: number;
}

/** The build options that shape a model, as asked for (src/core/build-settings.ts). */
export interface BuildSettings {
  catalog: 'kinema' | 'original';
  features: FeaturePreset;
  weights?: Record<string, number>;
  k: number | 'auto';
  seed: number;
  minVotes?: number;
  bayesM?: number;
  topVotes?: number;
  algorithm?: KMeansAlgorithm;
  nInit?: number;
  neighbours?: number;
  collab?: Partial<Omit<CollabOptions, 'onProgress'>>;
}

/** HR@10, NDCG@10 and catalog coverage of one strategy in one mode (src/core/eval/build-eval.ts). */
export interface EvalFigures {
  hr10: number;
  ndcg10: number;
  coverage: number;
}

/** The quick leave-one-out round a build with MovieLens ratings runs on a seeded sample of users. */
export interface BuildEval {
  users: number;
  cases: number;
  seed: number;
  kinema: { similar: EvalFigures; taste: EvalFigures };
  popular: { similar: EvalFigures; taste: EvalFigures };
}

export interface ModelManifest {
  format: number;
  kinemaVersion: string;
  /** Hash of the inputs' stamps, the options and the version: equal means the model is fresh. */
  buildKey?: string;
  /** The options the model was built with, as asked for (absent in folders from before them). */
  settings?: BuildSettings;
  catalog: {
    preset: 'kinema' | 'original';
    minVotes: number;
    meanRating: number;
    bayesM: number;
    /** Votes the Top rated list's prior counts (absent: TOP_RATED_M). */
    topM?: number;
  };
  features: {
    preset: 'kinema' | 'original';
    names: string[];
    weights: Record<string, number>;
    /** Per-feature scaling applied before weighting: scaled = (raw - offset) / scale * weight. */
    offset: number[];
    scale: number[];
  };
  kmeans: {
    k: number;
    seed: number;
    algorithm: string;
    iterations: number;
    inertia: number;
    converged: boolean;
    curve?: KCurvePoint[];
    /** 'warm': started from the previous model's centres (absent: from k-means++). */
    start?: 'warm' | 'fresh';
    /** The previous model whose cluster ids these clusters kept (matched centre to centre). */
    idsFrom?: string;
  };
  inputs: InputFile[];
  counts: {
    movies: number;
    rows: Record<string, number>;
    badRows: Record<string, number>;
    /** The ingest version whose rows `rows` counts (absent: before version 4). */
    ingest?: number;
  };
  clusters: ClusterInfo[];
  neighbours?: { n: number };
  /** The MovieLens ratings the collaborative part learned from (absent: IMDb alone). */
  collab?: CollabManifest;
  /** Pair-score weights chosen by the build (src/pipeline/blend.ts), per list kind. */
  blend?: { similar: Partial<SimilarityWeights>; taste: Partial<SimilarityWeights> };
  /** The quick evaluation the build ran (absent: no MovieLens ratings). */
  eval?: BuildEval;
  /** What changed against the model this one replaced (absent: a first build). */
  diff?: ModelDiff;
  artifacts: string[];
  /** Content id of the artifacts (src/core/model-id.ts); absent in folders from before ids. */
  id?: string;
  /** Size and SHA-256 of every artifact but the manifest: checked as each file is loaded. */
  files?: Record<string, ArtifactInfo>;
}
