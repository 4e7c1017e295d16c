/**
 * How the build chooses the blend weights, repeatably and never on the users whose figures are
 * reported: a seeded set of validation users (or the set the caller names) each lose up to five
 * liked movies; the collaborative lists are trained without those; every weight set of a small grid
 * ranks the validation users' lists through the real recommender; per list kind, the best hit rate of
 * the held-out movies in the top 10 wins (ties: NDCG, then the earlier grid entry). The grid and the winners go to the manifest and the build log.
 */
import { createRandom } from '../../numeric/random.ts';
import { trainCollab, type CollabOptions } from '../collab/train.ts';
import { likedBy, ratedBy, withoutPairs, type RatingsMatrix } from '../collab/ratings.ts';
import type { Model } from '../model.ts';
import { createRecommender } from '../recommend/index.ts';
import type { SimilarityWeights } from '../recommend/similarity.ts';
import { withCollab, type BlendWeights } from './hybrid.ts';
import { hit, ndcg, rankOf } from './metrics.ts';

export type Weights = Partial<SimilarityWeights>;

/** Content weights are the defaults; the grid moves behaviour, popularity and the taste peak. */
export const SIMILAR_GRID: readonly Weights[] = [0, 1, 4].flatMap((alsoLiked) =>
  [0, 1, 4].map((popularity) => ({ collab: 1, alsoLiked, fallback: 1, confidence: 10, popularity })),
);

export const TASTE_GRID: readonly Weights[] = [
  ...[16, 64, 4].flatMap((collab) =>
    [1, 10].flatMap((confidence) =>
      [0, 0.5].map((popularity) => ({ collab, fallback: 1, confidence, popularity, peak: 0 })),
    ),
  ),
  { collab: 16, fallback: 1, confidence: 1, popularity: 0, peak: 0.25 },
];

/** Without behaviour data: the content weights and the prior. */
export const CONTENT_SIMILAR_GRID: readonly Weights[] = [0, 0.5, 1, 2, 4].map((popularity) => ({
  popularity,
}));
export const CONTENT_TASTE_GRID: readonly Weights[] = [0, 0.25, 1].flatMap((popularity) =>
  [0, 0.5].map((peak) => ({ popularity, peak })),
);

export interface BlendSearchOptions {
  seed: number;
  /** Validation user rows; default a seeded sample of `maxUsers` users with at least two likes. */
  users?: readonly number[];
  maxUsers?: number;
  /** "More like this" queries per validation user (its other liked movies, seeded sample). */
  queriesPerUser?: number;
  threshold?: number;
  collab?: Partial<CollabOptions>;
  similarGrid?: readonly Weights[];
  tasteGrid?: readonly Weights[];
  /** Search the content grids with no collaborative part (the model as a build without MovieLens serves it). */
  content?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface GridScore {
  weights: Weights;
  hr: number;
  ndcg: number;
}

export interface BlendChoice extends BlendWeights {
  cases: number;
  similarGrid: GridScore[];
  tasteGrid: GridScore[];
}

export function searchBlend(
  model: Model,
  ratings: RatingsMatrix | undefined,
  options: BlendSearchOptions,
): BlendChoice {
  const threshold = options.threshold ?? 4;
  const content = options.content || !ratings;
  const similarGrid = options.similarGrid ?? (content ? CONTENT_SIMILAR_GRID : SIMILAR_GRID);
  const tasteGrid = options.tasteGrid ?? (content ? CONTENT_TASTE_GRID : TASTE_GRID);
  const empty: BlendChoice = { similar: {}, taste: {}, cases: 0, similarGrid: [], tasteGrid: [] };
  if (!ratings) return { ...empty, similar: similarGrid[0] ?? {}, taste: tasteGrid[0] ?? {} };
  const rng = createRandom(options.seed);
  const eligible = options.users ?? sampleUsers(ratings, threshold, options.maxUsers ?? 200, rng);
  const held = new Map<number, number[]>();
  for (const u of eligible) {
    const liked = likedBy(ratings, u, threshold);
    if (liked.length < 2) continue;
    shuffle(liked, rng);
    held.set(u, liked.slice(0, Math.min(HELD_PER_USER, liked.length - 1)));
  }
  if (held.size === 0) return { ...empty, similar: similarGrid[0] ?? {}, taste: tasteGrid[0] ?? {} };
  const train = withoutAll(ratings, held);
  const tuned = content
    ? withCollab(model, undefined)
    : withCollab(model, trainCollab(train, options.collab));
  const perUser = options.queriesPerUser ?? 10;
  const cases = [...held].map(([u, targets]) => {
    const liked = likedBy(train, u, threshold);
    const queries = shuffle([...liked], rng);
    return { targets, liked, seen: Array.from(ratedBy(train, u)), queries: queries.slice(0, perUser) };
  });
  const total = similarGrid.length + tasteGrid.length;
  let done = 0;
  const score = (weights: Weights, mode: 'similar' | 'taste'): GridScore => {
    const rec = createRecommender(tuned, { weights, tasteWeights: weights });
    let hr = 0;
    let gain = 0;
    for (const c of cases) {
      const lists =
        mode === 'taste'
          ? [rec.taste({ liked: c.liked, seen: c.seen }, { limit: 10 })]
          : c.queries.map((q) => rec.similar(q, { limit: 10 }));
      let h = 0;
      let g = 0;
      for (const list of lists) {
        const rows = list.map((x) => x.index);
        for (const target of c.targets) {
          const r = rankOf(rows, target, 10);
          h += hit(r);
          g += ndcg(r);
        }
      }
      const n = Math.max(1, lists.length * c.targets.length);
      hr += h / n;
      gain += g / n;
    }
    options.onProgress?.(++done, total);
    return { weights, hr: hr / cases.length, ndcg: gain / cases.length };
  };
  const similarScores = similarGrid.map((w) => score(w, 'similar'));
  const tasteScores = tasteGrid.map((w) => score(w, 'taste'));
  return {
    similar: best(similarScores),
    taste: best(tasteScores),
    cases: cases.length,
    similarGrid: similarScores,
    tasteGrid: tasteScores,
  };
}

const HELD_PER_USER = 5;

function shuffle<T>(items: T[], rng: ReturnType<typeof createRandom>): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** The ratings without each listed user's held-out movies. */
function withoutAll(m: RatingsMatrix, held: ReadonlyMap<number, number[]>): RatingsMatrix {
  let out = m;
  for (let round = 0; round < HELD_PER_USER; round++) {
    const one = new Map<number, number>();
    for (const [u, items] of held) if (round < items.length) one.set(u, items[round]!);
    if (one.size) out = withoutPairs(out, one);
  }
  return out;
}

function best(scores: GridScore[]): Weights {
  let top = scores[0]!;
  for (const s of scores) if (s.hr > top.hr || (s.hr === top.hr && s.ndcg > top.ndcg)) top = s;
  return top.weights;
}

function sampleUsers(
  m: RatingsMatrix,
  threshold: number,
  max: number,
  rng: ReturnType<typeof createRandom>,
): number[] {
  const rows: number[] = [];
  for (let u = 0; u < m.userIds.length; u++) if (likedBy(m, u, threshold).length >= 2) rows.push(u);
  return shuffle(rows, rng)
    .slice(0, max)
    .sort((a, b) => a - b);
}
