/** The JSON shapes of movies, shared by the API and the pages (one source for both). */
import { genreNames, type Genre } from '../core/genres.ts';
import type { Csr } from '../core/model-people.ts';
import type { Explanation, Recommendation } from '../core/recommend/types.ts';
import type { LoadedModel } from './loaded-model.ts';

export interface MovieSummary {
  id: string;
  title: string;
  year: number;
  genres: Genre[];
  rating: number;
  votes: number;
  cluster: number;
  poster: string;
}

export interface Person {
  id: string;
  name: string;
}

/** A top-billed actor and the characters they play ("" when IMDb lists none). */
export interface CastMember extends Person {
  characters: string;
}

export interface MovieDetail extends MovieSummary {
  originalTitle: string;
  runtime: number;
  bayes: number;
  clusterName: string;
  directors: Person[];
  writers: Person[];
  cast: CastMember[];
  /** People name.basics says are known for this film, beyond those listed above. */
  knownFor: Person[];
  imdbUrl: string;
}

/** An explanation with the liked movie it refers to as a tt id instead of a catalog row. */
export type ExplanationView = Omit<Explanation, 'because'> & { because?: string };

export interface RecommendationView {
  movie: MovieSummary;
  score: number;
  explanation: ExplanationView;
}

export function movieSummary(served: LoadedModel, i: number): MovieSummary {
  return summary(served, i, undefined);
}

/** A search hit: the summary and its score (rounded), in one object. */
export function scoredSummary(
  served: LoadedModel,
  i: number,
  score: number,
): MovieSummary & { score: number } {
  return summary(served, i, round(score, 4));
}

export function movieDetail(served: LoadedModel, i: number): MovieDetail {
  const c = served.model.catalog;
  const people = served.model.people;
  // people missing from name.basics have no name: left out, never shown as a raw nm id
  const pick = (csr: Csr | undefined, max: number): Person[] => {
    if (!csr || !people) return [];
    const out: Person[] = [];
    for (let k = csr.offsets[i]!; k < csr.offsets[i + 1]! && out.length < max; k++) {
      const p = csr.items[k]!;
      const name = people.name.get(p);
      if (name) out.push({ id: people.id.get(p), name });
    }
    return out;
  };
  const cast: CastMember[] = [];
  if (people) {
    const csr = people.cast;
    for (let k = csr.offsets[i]!; k < csr.offsets[i + 1]! && cast.length < 10; k++) {
      const p = csr.items[k]!;
      const name = people.name.get(p);
      if (name) cast.push({ id: people.id.get(p), name, characters: people.characters?.get(k) ?? '' });
    }
  }
  const directors = pick(people?.directors, 5);
  const writers = pick(people?.writers, 5);
  const listed = new Set([...directors, ...writers, ...cast].map((p) => p.id));
  const knownFor = pick(people?.known, 10).filter((p) => !listed.has(p.id));
  return {
    ...movieSummary(served, i),
    originalTitle: c.originalTitle.get(i),
    runtime: c.runtime[i]!,
    bayes: round(c.bayes[i]!, 2),
    clusterName: served.clusters[c.cluster[i]!]?.name ?? `Cluster ${c.cluster[i]!}`,
    directors,
    writers,
    cast,
    knownFor,
    imdbUrl: `https://www.imdb.com/title/${c.id.get(i)}/`,
  };
}

export function recommendationView(served: LoadedModel, r: Recommendation): RecommendationView {
  const e = r.explanation;
  // one literal (a rest/spread copy is V8's slow path); an undefined `because` is left out of JSON
  const explanation: ExplanationView = {
    sharedGenres: e.sharedGenres,
    sharedPeople: e.sharedPeople,
    sameFranchise: e.sameFranchise,
    sameEra: e.sameEra,
    similarRating: e.similarRating,
    sameCluster: e.sameCluster,
    likedAlso: round(e.likedAlso, 3),
    lead: e.lead,
    because: e.because === undefined ? undefined : served.model.catalog.id.get(e.because),
    sentence: e.sentence,
  };
  return { movie: movieSummary(served, r.index), score: round(r.score, 4), explanation };
}

export function formatVotes(votes: number): string {
  if (votes >= 1e6) return `${(votes / 1e6).toFixed(1)}M`;
  if (votes >= 1e3) return `${Math.round(votes / 1e3)}k`;
  return String(votes);
}

/**
 * One literal for both shapes: building a summary and spreading it into another object with a score
 * takes V8's slow path on every hit. An undefined score stays out of JSON.
 */
function summary<S extends number | undefined>(
  served: LoadedModel,
  i: number,
  score: S,
): MovieSummary & { score: S } {
  const c = served.model.catalog;
  const id = c.id.get(i);
  return {
    id,
    title: c.title.get(i),
    year: c.year[i]!,
    genres: genreNames(c.genres[i]!),
    rating: round(c.rating[i]!, 1),
    votes: c.votes[i]!,
    cluster: c.cluster[i]!,
    poster: `/poster/${id}.svg`,
    score,
  };
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
