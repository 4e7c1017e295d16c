/**
 * Leave-one-out evaluation. Each round holds out one liked movie (rating ≥ threshold) per user,
 * chosen with a seeded PRNG and never the same one twice across rounds, and removes that rating
 * from the training data. Then, for every strategy:
 *   (a) item-to-item: for each of the user's other liked movies, is the held-out one in its top k?
 *       (hit rate and NDCG averaged over those lists, then over cases);
 *   (b) taste: from all the other liked movies, with everything the user rated excluded, is the
 *       held-out one in the top k?
 */
import { createRandom } from '../../numeric/random.ts';
import type { Logger } from '../log.ts';
import { ModeAccumulator, hit, ndcg, rankOf } from './metrics.ts';
import { likedBy, raterCounts, ratedBy, withoutPairs } from './ratings.ts';
import type {
  EvalContext,
  NamedBaseline,
  RankedList,
  RatingsMatrix,
  Strategy,
  StrategyResult,
} from './types.ts';

export interface ProtocolOptions {
  seed: number;
  /** A rating at or above this is "liked". */
  threshold?: number;
  /** List length: HR@k, NDCG@k. */
  k?: number;
  /** Leave-one-out rounds; each holds out one more liked movie per user. */
  rounds?: number;
}

export interface ProtocolSummary {
  users: number;
  /** Users with at least two liked movies (one to hold out, one to query with). */
  evaluatedUsers: number;
  rounds: number;
  cases: number;
  /** (held-out, query) pairs scored in the item-to-item mode. */
  pairs: number;
  k: number;
  threshold: number;
  seed: number;
}

export interface ProtocolRun {
  summary: ProtocolSummary;
  results: StrategyResult[];
}

export type EvalModels = Omit<EvalContext, 'train' | 'seed'>;

export function runProtocol(
  ratings: RatingsMatrix,
  baselines: readonly NamedBaseline[],
  models: EvalModels,
  options: ProtocolOptions,
  effects: { now: () => number; log?: Logger },
): ProtocolRun {
  const threshold = options.threshold ?? 4;
  const k = options.k ?? 10;
  const rounds = options.rounds ?? 1;
  const heldOrder = holdOutOrder(ratings, threshold, options.seed);
  const raters = raterCounts(ratings);
  const users = ratings.userIds.length;
  const { catalog } = models;
  const state = baselines.map((b) => ({
    baseline: b,
    similar: new ModeAccumulator(catalog.size, catalog.genres, raters, users),
    taste: new ModeAccumulator(catalog.size, catalog.genres, raters, users),
    seconds: 0,
    strategy: undefined as Strategy | undefined,
    cache: new Map<number, RankedList>(),
  }));
  let cases = 0;
  let pairs = 0;
  for (let round = 0; round < rounds; round++) {
    const heldOut = new Map<number, number>();
    heldOrder.forEach((order, u) => {
      if (order.length >= 2 && round < order.length) heldOut.set(u, order[round]!);
    });
    if (heldOut.size === 0) break;
    const train = withoutPairs(ratings, heldOut);
    const ctx: EvalContext = { ...models, train, seed: options.seed };
    for (const s of state) {
      const start = effects.now();
      if (s.baseline.usesRatings || !s.strategy) {
        s.strategy = s.baseline.make(ctx);
        s.cache.clear();
      }
      const strategy = s.strategy;
      for (const [u, held] of heldOut) {
        const liked = likedBy(train, u, threshold);
        let hrSum = 0;
        let ndcgSum = 0;
        for (const q of liked) {
          let list = s.cache.get(q);
          if (!list) {
            list = strategy.similar(q, k);
            s.cache.set(q, list);
            s.similar.addList(list);
          }
          const r = rankOf(list, held, k);
          hrSum += hit(r);
          ndcgSum += ndcg(r);
        }
        s.similar.addCase(hrSum / liked.length, ndcgSum / liked.length);
        const list = strategy.taste(liked, new Set(ratedBy(train, u)), k);
        s.taste.addList(list);
        const r = rankOf(list, held, k);
        s.taste.addCase(hit(r), ndcg(r));
        if (s === state[0]) pairs += liked.length;
      }
      s.seconds += (effects.now() - start) / 1000;
      effects.log?.progress?.(`eval round ${round + 1}/${rounds}`, state.indexOf(s) + 1, state.length);
    }
    cases += heldOut.size;
  }
  return {
    summary: {
      users,
      evaluatedUsers: heldOrder.filter((o) => o.length >= 2).length,
      rounds,
      cases,
      pairs,
      k,
      threshold,
      seed: options.seed,
    },
    results: state.map((s) => ({
      name: s.baseline.name,
      similar: s.similar.result(),
      taste: s.taste.result(),
      seconds: s.seconds,
    })),
  };
}

/** Per user row, its liked movies in a seeded random order: round r holds out entry r. */
export function holdOutOrder(ratings: RatingsMatrix, threshold: number, seed: number): number[][] {
  const rng = createRandom(seed);
  return ratings.userIds.map((_, u) => {
    const liked = likedBy(ratings, u, threshold);
    // Fisher–Yates with the shared PRNG: users are visited in id order, so this is deterministic
    for (let i = liked.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [liked[i], liked[j]] = [liked[j]!, liked[i]!];
    }
    return liked;
  });
}
