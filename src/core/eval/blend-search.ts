/**
 * How the build chooses the blend weights, repeatably and never on the users whose figures are
 * reported: a seeded set of validation users (or the set the caller names) each lose up to five
 * liked movies; the collaborative lists are trained without those; every weight set of a small grid
 * ranks the validation users' lists through the real recommender. Taste takes the best hit rate of
 * the held-out movies in the top 10; "more like this" the earliest grid entry within one standard
 * error of the best (the grid runs from film-led to popularity-led, so what cannot be told apart from
 * the best on these users stays closer to the film). The grid and the winners go to the manifest and the build log.
 */
import { createRandom } from '../../numeric/random.ts';
import { trainCollab, type CollabOptions } from '../collab/train.ts';
import type { CollabLists } from '../collab/lists.ts';
import { likedBy, ratedBy, withoutPairs, type RatingsMatrix } from '../collab/ratings.ts';
import type { Model } from '../model.ts';
import { createSimilarGrid } from '../recommend/similar-grid.ts';
import { createTasteGrid } from '../recommend/taste-grid.ts';
import { DEFAULT_WEIGHTS, type SimilarityWeights } from '../recommend/similarity.ts';
import { withCollab, type BlendWeights } from './hybrid.ts';
import { hit, ndcg, rankOf } from './metrics.ts';

export type Weights = Partial<SimilarityWeights>;

/**
 * People and franchise at 8× their IMDb-only weight beside co-likes: on the MovieLens users the scale
 * is within one standard error either way (the eval catalog has crew for few movies), and at 1× a
 * shared director drowns under co-likes (Fight Club loses Se7en).
 */
const PEOPLE_SCALE = 8;

/**
 * The grid moves popularity, behaviour (lift before the plain also-liked share) and the taste peak. Entries run from the most film-led to the most popularity-led:
 * among weights within one standard error of the best, the earliest wins, so popularity and the
 * films everyone likes only grow where they measurably help.
 */
