/**
 * People as the API and the pages show them: a person's facts, their catalog films with roles, and
 * "more like this person's films". A person missing from name.basics has no name and no page.
 */
import { KinemaError } from '../core/errors.ts';
import type { People } from '../core/model-people.ts';
import { buildFilmography, creditOf, type Filmography } from '../core/people/filmography.ts';
import { personRow } from '../core/people/lookup.ts';
import { buildNameIndex } from '../core/people/name-index.ts';
import { createNameSearch, type NameSearch } from '../core/people/name-search.ts';
import { personSeeds, personSimilar } from '../core/people/person-similar.ts';
import { fetchNeighbourRows, memo, type LoadedModel } from './loaded-model.ts';
import { clip } from './params.ts';
import { movieSummary, type MovieSummary } from './views.ts';

/** 'known': name.basics lists the film among those the person is known for (no role given). */
export type Role = 'director' | 'writer' | 'cast' | 'known';

export interface PersonSummary {
  id: string;
  name: string;
  /** name.basics primaryProfession, as words: ["director", "writer", "producer"]. */
  professions: string[];
  birthYear: number | null;
  deathYear: number | null;
}

export interface PersonCredit {
  movie: MovieSummary;
  roles: Role[];
  /** Characters played, "Bruce Wayne / Batman" ("" when not cast or not known). */
  characters: string;
}

export interface PersonDetail extends PersonSummary {
  /** Catalog films, oldest first: all of them, or the MAX_CREDITS with the most votes. */
  movies: PersonCredit[];
  /** Catalog films the person has, listed or not. */
  totalMovies: number;
  imdbUrl: string;
}

const ID = /^nm\d{7,10}$/;

/** Person row of an nm id, or a bad-input / not-found error. */
export function personIndex(served: LoadedModel, id: string): number {
  if (!ID.test(id)) {
    throw new KinemaError('bad-input', `invalid person id: ${clip(id)}`, 'ids look like nm0634300');
  }
  const people = served.model.people;
  const row = people ? personRow(people, id) : -1;
  if (row < 0 || people!.name.get(row) === '') {
    throw new KinemaError('not-found', `person ${id} is not in this model`);
  }
  return row;
}

export function personSummary(people: People, p: number): PersonSummary {
  const year = (a: Int16Array | undefined) => (a && a[p]! > 0 ? a[p]! : null);
  const professions = people.professions?.get(p) ?? '';
  return {
    id: people.id.get(p),
    name: people.name.get(p),
    professions: professions ? professions.split(',').map((x) => x.replace(/_/g, ' ')) : [],
    birthYear: year(people.birthYear),
    deathYear: year(people.deathYear),
  };
}

/**
 * Films a person page lists: archive-footage regulars have thousands, which no one reads and which would
 * cost the page its 5 ms budget; the best-known (most votes) are kept, still by year.
 */
export const MAX_CREDITS = 200;

export function personDetail(served: LoadedModel, p: number, limit = MAX_CREDITS): PersonDetail {
  const people = served.model.people!;
  const films = filmographyOf(served);
  const all = films.movies.subarray(films.offsets[p]!, films.offsets[p + 1]!);
  const shown = all.length <= limit ? all : bestKnown(all, served.model.catalog.votes, limit);
  const movies: PersonCredit[] = [];
  for (const row of shown) {
    const credit = creditOf(people, p, row);
    const roles: Role[] = [];
    if (credit.directed) roles.push('director');
    if (credit.wrote) roles.push('writer');
    if (credit.acted) roles.push('cast');
    if (credit.knownFor) roles.push('known');
    movies.push({ movie: movieSummary(served, credit.row), roles, characters: credit.characters });
  }
  return {
    ...personSummary(people, p),
    movies,
    totalMovies: all.length,
    imdbUrl: `https://www.imdb.com/name/${people.id.get(p)}/`,
  };
}

/** The `limit` rows of `rows` with the most votes, in their original (year) order. */
function bestKnown(rows: Int32Array, votes: Int32Array, limit: number): Int32Array {
  // one native sort of packed keys (votes, then position) instead of a comparator sort
  const keys = new Float64Array(rows.length);
  for (let k = 0; k < rows.length; k++) keys[k] = Math.max(0, votes[rows[k]!]!) * 2 ** 24 + (2 ** 24 - 1 - k);
  keys.sort();
  const positions = new Int32Array(limit);
  for (let j = 0; j < limit; j++) positions[j] = 2 ** 24 - 1 - (keys[keys.length - 1 - j]! % 2 ** 24);
  positions.sort();
  return positions.map((k) => rows[k]!);
}

/** "More like this person's films": catalog rows, best first. */
export async function personSimilarRows(served: LoadedModel, p: number, limit: number): Promise<number[]> {
  const films = filmographyOf(served);
  await fetchNeighbourRows(served, personSeeds(served.model, p, films));
  return personSimilar(served.model, served.recommender, p, limit, films);
}

/** People search over the model's names (built on first use when the model does not carry it). */
export function peopleSearch(served: LoadedModel): NameSearch | undefined {
  const people = served.model.people;
  if (!people) return undefined;
  return memo(served, 'people-search', () =>
    createNameSearch(
      people.nameIndex?.() ?? buildNameIndex(people, filmographyOf(served), served.model.catalog),
    ),
  );
}

function filmographyOf(served: LoadedModel): Filmography {
  const people = served.model.people!;
  return (
    people.filmography ?? memo(served, 'filmography', () => buildFilmography(people, served.model.catalog))
  );
}
