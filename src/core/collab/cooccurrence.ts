/**
 * Item-to-item collaborative neighbours from co-liked movies, one row at a time: for movie i, every
 * movie j liked by someone who liked i gathers Σ_u w(u) over those users, then a per-pair rule turns
 * the sum into a similarity. Item-kNN cosine with shrinkage and RP3beta are two such rules.
 */
import type { CollabListsBuilder } from './lists.ts';
import type { Liked } from './liked.ts';

export interface CooccurrenceRule {
  /** Weight of one user's co-like (1 for plain counts). */
  user(u: number, degree: number): number;
  /** Similarity of i to j from the summed co-likes. */
  pair(sum: number, i: number, j: number): number;
}

export interface CooccurrenceOptions {
  /** Rows [start, end) (the whole catalog by default), so threads can split the work. */
  range?: [number, number];
  /** Movies whose rows another method writes (EASE's): left out, as they are the costliest to sum. */
  skip?: Int32Array;
}

export function cooccurrenceRows(
  liked: Liked,
  rule: CooccurrenceRule,
  builder: CollabListsBuilder,
  { range = [0, liked.items], skip }: CooccurrenceOptions = {},
): void {
  const { userOffsets, userItems, itemOffsets, itemUsers, counts } = liked;
  const userWeight = new Float64Array(liked.users);
  for (let u = 0; u < liked.users; u++) userWeight[u] = rule.user(u, userOffsets[u + 1]! - userOffsets[u]!);
  const acc = new Float64Array(liked.items);
  const co = new Float64Array(liked.items);
  const touched: number[] = [];
  const skipped = new Uint8Array(liked.items);
  for (const i of skip ?? []) skipped[i] = 1;
  for (let i = range[0]; i < range[1]; i++) {
    if (counts[i] === 0 || skipped[i] === 1) continue;
    for (let p = itemOffsets[i]!; p < itemOffsets[i + 1]!; p++) {
      const u = itemUsers[p]!;
      const w = userWeight[u]!;
      for (let q = userOffsets[u]!; q < userOffsets[u + 1]!; q++) {
        const j = userItems[q]!;
        if (co[j] === 0) touched.push(j);
        acc[j]! += w;
        co[j]!++;
      }
    }
    for (const j of touched) acc[j] = rule.pair(acc[j]!, i, j);
    builder.setRow(i, acc, touched, co, counts[i]!);
    for (const j of touched) {
      acc[j] = 0;
      co[j] = 0;
    }
    touched.length = 0;
  }
}

/** Item-kNN cosine of binary like vectors, damped for pairs few users share: c / (√(nᵢnⱼ) + h). */
export function cosineRule(liked: Liked, shrink: number): CooccurrenceRule {
  const { counts } = liked;
  return {
    user: () => 1,
    pair: (c, i, j) => c / (Math.sqrt(counts[i]! * counts[j]!) + shrink),
  };
}

/**
 * RP3beta (Paudel et al. 2016): a walk item → user → item with transition probabilities raised to α,
 * divided by the target's popularity^β. The 1/nᵢ^α factor of the first step is the same over a row,
 * and rows are scaled to their best score, so it is left out.
 */
export function rp3betaRule(liked: Liked, alpha: number, beta: number): CooccurrenceRule {
  const { counts } = liked;
  return {
    user: (_u, degree) => degree ** -alpha,
    pair: (s, _i, j) => s / counts[j]! ** beta,
  };
}
