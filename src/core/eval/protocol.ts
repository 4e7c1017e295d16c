/**
 * Leave-one-out evaluation. Each round holds out one liked movie (rating ≥ threshold) per user,
 * chosen with a seeded PRNG and never the same one twice across rounds, and removes that rating
 * from the training data. Then, for every strategy:
 *   (a) item-to-item: for each of the user's other liked movies, is the held-out one in its top k?
 *       (hit rate and NDCG averaged over those lists, then over cases);
 *   (b) taste: from all the other liked movies, with everything the user rated excluded, is the
 *       held-out one in the top k?
 * A seeded share of the users is set aside for tuning: strategies that choose weights (the hybrid's
 * blend search) validate on those users only, and no figure is reported for them, so no strategy is
 * ever tuned on the users it is measured on. Their ratings stay in the training data.
 */
import { createRandom } from '../../numeric/random.ts';
import type { Logger } from '../log.ts';
import { ModeAccumulator, hit, ndcg, rankOf } from './metrics.ts';
import { likedBestFirst, likedBy, raterCounts, ratedBy, withoutPairs } from '../collab/ratings.ts';
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
  /** Share of the users set aside for tuning (default 0 = none; `kinema eval` sets 0.3). */
  tuneShare?: number;
  /** User rows that only add training ratings (`kinema eval --train`): never held out or tuned on. */
  trainOnly?: (row: number) => boolean;
}

export interface ProtocolSummary {
  users: number;
  /** Users with at least two liked movies (one to hold out, one to query with), not tuning users. */
  evaluatedUsers: number;
  /** Users set aside for tuning: their cases choose weights, none is reported. */
  tuneUsers: number;
  /** Users whose ratings only train (`--train`): none of them is evaluated. */
  trainOnlyUsers: number;
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

export type EvalModels = Omit<EvalContext, 'train' | 'seed' | 'tuneUsers'>;

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
  const heldOrder = holdOutOrder(ratings, threshold, options.seed, options.trainOnly);
  const tuneUsers = tuningUsers(heldOrder, options.tuneShare ?? 0, options.seed);
  const tuning = new Set(tuneUsers);
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
    weights: [] as object[],
  }));
  let cases = 0;
  let pairs = 0;
  for (let round = 0; round < rounds; round++) {
    const heldOut = new Map<number, number>();
    heldOrder.forEach((order, u) => {
      if (!tuning.has(u) && order.length >= 2 && round < order.length) heldOut.set(u, order[round]!);
    });
    if (heldOut.size === 0) break;
    const train = withoutPairs(ratings, heldOut);
    const ctx: EvalContext = { ...models, train, seed: options.seed, tuneUsers };
    for (const s of state) {
      const start = effects.now();
      if (s.baseline.usesRatings || !s.strategy) {
        s.strategy = s.baseline.make(ctx);
        s.cache.clear();
        if (s.strategy.weights) s.weights.push(s.strategy.weights);
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
        // a profile lists its best-rated movies first, as an imported history does
        const list = strategy.taste(likedBestFirst(train, u, threshold), new Set(ratedBy(train, u)), k);
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
      evaluatedUsers: heldOrder.filter((o, u) => o.length >= 2 && !tuning.has(u)).length,
      tuneUsers: tuneUsers.length,
      trainOnlyUsers: options.trainOnly ? ratings.userIds.filter((_, u) => options.trainOnly!(u)).length : 0,
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
      ...(s.weights.length ? { weights: s.weights } : {}),
    })),
  };
}

/** A seeded `share` of the users with at least two likes, ascending. */
export function tuningUsers(heldOrder: number[][], share: number, seed: number): number[] {
  const rows = heldOrder.flatMap((o, u) => (o.length >= 2 ? [u] : []));
  const rng = createRandom(seed ^ 0x5eed);
  for (let i = rows.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows.slice(0, Math.round(rows.length * share)).sort((a, b) => a - b);
}

/**
 * Per user row, its liked movies in a seeded random order: round r holds out entry r. Rows `skip`
 * accepts get none (and draw nothing from the PRNG, so they never change the other rows' order).
 */
export function holdOutOrder(
  ratings: RatingsMatrix,
  threshold: number,
  seed: number,
  skip: (row: number) => boolean = () => false,
): number[][] {
  const rng = createRandom(seed);
  return ratings.userIds.map((_, u) => {
    if (skip(u)) return [];
    const liked = likedBy(ratings, u, threshold);
    // Fisher–Yates with the shared PRNG: users are visited in id order, so this is deterministic
    for (let i = liked.length - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [liked[i], liked[j]] = [liked[j]!, liked[i]!];
    }
    return liked;
  });
}
