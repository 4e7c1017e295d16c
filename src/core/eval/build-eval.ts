/**
 * The evaluation every build with MovieLens ratings runs: one leave-one-out round on a seeded sample
 * of users, kinema as built against most popular. The cases are set aside before the blend search,
 * which keeps its validation users out of them and leaves their held-out likes out of the lists it
 * trains, so the build's own lists and weights are evaluated without training anything again, on
 * users the weights were not chosen on. A trend line from build to build, not the full `kinema eval`.
 */
import { createRandom } from '../../numeric/random.ts';
import { likedBestFirst, likedBy, raterCounts, ratedBy, withoutPairs } from '../collab/ratings.ts';
import type { BuildEval, EvalFigures } from '../model-manifest.ts';
import type { Model } from '../model.ts';
import { createRecommender } from '../recommend/index.ts';
import { mostPopular } from './baselines.ts';
import type { BlendWeights } from './hybrid.ts';
import { kinemaOn } from './kinema.ts';
import { hit, ModeAccumulator, ndcg, rankOf } from './metrics.ts';
import type { ModeMetrics, RatingsMatrix, Strategy } from './types.ts';

export const BUILD_EVAL_USERS = 300;
const THRESHOLD = 4;
const K = 10;

/**
 * One held-out like for each of up to `users` seeded users with two or more likes, none of them in
 * `exclude` (the blend search's validation users).
 */
export function pickEvalCases(
  ratings: RatingsMatrix,
  exclude: readonly number[],
  options: { seed: number; users: number },
): Map<number, number> {
  const excluded = new Set(exclude);
  const rng = createRandom(options.seed ^ 0xe7a1);
  const eligible: number[] = [];
  for (let u = 0; u < ratings.userIds.length; u++) {
    if (!excluded.has(u) && likedBy(ratings, u, THRESHOLD).length >= 2) eligible.push(u);
  }
  for (let i = eligible.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
  }
  const cases = new Map<number, number>();
  for (const u of eligible.slice(0, options.users).sort((a, b) => a - b)) {
    const liked = likedBy(ratings, u, THRESHOLD);
    cases.set(u, liked[rng.int(liked.length)]!);
  }
  return cases;
}

/**
 * `model` carries the collaborative lists trained without the cases' held-out likes; `weights` are
 * the blend's.
 */
export function buildEval(
  model: Model,
  ratings: RatingsMatrix,
  cases: ReadonlyMap<number, number>,
  weights: BlendWeights,
  seed: number,
): BuildEval {
  const train = withoutPairs(ratings, cases);
  const ctx = { catalog: model.catalog, train, seed, tuneUsers: [], model };
  const rec = createRecommender(model, { weights: weights.similar, tasteWeights: weights.taste });
  const strategies = [kinemaOn(model, rec)(ctx), mostPopular(ctx)];
  const raters = raterCounts(train);
  const users = train.userIds.length;
  const [kinema, popular] = strategies.map((s) => score(s, train, cases, model, raters, users));
  return { users: cases.size, cases: cases.size, seed, kinema: kinema!, popular: popular! };
}

/** The build log's line: kinema's HR@10 beside most popular's, per list. */
export function describeBuildEval(e: BuildEval): string {
  const { kinema: k, popular: p } = e;
  return (
    `${e.users} users: taste HR@10 ${k.taste.hr10.toFixed(3)} (most popular ${p.taste.hr10.toFixed(3)}), ` +
    `more like this ${k.similar.hr10.toFixed(3)} (${p.similar.hr10.toFixed(3)})`
  );
}

/**
 * Warnings for figures that fell by more than noise: two standard errors of the previous hit rate over
 * the cases (at least DROP_FLOOR), kinema's taste and "more like this" HR@10.
 */
export function evalDrops(before: BuildEval | undefined, after: BuildEval | undefined): string[] {
  if (!before || !after) return [];
  const out: string[] = [];
  for (const mode of ['taste', 'similar'] as const) {
    const was = before.kinema[mode].hr10;
    const now = after.kinema[mode].hr10;
    const se = Math.sqrt((was * (1 - was)) / Math.max(1, Math.min(before.cases, after.cases)));
    if (was - now > Math.max(DROP_FLOOR, 2 * se)) {
      const label = mode === 'taste' ? 'taste' : '"more like this"';
      out.push(
        `eval: ${label} HR@10 fell from ${was.toFixed(3)} to ${now.toFixed(3)} against the previous model (beyond 2 standard errors)`,
      );
    }
  }
  return out;
}

/** The smallest fall of HR@10 warned about, whatever the standard error. */
export const DROP_FLOOR = 0.01;

// --- internal ---

function score(
  strategy: Strategy,
  train: RatingsMatrix,
  cases: ReadonlyMap<number, number>,
  model: Model,
  raters: Int32Array,
  users: number,
): { similar: EvalFigures; taste: EvalFigures } {
  const { size, genres } = model.catalog;
  const similar = new ModeAccumulator(size, genres, raters, users);
  const taste = new ModeAccumulator(size, genres, raters, users);
  const lists = new Map<number, ArrayLike<number>>();
  for (const [u, held] of cases) {
    const liked = likedBy(train, u, THRESHOLD);
    let hr = 0;
    let gain = 0;
    for (const q of liked) {
      let list = lists.get(q);
      if (!list) {
        list = strategy.similar(q, K);
        lists.set(q, list);
        similar.addList(list);
      }
      const r = rankOf(list, held, K);
      hr += hit(r);
      gain += ndcg(r);
    }
    similar.addCase(hr / liked.length, gain / liked.length);
    const list = strategy.taste(likedBestFirst(train, u, THRESHOLD), new Set(ratedBy(train, u)), K);
    taste.addList(list);
    const r = rankOf(list, held, K);
    taste.addCase(hit(r), ndcg(r));
  }
  return { similar: figures(similar.result()), taste: figures(taste.result()) };
}

function figures(m: ModeMetrics): EvalFigures {
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return { hr10: r4(m.hr), ndcg10: r4(m.ndcg), coverage: r4(m.coverage) };
}
