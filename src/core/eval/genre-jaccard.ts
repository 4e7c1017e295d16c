/**
 * Genre-only content baseline: similarity is the Jaccard index of genre sets. Many movies share a
 * genre set, so ties are broken by IMDb votes (documented in the report: this makes the baseline
 * "popular within the same genres", a stronger reference than an arbitrary order).
 */
import { maskJaccard } from './metrics.ts';
import { topK } from './top-k.ts';
import type { Baseline } from './types.ts';

export const genreJaccard: Baseline = (ctx) => {
  const { genres, votes, size } = ctx.catalog;
  // distinct genre sets: scores are computed per set, then spread over the movies
  const setOf = new Int32Array(size);
  const masks: number[] = [];
  const seen = new Map<number, number>();
  for (let i = 0; i < size; i++) {
    const m = genres[i]!;
    let s = seen.get(m);
    if (s === undefined) seen.set(m, (s = masks.push(m) - 1));
    setOf[i] = s;
  }
  const scores = new Float64Array(size);
  const spread = (setScore: Float64Array) => {
    for (let i = 0; i < size; i++) scores[i] = setScore[setOf[i]!]!;
  };
  return {
    similar(item, limit) {
      const own = genres[item]!;
      spread(Float64Array.from(masks, (m) => maskJaccard(own, m)));
      return topK(scores, limit, { tie: votes, skip: (i) => i === item });
    },
    taste(liked, exclude, limit) {
      const setScore = new Float64Array(masks.length);
      for (const l of liked) {
        const own = genres[l]!;
        for (let s = 0; s < masks.length; s++) setScore[s]! += maskJaccard(own, masks[s]!);
      }
      spread(setScore);
      return topK(scores, limit, { tie: votes, skip: (i) => exclude.has(i) });
    },
  };
};
