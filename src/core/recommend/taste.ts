/**
 * Taste profiles: recommendations from several liked movies, pushed away from disliked ones, never
 * returning an input or a seen movie. Candidates: each liked movie's precomputed neighbours (without
 * them: movies sharing people or a franchise with it), and the movies closest to the profile's mean feature vector in
 * the nearest clusters. Each candidate scores peak·max + (1 − peak)·mean of its pair scores with the liked movies,
 * minus ½·max with the disliked ones (the peak weight, ½ by default, is chosen by the build's blend).
 */
import type { CandidateSearch } from './candidates.ts';
import type { Model } from '../model.ts';
import type { RowFilter } from './filters.ts';
import type { Similarity } from './similarity.ts';
import { TopN } from '../top-n.ts';
import type { TasteInput } from './types.ts';

/** Movies taken from the scan around the profile's mean vector. */
const MEAN_CANDIDATES = 300;
/**
 * The movies with the largest prior join the candidates when the weights give the prior a part: a
 * well-loved film one step outside every liked movie's list can still win on the blend.
 */
const PRIOR_CANDIDATES = 200;
export const DISLIKE_WEIGHT = 0.5;
/** Rows scanned around the mean vector: the nearest clusters, an even sample of one too big to fit. */
const MEAN_SCAN_ROWS = 20_000;
/** Profiles up to this size scan all MEAN_SCAN_ROWS; a larger one scans in proportion. */
const MEAN_SCAN_FULL = 10;
/**
 * Liked (and disliked) movies that shape a ranking: the first given, which callers make their most
 * telling (the site sends its latest picks first, an import its best rated). Scoring costs
 * candidates × profile movies and candidates grow with the profile, so a history of hundreds would
 * cost a second; the rest are still never recommended.
 */
export const PROFILE_MAX = 50;
/**
 * Entries taken from all the liked movies' lists together: each gives its best ⌈LIST_BUDGET / liked⌉
 * neighbours and co-liked movies, so a profile of up to 10 gives its whole lists, one of 50 its best
 * 20. A movie deep in one list of a long profile cannot win a mean over all of them, and every
 * candidate costs a pair score with each liked movie.
 */
export const LIST_BUDGET = 1000;

export interface TasteCandidates {
  liked: number[];
  disliked: number[];
  rows: number[];
}

export interface TasteRanker {
  rank(input: TasteInput, pool: number, accept: RowFilter): { index: Int32Array; score: Float32Array };
  /** The movies `rank` scores for `input`, in the order it scores them. */
  candidates(input: TasteInput, accept: RowFilter): TasteCandidates;
  /** The liked movie `row` scores highest with (for "because you liked …"). */
  closestLiked(liked: readonly number[], row: number): number;
  /** The movies of a list (liked or disliked) that shape a ranking: the first `profileMax` distinct. */
  profile(rows: readonly number[]): number[];
}

