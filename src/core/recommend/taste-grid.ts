/**
 * Taste lists under several weightings at once, for a weight search: each weighting gathers its own
 * candidates exactly as its ranker does, and the weight-free parts of every (liked, candidate) pair
 * (feature distance, people cosine, franchise link, where the candidate sits in the liked movie's
 * co-liked row) are computed once for all of them. Each list is exactly what
 * `createRecommender(model, { tasteWeights }).taste(input, { limit })` gives (no filters, no diversity).
 */
import type { Model } from '../model.ts';
import { TopN } from '../top-n.ts';
import { createCandidateSearch } from './candidates.ts';
import { ACCEPT_ALL } from './filters.ts';
import { ivfFromClusters } from './ivf.ts';
import { createSimilarity } from './similarity.ts';
import type { SimilarityWeights } from './similarity.ts';
import { createTasteRanker, DISLIKE_WEIGHT, layCollabEntries } from './taste.ts';
import type { TasteInput } from './types.ts';

export interface TasteGrid {
  /** The top `limit` rows for `input` under each weighting, in the order the weightings were given. */
  taste(input: TasteInput, limit: number): Int32Array[];
}

export function createTasteGrid(
  model: Model,
  weightings: readonly Partial<SimilarityWeights>[],
  probe = 3,
): TasteGrid {
  const ivf = ivfFromClusters(model);
  const sims = weightings.map((w) => createSimilarity(model, w));
  const rankers = sims.map((s) => createTasteRanker(s, createCandidateSearch(s, ivf, probe)));
  // candidate row → its place in the union + 1 while a profile is scored (0 otherwise)
  const slot = new Int32Array(model.catalog.size);
  let raw = new Float64Array(0);
  let entry = new Int32Array(0);
  return {
    taste(input, limit) {
      const sets = rankers.map((r) => r.candidates(input, ACCEPT_ALL));
      const { liked, disliked } = sets[0] ?? { liked: [], disliked: [] };
      if (liked.length === 0) return sets.map(() => new Int32Array(0));
      const union: number[] = [];
      for (const set of sets) {
        for (const row of set.rows) if (slot[row] === 0) slot[row] = union.push(row);
      }
      const n = union.length;
      const m = liked.length;
      if (entry.length < n * m) {
        entry = new Int32Array(n * m * 2);
        raw = new Float64Array(n * m * 6);
      }
      layCollabEntries(model, liked, slot, entry.subarray(0, n * m));
      const first = sims[0]!;
      for (let i = 0; i < n; i++) {
        for (let li = 0; li < m; li++) first.raw(liked[li]!, union[i]!, raw, (i * m + li) * 3);
      }
      const lists = sets.map(({ rows }, w) => {
        const sim = sims[w]!;
        const { bonus } = sim;
        const peak = sim.weights.peak;
        const top = new TopN(limit);
        for (const row of rows) {
          const i = slot[row]! - 1;
          let max = -Infinity;
          let sum = 0;
          for (let li = 0; li < m; li++) {
            const k = i * m + li;
            const l = liked[li]!;
            const s =
              sim.mix(l, raw[3 * k]!, raw[3 * k + 1]!, raw[3 * k + 2] === 1) +
              sim.behaviourAt(l, entry[k]!, row) +
              bonus[row]!;
            sum += s;
            if (s > max) max = s;
          }
          let penalty = 0;
          for (const x of disliked) penalty = Math.max(penalty, sim.score(x, row));
          top.push(row, peak * max + ((1 - peak) * sum) / m - DISLIKE_WEIGHT * penalty);
        }
        return top.sorted().index;
      });
      for (const row of union) slot[row] = 0;
      return lists;
    },
  };
}
