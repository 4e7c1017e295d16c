/**
 * kinema hybrid as a strategy: the round's training ratings → the collaborative lists the build would
 * write (src/core/collab/train.ts) → the recommender over the eval model with them attached and the
 * given blend weights, through the same public API the site and CLI use.
 */
import { trainCollab, type CollabOptions } from '../collab/train.ts';
import { KinemaError } from '../errors.ts';
import type { Model } from '../model.ts';
import { createRecommender, type RecommenderOptions } from '../recommend/index.ts';
import type { SimilarityWeights } from '../recommend/similarity.ts';
import type { CollabLists } from '../collab/lists.ts';
import { kinemaOn } from './kinema.ts';
import type { Baseline } from './types.ts';
import { searchBlend } from './blend-search.ts';

export interface BlendWeights {
  similar: Partial<SimilarityWeights>;
  taste: Partial<SimilarityWeights>;
}

/** The eval model with collaborative lists attached (and no precomputed neighbours: they predate them). */
export function withCollab(model: Model, collab: CollabLists | undefined): Model {
  return { ...model, collab, neighbours: undefined };
}

/**
 * Weights from the build's own blend search on the round's training ratings, validated on the tuning
 * users only (never on reported ones), unless fixed weights are given.
 */
export function hybridBaseline(
  weights?: BlendWeights,
  collab: Partial<CollabOptions> = {},
  options: Omit<RecommenderOptions, 'weights' | 'tasteWeights'> = {},
): Baseline {
  return (ctx) => {
    if (!ctx.model) throw new KinemaError('bad-input', 'the hybrid baseline needs the eval model');
    const w = weights ?? searchBlend(ctx.model, ctx.train, { seed: ctx.seed, users: ctx.tuneUsers, collab });
    const model = withCollab(ctx.model, trainCollab(ctx.train, collab));
    const rec = createRecommender(model, { ...options, weights: w.similar, tasteWeights: w.taste });
    return { ...kinemaOn(model, rec)(ctx), weights: w };
  };
}

/**
 * kinema from IMDb alone (no collaborative part), its prior and taste weights chosen by the same
 * search over the content grid on the tuning users.
 */
export const imdbOnlyBaseline: Baseline = (ctx) => {
  if (!ctx.model) throw new KinemaError('bad-input', 'the IMDb-only baseline needs the eval model');
  const model = withCollab(ctx.model, undefined);
  const w = searchBlend(model, ctx.train, { seed: ctx.seed, users: ctx.tuneUsers, content: true });
  const rec = createRecommender(model, { weights: w.similar, tasteWeights: w.taste });
  return { ...kinemaOn(model, rec)(ctx), weights: { similar: w.similar, taste: w.taste } };
};
