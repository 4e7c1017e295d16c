/**
 * The one pair score every list uses: content (weighted feature similarity, shared people, rarity
 * weighted, and franchise), collaborative similarity (co-liked by MovieLens users, when the model has
 * it) and a quality and popularity prior of the recommended movie. The collaborative part enters in
 * proportion to how many users liked the query movie, likes / (likes + confidence), and feature
 * closeness (genre mix, era, ratings) gives way by `fallback` times the same share; shared people and
 * franchise keep their weight: a movie with no ratings is ranked by content alone, and one
 * with 19 likes almost exactly like one with 20. Pure arithmetic over the model's typed arrays. The people and franchise indexes come with a loaded model (built by
 * `kinema build`); an in-memory model builds them on first use.
 */
import type { Model } from '../model.ts';
import { sqDist } from '../../numeric/distance.ts';
import { rowDistance, type RowDistance } from '../../numeric/row-distance.ts';
import type { SimilarityWeights } from './similarity-weights.ts';
import { buildFranchiseIndex, sharedStem, type FranchiseIndex } from './franchise.ts';
import {
  buildPeopleIndex,
  peopleCosine,
  profilePeople,
  type PeopleIndex,
  type ProfilePeople,
} from './people-index.ts';
import { collabEntry, collabScore, liftAt } from '../collab/lists.ts';

export type { SimilarityWeights };

export const DEFAULT_WEIGHTS: SimilarityWeights = {
  features: 0.5,
  people: 0.25,
  franchise: 0.15,
  prior: 0.1,
  popularity: 0,
  collab: 0,
  alsoLiked: 0,
  lift: 0,
  fallback: 0,
  confidence: 20,
  peak: 0.5,
};

export interface PairParts {
  features: number;
  people: number;
  franchise: boolean;
  /** Collaborative similarity in [0, 1] (0 without MovieLens data). */
  collab: number;
}

export interface Similarity {
  model: Model;
  weights: SimilarityWeights;
  /** Per movie prior in [0, 1]: 0.7 × scaled Bayesian rating + 0.3 × scaled log votes. */
  prior: Float32Array;
  /** Per movie, what the prior and popularity weights add to every pair score with it. */
  bonus: Float32Array;
  /** Per query movie, the weight of its feature closeness: 1 − fallback × confidence (people and franchise keep theirs). */
  contentShare: Float32Array;
  /** Per query movie, the weight of its collaborative part: collab × confidence. */
  collabShare: Float32Array;
  /** Per query movie, the weight of its also-liked share: alsoLiked × confidence. */
  alsoShare: Float32Array;
  /** Per query movie, the weight of its lift: lift × confidence. */
  liftShare: Float32Array;
  /** Whether a's row takes part in its pair scores (some behaviour weight and some likes). */
  usesCollab(a: number): boolean;
  /** What co-likes add to the score of b for a (0 when b is not in a's row). */
  behaviour(a: number, b: number): number;
  people(): PeopleIndex | undefined;
  franchise(): FranchiseIndex;
  /** Score of recommending b to someone looking at a: content(a, b) + behaviour(a, b) + bonus[b]. */
  score(a: number, b: number): number;
  /** The part of the pair score features, people and franchise give. */
  content(a: number, b: number): number;
  /** content(a, b) when the people cosine of a and b is known (`shared`, from `profile`). */
  contentWith(a: number, b: number, shared: number): number;
  /** People cosines of several query movies with any other at once (undefined: the model has no people). */
  profile(liked: readonly number[]): ProfilePeople | undefined;
  /**
   * What content(a, b) is made of, whatever the weights: squared feature distance, people cosine and
   * the franchise link, written at `out[at..at+2]` (a weight search computes them once for every weighting).
   */
  raw(a: number, b: number, out: Float64Array, at: number): void;
  /** content(a, b) from its raw parts. */
  mix(a: number, dist: number, shared: number, same: boolean): number;
  /** behaviour(a, b) when b is entry `at` of a's row (−1: not in it). */
  behaviourAt(a: number, at: number, b: number): number;
  parts(a: number, b: number): PairParts;
  /** The shared people and franchise of parts(a, b), without the features (an explanation's part). */
  links(a: number, b: number): Pick<PairParts, 'people' | 'franchise'>;
}