export const SIMILAR_GRID: readonly Weights[] = [0, 1, 2, 4].flatMap((popularity) =>
  [{ lift: 4 }, { lift: 8 }, { alsoLiked: 2 }, { alsoLiked: 4 }].map((behaviour) => ({
    collab: 1,
    ...behaviour,
    fallback: 1,
    confidence: 10,
    popularity,
    people: PEOPLE_SCALE * DEFAULT_WEIGHTS.people,
    franchise: PEOPLE_SCALE * DEFAULT_WEIGHTS.franchise,
  })),
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
export const CONTENT_TASTE_GRID: readonly Weights[] = [0, 0.25, 1, 4].flatMap((popularity) =>
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
  /**
   * Called with the validation users once chosen: likes (user → item) the lists must not learn from
   * either, e.g. the held-out cases of the build's own evaluation.
   */
  reserve?: (validation: readonly number[]) => ReadonlyMap<number, number>;
  /** Search the content grids with no collaborative part (the model as a build without MovieLens serves it). */
  content?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface GridScore {
  weights: Weights;
  hr: number;
  ndcg: number;
  /** Standard error of `hr` over the validation users. */
  se: number;
}

export interface BlendChoice extends BlendWeights {
  cases: number;
  /**
   * The collaborative lists the search ranked with: trained on every rating but the validation
   * users' held-out ones (a build ships them rather than training twice).
   */
  collab?: CollabLists;
  /** Likes held out of `collab` (the validation users' targets). */
  heldOut: number;
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
  const empty: BlendChoice = {
    similar: {},
    taste: {},
    cases: 0,
    heldOut: 0,
    similarGrid: [],
    tasteGrid: [],
  };
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
  const reserved = options.reserve?.([...held.keys()]) ?? new Map<number, number>();
  if (held.size === 0) {
    // nobody to validate on: the first weights, lists from every rating but the reserved ones
    const base = reserved.size ? withoutPairs(ratings, reserved) : ratings;
    const collab = content ? undefined : trainCollab(base, options.collab);
    return {
      ...empty,
      similar: similarGrid[0] ?? {},
      taste: tasteGrid[0] ?? {},
      ...(collab ? { collab } : {}),
    };
  }
  const heldAll = new Map<number, readonly number[]>(held);
  for (const [u, item] of reserved) heldAll.set(u, [...(held.get(u) ?? []), item]);
  const train = withoutPairs(ratings, heldAll);
  const lists = content ? undefined : trainCollab(train, options.collab);
  const tuned = withCollab(model, lists);
  const perUser = options.queriesPerUser ?? 10;
  const cases = [...held].map(([u, targets]) => {
    const liked = likedBy(train, u, threshold);
    const queries = shuffle([...liked], rng);
    // the ranker scores a profile's first PROFILE_MAX picks: here a seeded order
    return {
      targets,
      taste: { liked: queries, seen: Array.from(ratedBy(train, u)) },
      queries: queries.slice(0, perUser),
    };
  });
  // progress counts validation cases: each is ranked once for "more like this", once for taste
  const total = 2 * cases.length;
  let done = 0;
  const step = () => {
    done++;
    options.onProgress?.(done, total);
  };
  // "more like this": one candidate pass per query ranks it under every weighting of the grid
  const grid = createSimilarGrid(tuned, similarGrid);
  const similarCases = similarGrid.map((): CaseScore[] => []);
  cases.forEach((c) => {
    const lists = similarGrid.map((): ArrayLike<number>[] => []);
    for (const q of c.queries) grid.similar(q, 10).forEach((rows, w) => lists[w]!.push(rows));
    lists.forEach((l, w) => similarCases[w]!.push(caseScore(l, c.targets)));
    step();
  });
  const similarScores = similarGrid.map((w, i) => gridScore(w, similarCases[i]!));
  // taste: each weighting's candidates, the weight-free pair parts computed once for all of them
  const tasteLists = createTasteGrid(tuned, tasteGrid);
  const tasteCases = tasteGrid.map((): CaseScore[] => []);
  for (const c of cases) {
    tasteLists.taste(c.taste, 10).forEach((rows, w) => tasteCases[w]!.push(caseScore([rows], c.targets)));
    step();
  }
  const tasteScores = tasteGrid.map((w, i) => gridScore(w, tasteCases[i]!));
  return {
    // "more like this" is read as a list of films like this one: popularity must earn its place;
    // taste is "what will I like", so the best measured weights win
    similar: best(similarScores, true),
    taste: best(tasteScores),
    cases: cases.length,
    ...(lists ? { collab: lists } : {}),
    heldOut: ratings.items.length - train.items.length,
    similarGrid: similarScores,
    tasteGrid: tasteScores,
  };
}

const HELD_PER_USER = 5;

/** One validation user's hit rate and NDCG over its lists and held-out targets. */
interface CaseScore {
  hr: number;
  ndcg: number;
}

function caseScore(lists: readonly ArrayLike<number>[], targets: readonly number[]): CaseScore {
  let h = 0;
  let g = 0;
  for (const rows of lists) {
    for (const target of targets) {
      const r = rankOf(rows, target, 10);
      h += hit(r);
      g += ndcg(r);
    }
  }
  const n = Math.max(1, lists.length * targets.length);
  return { hr: h / n, ndcg: g / n };
}

/** Mean hit rate and NDCG over the users, with the hit rate's standard error. */
function gridScore(weights: Weights, cases: readonly CaseScore[]): GridScore {
  const m = cases.length;
  let hr = 0;
  let hr2 = 0;
  let gain = 0;
  for (const c of cases) {
    hr += c.hr;
    hr2 += c.hr ** 2;
    gain += c.ndcg;
  }
  const mean = hr / m;
  const se = m > 1 ? Math.sqrt(Math.max(0, hr2 / m - mean * mean) / (m - 1)) : 0;
  return { weights, hr: mean, ndcg: gain / m, se };
}

function shuffle<T>(items: T[], rng: ReturnType<typeof createRandom>): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * The best hit rate (ties: NDCG, then the earlier entry); with `oneSe`, the one-standard-error rule:
 * the earliest grid entry whose hit rate is within one SE of the best.
 */
export function best(scores: readonly GridScore[], oneSe = false): Weights {
  let top = scores[0]!;
  for (const s of scores) if (s.hr > top.hr || (s.hr === top.hr && s.ndcg > top.ndcg)) top = s;
  return oneSe ? (scores.find((s) => s.hr >= top.hr - top.se) ?? top).weights : top.weights;
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
