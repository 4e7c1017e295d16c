/**
 * "More like this" under several weightings at once, for a weight search: one candidate pass per
 * query fills one list per weighting, each exactly the list `createRecommender(model, { weights })
 * .similar(query, { limit })` gives (no filters, no diversity). Only for a model without precomputed
 * neighbour lists: those hold one weighting's ranking, and the search runs before they exist.
 */
import type { Model } from '../model.ts';
import { TopN } from '../top-n.ts';
import { createCandidateSearch } from './candidates.ts';
import { ACCEPT_ALL } from './filters.ts';
import { ivfFromClusters } from './ivf.ts';
import { SIMILAR_MAX } from './index.ts';
import { createSimilarity, type SimilarityWeights } from './similarity.ts';

export interface SimilarGrid {
  /** The top `limit` rows for `query` under each weighting, in the order the weightings were given. */
  similar(query: number, limit: number): Int32Array[];
}

export function createSimilarGrid(
  model: Model,
  weightings: readonly Partial<SimilarityWeights>[],
  probe = 3,
): SimilarGrid {
  if (model.neighbours) {
    throw new Error('a weight grid ranks a model without precomputed neighbours');
  }
  const sims = weightings.map((w) => createSimilarity(model, w));
  const search = createCandidateSearch(sims[0] ?? createSimilarity(model), ivfFromClusters(model), probe);
  const longest = Math.min(SIMILAR_MAX, model.catalog.size - 1);
  return {
    similar(query, limit) {
      const tops = sims.map(() => new TopN(Math.min(limit, longest)));
      search.similarEach(query, sims, tops, ACCEPT_ALL);
      return tops.map((top) => top.sorted().index);
    },
  };
}