export function createSimilarity(model: Model, weights: Partial<SimilarityWeights> = {}): Similarity {
  const w = { ...DEFAULT_WEIGHTS, ...weights };
  // features are read on use: a lazily loaded model has them only once a route asked for them
  const { d } = model;
  const { prior, popularity } = computePrior(model);
  const bonus = new Float32Array(prior.length);
  for (let i = 0; i < prior.length; i++) bonus[i] = w.prior * prior[i]! + w.popularity * popularity[i]!;
  const collab = model.collab;
  const contentShare = new Float32Array(prior.length).fill(1);
  const collabShare = new Float32Array(prior.length);
  const alsoShare = new Float32Array(prior.length);
  const liftShare = new Float32Array(prior.length);
  if (collab && w.collab + w.alsoLiked + w.lift > 0) {
    for (let i = 0; i < prior.length; i++) {
      const likes = collab.likes[i]!;
      const c = likes / (likes + w.confidence);
      contentShare[i] = 1 - w.fallback * c;
      collabShare[i] = w.collab * c;
      alsoShare[i] = w.alsoLiked * c;
      liftShare[i] = w.lift * c;
    }
  }
  let peopleIndex: PeopleIndex | undefined = model.people ? model.peopleIndex : undefined;
  let franchiseIndex: FranchiseIndex | undefined = model.franchise;
  const people = () => {
    if (!peopleIndex && model.people) peopleIndex = buildPeopleIndex(model.people, model.catalog.size);
    return peopleIndex;
  };
  const franchise = () => (franchiseIndex ??= buildFranchiseIndex(model.catalog));
  const usesCollab = (a: number) => collabShare[a]! + alsoShare[a]! + liftShare[a]! > 0;
  // what entry `at` of a's row adds: one definition for the lookup and the laid-out table
  const entry = (a: number, at: number, b: number): number => {
    const plain = collabShare[a]! * collab!.scores[at]! + alsoShare[a]! * collab!.shared[at]!;
    const ls = liftShare[a]!;
    return ls > 0 ? plain + ls * liftAt(collab!, at, b) : plain;
  };
  const behaviourAt = (a: number, at: number, b: number): number =>
    at >= 0 && usesCollab(a) ? entry(a, at, b) : 0;
  const behaviour = (a: number, b: number): number =>
    usesCollab(a) ? behaviourAt(a, collabEntry(collab!, a, b), b) : 0;
  // the hot loop of every list: same arithmetic as parts(), without allocating
  const sameLink = (f: FranchiseIndex, a: number, b: number, shared: number) =>
    sharedStem(f, a, b) && (f.marked[a] === 1 || f.marked[b] === 1 || shared > 0);
  const mix = (a: number, dist: number, shared: number, same: boolean): number => {
    const linked = w.people * shared + (same ? w.franchise : 0);
    const close = w.features / (1 + dist);
    return contentShare[a]! * close + linked;
  };
  let distance: RowDistance | undefined;
  // built on the first pair: a recommender that only reads precomputed lists never pays for it
  const dist = (a: number, b: number) => (distance ??= rowDistance(model.features, prior.length, d))(a, b);
  const contentWith = (a: number, b: number, shared: number): number => {
    const same = sameLink(franchiseIndex ?? franchise(), a, b, shared);
    return mix(a, dist(a, b), shared, same);
  };
  const content = (a: number, b: number): number =>
    contentWith(a, b, peopleIndex || model.people ? peopleCosine(people()!, a, b) : 0);
  const raw = (a: number, b: number, out: Float64Array, at: number) => {
    const shared = peopleIndex || model.people ? peopleCosine(people()!, a, b) : 0;
    out[at] = dist(a, b);
    out[at + 1] = shared;
    out[at + 2] = sameLink(franchiseIndex ?? franchise(), a, b, shared) ? 1 : 0;
  };
  const links = (a: number, b: number): Pick<PairParts, 'people' | 'franchise'> => {
    const p = people();
    const shared = p ? peopleCosine(p, a, b) : 0;
    const f = franchise();
    return {
      people: shared,
      franchise: sharedStem(f, a, b) && (f.marked[a] === 1 || f.marked[b] === 1 || shared > 0),
    };
  };
  const parts = (a: number, b: number): PairParts => {
    const { people: shared, franchise: same } = links(a, b);
    const features = model.features;
    return {
      features: 1 / (1 + sqDist(features, a * d, features, b * d, d)),
      people: shared,
      franchise: same,
      collab: collab ? collabScore(collab, a, b) : 0,
    };
  };
  return {
    model,
    weights: w,
    prior,
    bonus,
    contentShare,
    collabShare,
    alsoShare,
    liftShare,
    usesCollab,
    behaviour,
    people,
    franchise,
    links,
    parts,
    content,
    contentWith,
    profile: (liked) => {
      const p = people();
      return p ? profilePeople(p, liked) : undefined;
    },
    raw,
    mix,
    behaviourAt,
    score: (a, b) => content(a, b) + behaviour(a, b) + bonus[b]!,
  };
}

function computePrior(model: Model): { prior: Float32Array; popularity: Float32Array } {
  const { bayes, votes, size } = model.catalog;
  let lo = Infinity;
  let hi = -Infinity;
  let maxVotes = 1;
  for (let i = 0; i < size; i++) {
    lo = Math.min(lo, bayes[i]!);
    hi = Math.max(hi, bayes[i]!);
    maxVotes = Math.max(maxVotes, votes[i]!);
  }
  const span = hi > lo ? hi - lo : 1;
  const logMax = Math.log10(1 + maxVotes);
  const prior = new Float32Array(size);
  const popularity = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    popularity[i] = Math.log10(1 + Math.max(0, votes[i]!)) / logMax;
    prior[i] = 0.7 * ((bayes[i]! - lo) / span) + 0.3 * popularity[i]!;
  }
  return { prior, popularity };
}
