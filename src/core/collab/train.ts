/**
 * Training the collaborative half of the recommender: one of the measured methods over the liked
 * matrix, kept as the top-k co-liked movies of every movie (bench/README.md "collaborative" compares
 * them; EASE over the most-liked movies won, with cosine rows for the rest).
 */
import { KinemaError } from '../errors.ts';
import { cooccurrenceRows, cosineRule, rp3betaRule } from './cooccurrence.ts';
import { easeItems, easeRows } from './ease.ts';
import { likedMatrix } from './liked.ts';
import { CollabListsBuilder, type CollabLists } from './lists.ts';
import type { RatingsMatrix } from './ratings.ts';

export type CollabMethod = 'ease' | 'cosine' | 'rp3beta';
export const COLLAB_METHODS: readonly CollabMethod[] = ['ease', 'cosine', 'rp3beta'];

export interface CollabOptions {
  method: CollabMethod;
  /** Neighbours kept per movie. */
  k: number;
  /** Cosine shrinkage h: c / (√(nᵢnⱼ) + h). */
  shrink: number;
  alpha: number;
  beta: number;
  /** EASE ridge λ and the most movies it models densely. */
  lambda: number;
  maxItems: number;
  /** A rating at or above this is a like. */
  threshold: number;
  onProgress?: (step: string, done: number, total: number) => void;
}

export const DEFAULT_COLLAB: CollabOptions = {
  method: 'ease',
  k: 100,
  shrink: 10,
  alpha: 1,
  beta: 0.5,
  lambda: 300,
  maxItems: 1000,
  threshold: 4,
};

export function trainCollab(ratings: RatingsMatrix, options: Partial<CollabOptions> = {}): CollabLists {
  const o = { ...DEFAULT_COLLAB, ...options };
  if (!COLLAB_METHODS.includes(o.method)) {
    throw new KinemaError(
      'bad-input',
      `unknown collaborative method "${o.method}"`,
      `one of ${COLLAB_METHODS.join(', ')}`,
    );
  }
  if (!Number.isInteger(o.k) || o.k < 1 || o.k > 1000) {
    throw new KinemaError(
      'bad-input',
      `collaborative neighbours must be an integer from 1 to 1000, got ${o.k}`,
    );
  }
  const liked = likedMatrix(ratings, o.threshold);
  const builder = new CollabListsBuilder(liked.items, o.k);
  const rule = o.method === 'rp3beta' ? rp3betaRule(liked, o.alpha, o.beta) : cosineRule(liked, o.shrink);
  // EASE rows replace the co-occurrence rows of its movies, so those are never summed
  const dense = o.method === 'ease' ? easeItems(liked, o.maxItems) : undefined;
  cooccurrenceRows(liked, rule, builder, dense ? { skip: dense } : {});
  if (o.method === 'ease') {
    easeRows(
      liked,
      { lambda: o.lambda, maxItems: o.maxItems, onProgress: (d, t) => o.onProgress?.('ease', d, t) },
      builder,
      dense,
    );
  }
  return builder.finish(liked.counts, liked.users);
}
