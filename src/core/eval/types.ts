/**
 * The shapes offline evaluation works on. Movies are catalog row indices of the evaluated (kinema)
 * model; ratings are MovieLens ratings already mapped onto that catalog.
 */
import type { Catalog } from '../model-catalog.ts';
import type { Model } from '../model.ts';
import type { Recommender } from '../recommend/types.ts';
import type { RatingsMatrix } from '../collab/ratings.ts';

export type { RatingsMatrix } from '../collab/ratings.ts';

/** A ranked list of catalog rows, best first (an array or a typed array). */
export type RankedList = ArrayLike<number> & Iterable<number>;

/** One ranking method under test: what "more like this" and a taste profile return. */
export interface Strategy {
  /** Top `limit` movies like `item`, never `item` itself. */
  similar(item: number, limit: number): RankedList;
  /** Top `limit` movies for someone who liked `liked`, none of them in `exclude`. */
  taste(liked: readonly number[], exclude: ReadonlySet<number>, limit: number): RankedList;
  /** Weights the strategy chose for this round (reported with its row). */
  weights?: object;
}

export interface EvalContext {
  catalog: Catalog;
  /** Training ratings of this round (held-out ratings removed). */
  train: RatingsMatrix;
  seed: number;
  /** User rows set aside for tuning (never reported): weights are chosen on their cases only. */
  tuneUsers: readonly number[];
  /** The kinema model the catalog belongs to. */
  model?: Model;
  /** A model built with the original feature preset over the same movies (for the 2020 recipe). */
  original?: Model;
  /** kinema's recommender over `model`. */
  recommender?: Recommender;
}

/** Every baseline has this one signature; it builds its strategy for one training round. */
export type Baseline = (ctx: EvalContext) => Strategy;

export interface NamedBaseline {
  name: string;
  make: Baseline;
  /** True when the strategy learns from the training ratings, so it is rebuilt every round. */
  usesRatings?: boolean;
}

/** Quality of one strategy in one mode (item-to-item or taste). All values are in [0, 1]. */
export interface ModeMetrics {
  hr: number;
  ndcg: number;
  coverage: number;
  novelty: number;
  diversity: number;
  /** Held-out cases scored. */
  cases: number;
  /** Lists produced (distinct query movies for item-to-item, one per case for taste). */
  lists: number;
}

export interface StrategyResult {
  name: string;
  similar: ModeMetrics;
  taste: ModeMetrics;
  seconds: number;
  /** Per round, the weights the strategy chose (strategies that choose any). */
  weights?: object[];
}
