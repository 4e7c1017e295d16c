/**
 * Item-kNN collaborative filtering, the upper reference: a movie is its vector of training ratings
 * over users, similarity is the cosine of those vectors, and a taste profile sums the similarity
 * rows of the liked movies. Rows are computed on demand from the sparse ratings (no n×n matrix).
 */
import { itemColumns, raterCounts } from '../collab/ratings.ts';
import { topK } from './top-k.ts';
import type { Baseline } from './types.ts';

export const itemKnn: Baseline = (ctx) => {
  const m = ctx.train;
  const n = m.catalogSize;
  const cols = itemColumns(m);
  const norm = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = cols.offsets[i]!; p < cols.offsets[i + 1]!; p++) s += cols.values[p]! ** 2;
    norm[i] = Math.sqrt(s);
  }
  const raters = raterCounts(m);
  // scratch, allocated once and reset after each list: per-user weights and per-item scores
  const userWeight = new Float64Array(m.userIds.length);
  const userMark = new Uint8Array(m.userIds.length);
  const users: number[] = [];
  const acc = new Float64Array(n);
  const itemMark = new Uint8Array(n);
  const touched: number[] = [];

  /**
   * Σ_l cos(l, j) over the given items l, for every j at once: cos(l, j) = Σ_u r_ul·r_uj / (|l|·|j|),
   * so first fold the items into one weight per user, w_u = Σ_l r_ul / |l|, then pass over each
   * weighted user's ratings once; take() divides by |j|.
   */
  const accumulate = (items: readonly number[]) => {
    for (const l of items) {
      const scale = 1 / norm[l]!;
      for (let p = cols.offsets[l]!; p < cols.offsets[l + 1]!; p++) {
        const u = cols.users[p]!;
        if (!userMark[u]) {
          userMark[u] = 1;
          users.push(u);
        }
        userWeight[u]! += cols.values[p]! * scale;
      }
    }
    for (const u of users) {
      const w = userWeight[u]!;
      for (let q = m.offsets[u]!; q < m.offsets[u + 1]!; q++) {
        const j = m.items[q]!;
        if (!itemMark[j]) {
          itemMark[j] = 1;
          touched.push(j);
        }
        acc[j]! += w * m.values[q]!;
      }
      userWeight[u] = 0;
      userMark[u] = 0;
    }
    users.length = 0;
  };
  const take = (limit: number, skip: (i: number) => boolean): number[] => {
    for (const j of touched) acc[j] = acc[j]! / norm[j]!;
    const best = topK(acc, limit, { candidates: touched, skip, tie: raters });
    for (const j of touched) {
      acc[j] = 0;
      itemMark[j] = 0;
    }
    touched.length = 0;
    return best;
  };
  return {
    similar(item, limit) {
      accumulate([item]);
      return take(limit, (i) => i === item);
    },
    taste(liked, exclude, limit) {
      accumulate(liked);
      return take(limit, (i) => exclude.has(i));
    },
  };
};
