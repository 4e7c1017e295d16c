/**
 * The 2020 recipe as a baseline: k-means (k = 9) on the original feature preset; a movie's
 * recommendations are the other members of its cluster with the closest distance to the centroid
 * (smallest |Δ distance|). Runs on its own model, mapped onto the evaluated catalog by tconst.
 */
import { KinemaError } from '../errors.ts';
import { tasteFromSimilar } from './taste-from-similar.ts';
import type { Baseline } from './types.ts';

export const originalRecipe: Baseline = (ctx) => {
  const model = ctx.original;
  if (!model) {
    throw new KinemaError(
      'bad-input',
      'the original-recipe baseline needs a model built with the original preset',
    );
  }
  const { catalog } = ctx;
  // eval index -> original index and back (-1 where a movie is missing from one side)
  const toOriginal = Int32Array.from(
    { length: catalog.size },
    (_, i) => model.byId.get(catalog.id.get(i)) ?? -1,
  );
  const fromOriginal = new Int32Array(model.catalog.size).fill(-1);
  toOriginal.forEach((o, i) => o >= 0 && (fromOriginal[o] = i));
  const { cluster, distance } = model.catalog;
  // members of each cluster sorted by distance to the centroid, and each movie's position there
  const members: number[][] = Array.from({ length: model.k }, () => []);
  for (let o = 0; o < model.catalog.size; o++) if (fromOriginal[o]! >= 0) members[cluster[o]!]!.push(o);
  const position = new Int32Array(model.catalog.size);
  for (const list of members) {
    list.sort((a, b) => distance[a]! - distance[b]! || a - b);
    list.forEach((o, p) => (position[o] = p));
  }
  const similar = (item: number, limit: number): number[] => {
    const o = toOriginal[item]!;
    if (o < 0) return [];
    const list = members[cluster[o]!]!;
    const d = distance[o]!;
    const out: number[] = [];
    // walk outwards from the movie's own position: the nearest |Δ distance| come first
    let lo = position[o]! - 1;
    let hi = position[o]! + 1;
    while (out.length < limit && (lo >= 0 || hi < list.length)) {
      const dLo = lo >= 0 ? d - distance[list[lo]!]! : Infinity;
      const dHi = hi < list.length ? distance[list[hi]!]! - d : Infinity;
      const next = dLo <= dHi ? list[lo--]! : list[hi++]!;
      out.push(fromOriginal[next]!);
    }
    return out;
  };
  return {
    similar,
    taste: (liked, exclude, limit) => tasteFromSimilar(similar, liked, exclude, limit),
  };
};
