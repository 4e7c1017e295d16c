/**
 * createRecommender: every list the product shows, as pure functions over a loaded Model. Similar lists
 * read the precomputed neighbours when the model has them (a lookup) and otherwise search the model's
 * clusters as a coarse IVF index; taste profiles, filters, diversity, gems and cold-start lists share
 * the same pair score (similarity.ts). Per request it allocates only small, list-sized arrays.
 */
import type { Model } from '../model.ts';
import { KinemaError } from '../errors.ts';
import { createCandidateSearch, type CandidateSearch } from './candidates.ts';
import { explain } from './explain.ts';
import { compileFilters, type RowFilter } from './filters.ts';
import { ivfFromClusters } from './ivf.ts';
import { mmr } from './mmr.ts';
import { createSimilarity, type Similarity, type SimilarityWeights } from './similarity.ts';
import { createTasteRanker } from './taste.ts';
import { TopN, type Ranked } from '../top-n.ts';
import { createColdStart } from './cold-start.ts';
import { isTuned, retune } from './tune.ts';
import type { ListOptions, Recommendation, Recommender, TasteInput } from './types.ts';

export type { Recommender } from './types.ts';
export { computeNeighbours, DEFAULT_NEIGHBOURS } from './neighbours.ts';

export interface RecommenderOptions {
  /** Pair-score weights of "more like this" (default: the model's blend, else DEFAULT_WEIGHTS). */
  weights?: Partial<SimilarityWeights>;
  /** Pair-score weights of taste profiles (default: the model's blend, else `weights`). */
  tasteWeights?: Partial<SimilarityWeights>;
  /** Clusters scanned per live query, the movie's own included (default 3). */
  probe?: number;
  /** Liked and disliked movies that shape a taste ranking, the first given (default PROFILE_MAX). */
  profileMax?: number;
}

export const MAX_LIMIT = 500;
/** With diversity on, MMR chooses among this many times the requested items. */
const MMR_POOL = 4;
/**
 * Longest "similar" list without precomputed neighbours (with them: their N). A page past it is empty
 * at no cost, and diversity reorders within it, so a large offset buys a client no extra work.
 */
export const SIMILAR_MAX = 100;
/**
 * Longest taste list, and the picks diversity reorders: MMR costs picks × pool similarity checks, so a
 * POST (never cached) asking for offset 4,000 with diversity cost a second of CPU. Past DIVERSE_MAX the
 * list goes on in relevance order; a page past TASTE_MAX is empty.
 */
export const TASTE_MAX = 500;
export const DIVERSE_MAX = 100;
/** Tuning re-ranks the movie's own top 50 ("like this, but…" stays about this). */
const TUNE_POOL = 50;

