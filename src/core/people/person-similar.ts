/**
 * "More like this person's films": the "more like this" lists of the person's best-known films (most
 * votes) merged by reciprocal rank, without the person's own films. With precomputed neighbours this is
 * a few row reads; without them it falls back to the recommender's live search.
 */
import type { Model } from '../model.ts';
import type { Recommender } from '../recommend/types.ts';
import { buildFilmography, type Filmography } from './filmography.ts';

/** Films of the person whose lists are merged. */
const SEEDS = 5;
/** Entries read from each seed's list. */
const PER_SEED = 30;

export function personSimilar(
  model: Model,
  recommender: Recommender,
  person: number,
  limit: number,
  films: Filmography = model.people?.filmography ?? buildFilmography(model.people!, model.catalog),
): number[] {
  const own = films.movies.subarray(films.offsets[person]!, films.offsets[person + 1]!);
  const mine = new Set(own);
  const votes = model.catalog.votes;
  const seeds = Array.from(own)
    .sort((a, b) => votes[b]! - votes[a]! || a - b)
    .slice(0, SEEDS);
  const score = new Map<number, number>();
  for (const seed of seeds) {
    const list = neighbourRows(model, recommender, seed);
    list.forEach((row, rank) => {
      if (mine.has(row)) return;
      score.set(row, (score.get(row) ?? 0) + 1 / (rank + 1));
    });
  }
  return [...score]
    .sort((a, b) => b[1] - a[1] || votes[b[0]]! - votes[a[0]]! || a[0] - b[0])
    .slice(0, limit)
    .map(([row]) => row);
}

function neighbourRows(model: Model, recommender: Recommender, seed: number): number[] {
  if (model.neighbours) {
    const rows: number[] = [];
    const nb = model.neighbours.row(seed);
    for (let j = 0; j < nb.index.length && rows.length < PER_SEED; j++) {
      if (nb.index[j]! < 0) break;
      rows.push(nb.index[j]!);
    }
    return rows;
  }
  return recommender.similar(seed, { limit: PER_SEED }).map((r) => r.index);
}
