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
  films: Filmography = filmographyOf(model),
): number[] {
  // is a candidate the person's own film? Its few credits say so (no Set of thousands of films)
  const people = model.people!;
  const lists = [people.directors, people.writers, people.cast, people.known];
  const isOwn = (row: number) =>
    lists.some((csr) => {
      if (!csr) return false;
      for (let k = csr.offsets[row]!; k < csr.offsets[row + 1]!; k++)
        if (csr.items[k] === person) return true;
      return false;
    });
  const votes = model.catalog.votes;
  const score = new Map<number, number>();
  for (const seed of personSeeds(model, person, films)) {
    const list = neighbourRows(model, recommender, seed);
    list.forEach((row, rank) => {
      if (isOwn(row)) return;
      score.set(row, (score.get(row) ?? 0) + 1 / (rank + 1));
    });
  }
  return [...score]
    .sort((a, b) => b[1] - a[1] || votes[b[0]]! - votes[a[0]]! || a[0] - b[0])
    .slice(0, limit)
    .map(([row]) => row);
}

/** The person's films whose lists are merged: the SEEDS most voted (remote lists fetch their rows). */
export function personSeeds(
  model: Model,
  person: number,
  films: Filmography = filmographyOf(model),
): number[] {
  const own = films.movies.subarray(films.offsets[person]!, films.offsets[person + 1]!);
  const votes = model.catalog.votes;
  // one pass (a prolific person has thousands of films)
  const seeds: number[] = [];
  for (const row of own) {
    let at = seeds.length;
    while (
      at > 0 &&
      (votes[seeds[at - 1]!]! < votes[row]! || (votes[seeds[at - 1]!] === votes[row] && seeds[at - 1]! > row))
    )
      at--;
    if (at < SEEDS) {
      seeds.splice(at, 0, row);
      if (seeds.length > SEEDS) seeds.pop();
    }
  }
  return seeds;
}

// --- internal ---

function filmographyOf(model: Model): Filmography {
  return model.people?.filmography ?? buildFilmography(model.people!, model.catalog);
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