export function createRecommender(model: Model, options: RecommenderOptions = {}): Recommender {
  const blend = model.manifest.blend;
  const similarWeights = options.weights ?? blend?.similar;
  const sim = createSimilarity(model, similarWeights);
  const ivf = ivfFromClusters(model);
  const search = createCandidateSearch(sim, ivf, options.probe ?? 3);
  const cold = createColdStart(model);
  const tasteWeights = options.tasteWeights ?? (options.weights ? undefined : blend?.taste);
  // taste lists' own pair scores are built on the first taste request: a cold start that answers
  // "similar" pays for one set of per-movie weights, not two (~60 ms each at 700k movies)
  let tasteParts: { sim: Similarity; ranker: ReturnType<typeof createTasteRanker> } | undefined;
  const tasteOf = () => {
    if (!tasteParts) {
      const tasteSim = tasteWeights ? createSimilarity(model, tasteWeights) : sim;
      const ranker = createTasteRanker(
        tasteSim,
        tasteSim === sim ? search : createCandidateSearch(tasteSim, ivf, options.probe ?? 3),
        options.profileMax,
      );
      tasteParts = { sim: tasteSim, ranker };
    }
    return tasteParts;
  };
  const size = model.catalog.size;

  const acceptFor = (opts: ListOptions | undefined): RowFilter => {
    const filter = compileFilters(model.catalog, opts?.filters);
    return opts?.gems ? (i) => cold.isGem(i) && filter(i) : filter;
  };

  const finish = (
    ranked: Ranked,
    opts: ListOptions | undefined,
    query: number,
    because: ((row: number) => number) | undefined,
  ): Recommendation[] => {
    const { limit, offset, diversity } = page(opts);
    const picked = diversify(sim, ranked, offset + limit, diversity);
    const out: Recommendation[] = [];
    for (let t = offset; t < picked.index.length; t++) {
      const row = picked.index[t]!;
      const explanation = because
        ? explain(tasteOf().sim, because(row), row, true)
        : explain(sim, query, row);
      out.push({ index: row, score: picked.score[t]!, explanation });
    }
    return out;
  };

  /** What a similar list ranks: `pool` candidates, of which it shows [offset, wanted). */
  const similarPlan = (index: number, opts: ListOptions | undefined) => {
    checkRow(index, size, 'movie');
    const { limit, offset, diversity } = page(opts);
    const longest = Math.min(model.neighbours?.n ?? SIMILAR_MAX, size - 1);
    const wanted = Math.min(offset + limit, longest);
    const pool = Math.min(wanted * (diversity > 0 ? MMR_POOL : 1), longest);
    return { offset, wanted, pool, diversity, accept: acceptFor(opts) };
  };

  return {
    similarFromList(index, opts) {
      const { offset, wanted, pool, diversity, accept } = similarPlan(index, opts);
      if (offset >= wanted) return true;
      if (diversity > 0 || isTuned(opts?.tune) || !model.neighbours) return false;
      return precomputed(model, index, pool, accept) !== undefined;
    },
    similar(index, opts) {
      const { offset, wanted, pool, accept } = similarPlan(index, opts);
      if (offset >= wanted) return [];
      const tune = opts?.tune;
      let ranked: Ranked | undefined = isTuned(tune)
        ? retune(sim, index, ownList(model, search, index, TUNE_POOL, accept), tune, pool)
        : precomputed(model, index, pool, accept);
      if (!ranked) {
        const top = new TopN(pool);
        search.similar(index, top, accept);
        ranked = top.sorted();
      }
      return finish(ranked, { ...opts, limit: wanted - offset, offset }, index, undefined);
    },
    taste(input: TasteInput, opts) {
      for (const [name, rows] of Object.entries(input)) {
        for (const row of (rows as number[] | undefined) ?? []) checkRow(row, size, `${name} movie`);
      }
      if (input.liked.length === 0) {
        throw new KinemaError('bad-input', 'a taste profile needs at least one liked movie');
      }
      const { limit, offset, diversity } = page(opts);
      const wanted = Math.min(offset + limit, TASTE_MAX);
      if (offset >= wanted) return [];
      const pool = Math.max(wanted, diversity > 0 ? Math.min(wanted, DIVERSE_MAX) * MMR_POOL : 0);
      const taste = tasteOf().ranker;
      const ranked = taste.rank(input, pool, acceptFor(opts));
      // "because you liked …" names one of the movies that ranked the list
      const profile = taste.profile(input.liked);
      return finish(ranked, { ...opts, limit: wanted - offset, offset }, -1, (row) =>
        taste.closestLiked(profile, row),
      );
    },
    tasteProfile: (liked) => tasteOf().ranker.profile(liked),
    popular: (opts) => cold.list('popular', page(opts, size), acceptFor(opts), opts?.cluster),
    topRated: (opts) => cold.list('topRated', page(opts, size), acceptFor(opts), opts?.cluster),
    hiddenGems: (opts) => {
      const filter = compileFilters(model.catalog, opts?.filters);
      return cold.list('gems', page(opts, size), (i) => cold.isGem(i) && filter(i), opts?.cluster);
    },
  };
}

