/**
 * Person → their catalog movies (the transpose of the per-movie people lists), oldest first, and the
 * roles they had in each: what a person page lists. The build stores it in people.bin; a model without
 * it (tests, older folders) gets it computed here once.
 */
import type { Catalog } from '../model-catalog.ts';
import type { Csr, Filmography, People } from '../model-people.ts';

export type { Filmography };

export interface Credit {
  row: number;
  directed: boolean;
  wrote: boolean;
  /** Characters played ("" when not in the cast or not known); `acted` says whether they were cast. */
  acted: boolean;
  characters: string;
  /** name.basics lists the movie among those the person is known for. */
  knownFor: boolean;
}

export function buildFilmography(people: People, catalog: Pick<Catalog, 'size' | 'year'>): Filmography {
  const persons = people.id.length;
  const counts = new Int32Array(persons + 1);
  const roles = [people.directors, people.writers, people.cast, people.known].filter(
    (csr) => csr !== undefined,
  );
  // the movie each person was last met in: a person twice in a movie (director and writer) counts once
  const last = new Int32Array(persons);
  const each = (visit: (movie: number, person: number) => void) => {
    last.fill(-1);
    for (let m = 0; m < catalog.size; m++) {
      for (const csr of roles) {
        for (let k = csr.offsets[m]!; k < csr.offsets[m + 1]!; k++) {
          const p = csr.items[k]!;
          if (last[p] === m) continue;
          last[p] = m;
          visit(m, p);
        }
      }
    }
  };
  each((_, p) => counts[p + 1]!++);
  const offsets = new Int32Array(persons + 1);
  for (let p = 0; p < persons; p++) offsets[p + 1] = offsets[p]! + counts[p + 1]!;
  const movies = new Int32Array(offsets[persons]!);
  const cursor = offsets.slice(0, persons);
  each((m, p) => (movies[cursor[p]!++] = m));
  const year = catalog.year;
  for (let p = 0; p < persons; p++) {
    const from = offsets[p]!;
    const to = offsets[p + 1]!;
    // rows arrive ascending, so a stable sort by year keeps same-year films in row order; most
    // people have a few films, sorted in place by insertion
    if (to - from > 32) {
      const list = movies.subarray(from, to);
      list.set(Array.from(list).sort((a, b) => year[a]! - year[b]! || a - b));
      continue;
    }
    for (let i = from + 1; i < to; i++) {
      const row = movies[i]!;
      let j = i - 1;
      while (j >= from && year[movies[j]!]! > year[row]!) {
        movies[j + 1] = movies[j]!;
        j--;
      }
      movies[j + 1] = row;
    }
  }
  return { offsets, movies };
}

/** What person `p` did in movie `row`, from the movie's own (short) lists. */
export function creditOf(people: People, p: number, row: number): Credit {
  const has = (csr: Csr) => position(csr, row, p) >= 0;
  const at = position(people.cast, row, p);
  return {
    row,
    directed: has(people.directors),
    wrote: has(people.writers),
    acted: at >= 0,
    characters: at >= 0 ? (people.characters?.get(at) ?? '') : '',
    knownFor: people.known ? position(people.known, row, p) >= 0 : false,
  };
}

/** Index into csr.items of person p in movie row's list, or -1. */
function position(csr: Csr, row: number, p: number): number {
  for (let k = csr.offsets[row]!; k < csr.offsets[row + 1]!; k++) if (csr.items[k] === p) return k;
  return -1;
}
