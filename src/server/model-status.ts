/**
 * What /status and /api/status report about the served model: its version and size, how its clusters
 * started, the build's quick evaluation and what the build changed against the model before it.
 */
import type { BuildEval } from '../core/model-manifest.ts';
import type { ModelDiff } from '../core/model-diff.ts';
import type { LoadedModel } from './loaded-model.ts';

export interface ModelStatus {
  model: string;
  kinemaVersion: string;
  movies: number;
  clusters: number;
  /** 'warm': k-means started from the previous model's centres. */
  kmeansStart: 'warm' | 'fresh';
  kmeansIterations: number;
  /** The model whose cluster ids this one kept (null: a first build). */
  clusterIdsFrom: string | null;
  /** MovieLens ratings the collaborative part learned from (0: IMDb alone). */
  ratings: number;
  eval: BuildEval | null;
  diff: ModelDiff | null;
}

export function modelStatus(served: LoadedModel): ModelStatus {
  const m = served.model.manifest;
  return {
    model: served.version,
    kinemaVersion: m.kinemaVersion,
    movies: served.model.catalog.size,
    clusters: m.kmeans.k,
    kmeansStart: m.kmeans.start ?? 'fresh',
    kmeansIterations: m.kmeans.iterations,
    clusterIdsFrom: m.kmeans.idsFrom ?? null,
    ratings: m.collab?.ratings ?? 0,
    eval: m.eval ?? null,
    diff: m.diff ?? null,
  };
}