/**
 * The first `count` of the ranked list with diversity: MMR picks the first DIVERSE_MAX among the top
 * DIVERSE_MAX × MMR_POOL, and the rest follow in relevance order, so the work is bounded by the window.
 */
function diversify(sim: Similarity, ranked: Ranked, count: number, lambda: number): Ranked {
  if (lambda <= 0) return { index: ranked.index.slice(0, count), score: ranked.score.slice(0, count) };
  const window = Math.min(count, DIVERSE_MAX);
  const pool = Math.min(ranked.index.length, window * MMR_POOL);
  const head = mmr(sim, ranked.index.subarray(0, pool), ranked.score.subarray(0, pool), window, lambda);
  if (count <= window) return head;
  const taken = new Set(head.index);
  const index: number[] = Array.from(head.index);
  const score: number[] = Array.from(head.score);
  for (let j = 0; j < ranked.index.length && index.length < count; j++) {
    if (taken.has(ranked.index[j]!)) continue;
    index.push(ranked.index[j]!);
    score.push(ranked.score[j]!);
  }
  return { index: Int32Array.from(index), score: Float32Array.from(score) };
}

/** The first `pool` accepted precomputed neighbours, or undefined when the list can't fill the pool. */
function precomputed(model: Model, row: number, pool: number, accept: RowFilter): Ranked | undefined {
  if (!model.neighbours) return undefined;
  const nb = model.neighbours.row(row);
  const index = new Int32Array(pool);
  const score = new Float32Array(pool);
  let count = 0;
  for (let j = 0; j < nb.index.length && count < pool; j++) {
    const other = nb.index[j]!;
    if (other < 0) break;
    if (!accept(other)) continue;
    index[count] = other;
    score[count++] = nb.score[j]!;
  }
  return count === pool ? { index, score } : undefined;
}

/**
 * A movie's own best `pool` neighbours, which tuning re-ranks: from the precomputed list (filtered) when
 * the model has one, else from the live search.
 */
function ownList(
  model: Model,
  search: CandidateSearch,
  row: number,
  pool: number,
  accept: RowFilter,
): Ranked {
  if (model.neighbours) {
    const nb = model.neighbours.row(row);
    const keep: number[] = [];
    for (let j = 0; j < nb.index.length && nb.index[j]! >= 0 && keep.length < pool; j++) {
      if (accept(nb.index[j]!)) keep.push(j);
    }
    return {
      index: Int32Array.from(keep, (j) => nb.index[j]!),
      score: Float32Array.from(keep, (j) => nb.score[j]!),
    };
  }
  const top = new TopN(Math.min(pool, model.catalog.size - 1));
  search.similar(row, top, accept);
  return top.sorted();
}

/** Similar and taste lists rank `offset + limit` items, so their offset is bounded; cold lists just skip. */
function page(opts: ListOptions | undefined, maxOffset = 10_000) {
  const limit = opts?.limit ?? 10;
  const offset = opts?.offset ?? 0;
  const diversity = opts?.diversity ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new KinemaError('bad-input', `limit must be an integer from 1 to ${MAX_LIMIT}, got ${limit}`);
  }
  if (!Number.isInteger(offset) || offset < 0 || offset > maxOffset) {
    throw new KinemaError('bad-input', `offset must be an integer from 0 to ${maxOffset}, got ${offset}`);
  }
  if (!(diversity >= 0 && diversity <= 1)) {
    throw new KinemaError('bad-input', `diversity must be a number from 0 to 1, got ${diversity}`);
  }
  return { limit, offset, diversity };
}

function checkRow(row: number, size: number, what: string): void {
  if (!Number.isInteger(row) || row < 0 || row >= size) {
    throw new KinemaError('not-found', `${what} ${row} is not a catalog row (the model has ${size} movies)`);
  }
}