export function createTasteRanker(
  sim: Similarity,
  search: CandidateSearch,
  profileMax = PROFILE_MAX,
): TasteRanker {
  const { model } = sim;
  const { d } = model;
  const mean = new Float32Array(d);
  const near = new TopN(MEAN_CANDIDATES);
  let byPrior: Int32Array | undefined;
  const priorRows = (): Int32Array => {
    if (!byPrior) {
      const top = new TopN(PRIOR_CANDIDATES);
      for (let i = 0; i < sim.bonus.length; i++) top.push(i, sim.bonus[i]!);
      byPrior = top.sorted().index;
    }
    return byPrior;
  };
  const priorCounts = sim.weights.prior + sim.weights.popularity > 0;
  // candidate row → its position + 1 while a profile is scored (0 otherwise)
  const slot = new Int32Array(model.catalog.size);
  let entry = new Int32Array(0);
  let base = new Float64Array(0);
  let shared = new Float64Array(0);
  const profile = (rows: readonly number[]) => [...new Set(rows)].slice(0, profileMax);
  const gather = (input: TasteInput, accept: RowFilter): TasteCandidates => {
    const liked = profile(input.liked);
    const disliked = profile(input.disliked ?? []);
    const candidates: number[] = [];
    search.begin();
    for (const row of [...input.liked, ...(input.disliked ?? []), ...(input.seen ?? [])])
      search.visitOnce(row);
    const add = (row: number) => {
      if (accept(row)) candidates.push(row);
    };
    const nb = model.neighbours;
    const collab = model.collab;
    const depth = Math.ceil(LIST_BUDGET / liked.length);
    const best = new TopN(depth);
    for (const l of liked) {
      if (collab && sim.usesCollab(l)) {
        const start = collab.offsets[l]!;
        const end = collab.offsets[l + 1]!;
        // the row is in movie order: its best `depth` by what they add to the pair score
        best.clear();
        if (end - start > depth)
          for (let p = start; p < end; p++) best.push(p, sim.behaviourAt(l, p, collab.items[p]!));
        const picked = end - start > depth ? best.sorted().index : undefined;
        for (let q = 0; q < (picked ? picked.length : end - start); q++) {
          const other = collab.items[picked ? picked[q]! : start + q]!;
          if (search.visitOnce(other)) add(other);
        }
      }
      if (nb) {
        const row = nb.row(l).index;
        for (let q = 0; q < Math.min(depth, row.length); q++) {
          const other = row[q]!;
          if (other < 0) break;
          if (search.visitOnce(other)) add(other);
        }
      }
      // precomputed lists already hold each movie's best people and franchise matches
      else search.collectLinked(l, add);
    }
    if (priorCounts) for (const row of priorRows()) if (search.visitOnce(row)) add(row);
    // the rows nearest the mean taste vector, from the clusters nearest to it; a profile whose
    // liked movies are ranked mostly by co-likes gets few of its picks from there, and scans less,
    // as does one of more than MEAN_SCAN_FULL movies, whose lists bring candidates enough
    let contentLed = 0;
    for (const l of liked) contentLed += sim.contentShare[l]! / liked.length;
    // read per call: a lazily loaded model has it only once a route asked for it
    const features = model.features;
    mean.fill(0);
    for (const l of liked) for (let j = 0; j < d; j++) mean[j]! += features[l * d + j]! / liked.length;
    near.clear();
    search.collectLists(
      mean,
      0,
      (row) => {
        if (!accept(row)) return;
        // stop summing once the row is farther than the farthest kept one
        const limit = -near.threshold;
        const bo = row * d;
        let dist = 0;
        for (let q = 0; q < d && dist < limit; q++) {
          const t = mean[q]! - features[bo + q]!;
          dist += t * t;
        }
        if (dist < limit) near.push(row, -dist);
      },
      Math.ceil(MEAN_SCAN_ROWS * contentLed * Math.min(1, MEAN_SCAN_FULL / liked.length) ** 2),
    );
    // collectLists marked every scanned row; the kept ones join the candidates
    for (let j = 0; j < near.size; j++) candidates.push(near.index[j]!);
    return { liked, disliked, rows: candidates };
  };
  return {
    profile,
    candidates: gather,
    rank(input, pool, accept) {
      const { liked, disliked, rows: candidates } = gather(input, accept);
      // each liked movie's co-liked row laid out by candidate once (a candidates × liked table), so
      // a pair's score needs no search of that row; the pairs are then scored candidate by candidate,
      // which reads each candidate's features and people once
      const n = candidates.length;
      const m = liked.length;
      const bonus = sim.bonus;
      if (entry.length < n * m) entry = new Int32Array(n * m * 2);
      for (let i = 0; i < n; i++) slot[candidates[i]!] = i + 1;
      layCollabEntries(model, liked, slot, entry.subarray(0, n * m));
      for (let i = 0; i < n; i++) slot[candidates[i]!] = 0;
      const top = new TopN(pool);
      const peak = sim.weights.peak;
      if (base.length < n) base = new Float64Array(n * 2);
      // every liked movie's people cosine with a candidate, from one pass over the candidate's people
      const people = sim.profile(liked);
      if (shared.length < m) shared = new Float64Array(m * 2);
      for (let i = 0; i < n; i++) {
        const row = candidates[i]!;
        let max = -Infinity;
        let sum = 0;
        if (people) people.cosines(row, shared);
        for (let li = 0; li < m; li++) {
          const l = liked[li]!;
          const s =
            sim.contentWith(l, row, people ? shared[li]! : 0) +
            sim.behaviourAt(l, entry[i * m + li]!, row) +
            bonus[row]!;
          sum += s;
          if (s > max) max = s;
        }
        base[i] = peak * max + ((1 - peak) * sum) / m;
      }
      if (disliked.length === 0) {
        for (let i = 0; i < n; i++) top.push(candidates[i]!, base[i]!);
        return top.sorted();
      }
      // a dislike only lowers a score: best first, stop once no later candidate can enter
      const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => base[b]! - base[a]!);
      const against = sim.profile(disliked);
      if (shared.length < disliked.length) shared = new Float64Array(disliked.length * 2);
      for (const i of order) {
        if (Math.fround(base[i]!) < top.threshold) break;
        const row = candidates[i]!;
        if (against) against.cosines(row, shared);
        let penalty = 0;
        for (let xi = 0; xi < disliked.length; xi++) {
          const x = disliked[xi]!;
          // sim.score(x, row), with the people part from the profile pass
          const s = sim.contentWith(x, row, against ? shared[xi]! : 0) + sim.behaviour(x, row) + bonus[row]!;
          penalty = Math.max(penalty, s);
        }
        top.push(row, base[i]! - DISLIKE_WEIGHT * penalty);
      }
      return top.sorted();
    },
    closestLiked(liked, row) {
      let best = liked[0]!;
      let bestScore = -Infinity;
      for (const l of liked) {
        const s = sim.score(l, row);
        if (s > bestScore) {
          bestScore = s;
          best = l;
        }
      }
      return best;
    },
  };
}

/**
 * For a candidates × liked table: `entries[i·m + li]` = the position of candidate i in liked movie
 * li's co-liked row, or −1. `slot` maps a candidate row to i + 1 (0: not a candidate).
 */
export function layCollabEntries(
  model: Model,
  liked: readonly number[],
  slot: Int32Array,
  entries: Int32Array,
): void {
  entries.fill(-1);
  const collab = model.collab;
  if (!collab) return;
  const m = liked.length;
  liked.forEach((l, li) => {
    for (let p = collab.offsets[l]!; p < collab.offsets[l + 1]!; p++) {
      const i = slot[collab.items[p]!]!;
      if (i > 0) entries[(i - 1) * m + li] = p;
    }
  });
}
