/**
 * A model ready to serve: the decoded folder plus its recommender, title search and the few
 * derived tables pages need (cluster profiles). Built once per model load, swapped as a whole.
 * A long-running server prepares everything before it swaps a model in; Lambda (`lazy`) builds the
 * title search and cluster profiles on the first request that needs them, so a cold start that
 * answers "similar" never pays for search.
 */
import type { Model } from '../core/model.ts';
import type { ModelSection } from '../core/model-sections.ts';
import { modelId } from '../core/model-id.ts';
import type { Recommender } from '../core/recommend/types.ts';
import type { TitleSearch } from '../core/search/types.ts';
import { createRecommender } from '../core/recommend/index.ts';
import { createTitleSearch } from '../core/search/index.ts';
import { clusterProfiles, type ClusterProfile } from './cluster-profile.ts';
import { ResponseCache } from './response-cache.ts';

export interface LoadedModel {
  model: Model;
  recommender: Recommender;
  search: TitleSearch;
  clusters: ClusterProfile[];
  /** The model's content id (src/core/model-id.ts): /healthz, ETags and the deploy prefix. */
  version: string;
  /** Small memo for parameterless lists (home rows), dropped with the model. */
  memo: Map<string, unknown>;
  /** Rendered bodies of read-only GET responses (see respond.ts). */
  responses: ResponseCache;
}

export interface PrepareOptions {
  /** Build the title search and cluster profiles on first use instead of now. Default false. */
  lazy?: boolean;
}

export function prepareModel(model: Model, options: PrepareOptions = {}): LoadedModel {
  let search: TitleSearch | undefined;
  let clusters: ClusterProfile[] | undefined;
  const titleSearch = () =>
    (search ??= createTitleSearch(model.catalog, { lazyTypos: options.lazy, index: model.titleIndex?.() }));
  if (!options.lazy) {
    titleSearch();
    clusters = clusterProfiles(model);
  }
  return {
    model,
    recommender: createRecommender(model),
    search: {
      search: (query, limit) => titleSearch().search(query, limit),
      resolve: (query) => titleSearch().resolve(query),
    },
    get clusters() {
      return (clusters ??= clusterProfiles(model));
    },
    version: modelId(model.manifest),
    memo: new Map(),
    responses: new ResponseCache(),
  };
}

/**
 * Fetches the rows of these movies' lists that are read remotely (Lambda with its model on S3): their
 * neighbour rows, and with a lazily loaded model their collaborative rows, so the synchronous
 * recommender can read them; lists on disk or in memory need nothing.
 */
export async function fetchNeighbourRows(served: LoadedModel, movies: Iterable<number>): Promise<void> {
  const { neighbours, sections } = served.model;
  const rows = [...movies];
  await Promise.all([neighbours?.prefetch?.(rows), sections?.rows(rows)]);
}

/** Reads these sections of a lazily loaded model (Lambda) before a route runs; else nothing. */
export async function loadSections(served: LoadedModel, names: readonly ModelSection[]): Promise<void> {
  await served.model.sections?.load(names);
}

export function memo<T>(served: LoadedModel, key: string, compute: () => T): T {
  if (served.memo.has(key)) return served.memo.get(key) as T;
  const value = compute();
  served.memo.set(key, value);
  return value;
}
