/**
 * The recommender's public surface, shared by the CLI, the site, the API, Lambda and eval.
 * Movies are addressed by catalog row index (Model.byId maps tconst → index).
 */
import type { Genre } from '../genres.ts';
import type { Tune } from './tune.ts';

/** Genres include = at least one of them; exclude = none of them. Ranges are inclusive. */
export interface Filters {
  genresInclude?: Genre[];
  genresExclude?: Genre[];
  yearMin?: number;
  yearMax?: number;
  ratingMin?: number;
  votesMin?: number;
  runtimeMin?: number;
  runtimeMax?: number;
}

export interface ListOptions {
  limit?: number;
  offset?: number;
  filters?: Filters;
  /** MMR trade-off in [0, 1]: 0 = pure relevance (default), higher = more varied lists. */
  diversity?: number;
  /** Hidden gems only: at most the catalog's median votes and a Bayesian rating above the mean. */
  gems?: boolean;
  /** Similar lists: "like this, but…" moves and sliders re-ranking the movie's own neighbours. */
  tune?: Tune;
}

export interface PersonRef {
  id: string;
  name: string;
  role: 'director' | 'writer' | 'cast';
}

/** Why a movie was recommended, as data and as one short sentence. */
export interface Explanation {
  sharedGenres: Genre[];
  sharedPeople: PersonRef[];
  sameFranchise: boolean;
  /** Both released within a few years of each other. */
  sameEra: boolean;
  similarRating: boolean;
  sameCluster: boolean;
  /** Share of the users who liked the query movie that also liked this one (0 without MovieLens). */
  likedAlso: number;
  /** The reason that added most to the score, which the sentence leads with. */
  lead: 'franchise' | 'people' | 'collab' | 'content';
  /** Taste lists: the liked movie (catalog row) this one is closest to. */
  because?: number;
  sentence: string;
}

export interface Recommendation {
  index: number;
  score: number;
  explanation: Explanation;
}

export interface TasteInput {
  liked: number[];
  disliked?: number[];
  /** Seen or not-interested: excluded from results, no influence on taste. */
  seen?: number[];
}

export interface Recommender {
  /** More like this: precomputed neighbours when available, filtered. */
  similar(index: number, options?: ListOptions): Recommendation[];
  /**
   * Whether similar(index, options) reads no more than the movie's precomputed row, the catalog and
   * its explanations' lists: no diversity, no tuning, and a list the filters leave full (a lazily
   * loaded model then needs no more sections). Needs the row fetched, as similar does.
   */
  similarFromList(index: number, options?: ListOptions): boolean;
  /** Recommendations from several liked (and optionally disliked) movies, excluding the inputs. */
  taste(input: TasteInput, options?: ListOptions): Recommendation[];
  /** The liked movies whose neighbour lists a taste ranking reads (the first few distinct). */
  tasteProfile(liked: readonly number[]): number[];
  /** Cold start lists; `cluster` restricts to one cluster. */
  popular(options?: ListOptions & { cluster?: number }): number[];
  topRated(options?: ListOptions & { cluster?: number }): number[];
  hiddenGems(options?: ListOptions & { cluster?: number }): number[];
}
