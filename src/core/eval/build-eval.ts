/**
 * The evaluation every build with MovieLens ratings runs: one leave-one-out round on a seeded sample
 * of users, kinema as built (its blend weights, collaborative lists retrained without the held-out
 * likes) against most popular. The blend search's validation users are never in the sample, so the
 * figures are on users the weights were not chosen on. Small and quick by design: a trend line from
 * build to build, not the full `kinema eval`.
 */
import { createRandom } from '../../numeric/random.ts';
import type { CollabOptions } from '../collab/train.ts';
import { likedBy } from '../collab/ratings.ts';
import type { BuildEval, EvalFigures } from '../model-manifest.ts';
import type { Model } from '../model.ts';
import { mostPopular } from './baselines.ts';
import { hybridBaseline, type BlendWeights } from './hybrid.ts';
import { runProtocol } from './protocol.ts';
import type { ModeMetrics, RatingsMatrix } from './types.ts';

export interface BuildEvalOptions {
  seed: number;
  /** Users evaluated (a seeded sample of those with two or more likes). */
  users: number;
  /** User rows never evaluated (the blend search's validation users). */
  exclude: readonly number[];
  weights: BlendWeights;
  collab?: Partial<CollabOptions>;
  threshold?: number;
}

export const BUILD_EVAL_USERS = 300;

export function buildEval(
  model: Model,
  ratings: RatingsMatrix,
  options: BuildEvalOptions,
  now: () => number,
): BuildEval {
  const threshold = options.threshold ?? 4;
  const excluded = new Set(options.exclude);
  const eligible: number[] = [];
  for (let u = 0; u < ratings.userIds.length; u++) {
    if (!excluded.has(u) && likedBy(ratings, u, threshold).length >= 2) eligible.push(u);
  }
  const rng = createRandom(options.seed ^ 0xe7a1);
  for (let i = eligible.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [eligible[i], eligible[j]] = [eligible[j]!, eligible[i]!];
  }
  const sample = new Set(eligible.slice(0, options.users));
  const run = runProtocol(
    ratings,
    [
      { name: 'kinema', make: hybridBaseline(options.weights, options.collab), usesRatings: true },
      { name: 'most popular', make: mostPopular },
    ],
    { catalog: model.catalog, model },
    { seed: options.seed, threshold, rounds: 1, trainOnly: (row) => !sample.has(row) },
    { now },
  );
  const [kinema, popular] = run.results;
  const modes = (r: NonNullable<typeof kinema>) => ({ similar: figures(r.similar), taste: figures(r.taste) });
  return {
    users: sample.size,
    cases: run.summary.cases,
    seed: options.seed,
    kinema: modes(kinema!),
    popular: modes(popular!),
  };
}

function figures(m: ModeMetrics): EvalFigures {
  const r4 = (x: number) => Math.round(x * 1e4) / 1e4;
  return { hr10: r4(m.hr), ndcg10: r4(m.ndcg), coverage: r4(m.coverage) };
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
