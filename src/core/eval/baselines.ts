/**
 * The non-personal baselines: random, most popular (IMDb votes) and IMDb weighted-rating top.
 * Each is a Baseline: (ctx) => Strategy, so the protocol runs them exactly like kinema.
 */
import { createRandom } from '../../numeric/random.ts';
import { firstOf, orderBy } from './top-k.ts';
import type { Baseline } from './types.ts';

/** Uniformly random movies, seeded by the run seed and the query, so reruns are identical. */
export const random: Baseline = (ctx) => {
  const n = ctx.catalog.size;
  const draw = (seed: number, limit: number, keep: (i: number) => boolean): number[] => {
    const rng = createRandom(seed);
    const out = new Set<number>();
    // bounded: the catalog is far larger than a top-10 list plus its exclusions in practice
    for (let tries = 0; out.size < limit && tries < limit * 50; tries++) {
      const i = rng.int(n);
      if (keep(i)) out.add(i);
    }
    return [...out];
  };
  return {
    similar: (item, limit) => draw(mix(ctx.seed, item), limit, (i) => i !== item),
    taste: (liked, exclude, limit) =>
      draw(
        mix(
          ctx.seed,
          liked.reduce((h, x) => mix(h, x), liked.length),
        ),
        limit,
        (i) => !exclude.has(i),
      ),
  };
};

/** Most IMDb votes first: the same list for everyone. */
export const mostPopular: Baseline = (ctx) => fixedOrder(orderBy(ctx.catalog.votes));

/** Highest IMDb-style Bayesian weighted rating first (the IMDb Top 250 recipe). */
export const weightedRating: Baseline = (ctx) => fixedOrder(orderBy(ctx.catalog.bayes));

function fixedOrder(order: Int32Array): ReturnType<Baseline> {
  return {
    similar: (item, limit) => firstOf(order, limit, (i) => i !== item),
    taste: (_liked, exclude, limit) => firstOf(order, limit, (i) => !exclude.has(i)),
  };
}

function mix(h: number, x: number): number {
  return (Math.imul(h ^ x, 0x9e3779b1) + 0x7f4a7c15) >>> 0;
}
