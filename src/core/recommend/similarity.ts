/**
 * The one pair score every list uses: weighted feature similarity, shared people (rarity weighted),
 * franchise, blended with a quality and popularity prior of the recommended movie. Pure arithmetic over
 * the model's typed arrays. The people and franchise indexes come with a loaded model (built by
 * `kinema build`); an in-memory model builds them on first use.
 */
import type { Model } from '../model.ts';
import { sqDist } from '../../numeric/distance.ts';
import { buildFranchiseIndex, sharedStem, type FranchiseIndex } from './franchise.ts';
import { buildPeopleIndex, peopleCosine, type PeopleIndex } from './people-index.ts';

export interface SimilarityWeights {
  /** 1 / (1 + squared distance) in the model's weighted feature space. */
  features: number;
  /** Cosine of the rarity-weighted people vectors. */
  people: number;
  /** 1 for a sequel, prequel or instalment of the same franchise. */
  franchise: number;
  /** The candidate's own quality (Bayesian rating) and popularity (log votes), both in [0, 1]. */
  prior: number;
}

export const DEFAULT_WEIGHTS: SimilarityWeights = {
  features: 0.5,
  people: 0.25,
  franchise: 0.15,
  prior: 0.1,
};

export interface PairParts {
  features: number;
  people: number;
  franchise: boolean;
}

export interface Similarity {
  model: Model;
  weights: SimilarityWeights;
  /** Per movie prior in [0, 1]: 0.7 × scaled Bayesian rating + 0.3 × scaled log votes. */
  prior: Float32Array;
  people(): PeopleIndex | undefined;
  franchise(): FranchiseIndex;
  /** Score of recommending b to someone looking at a. */
  score(a: number, b: number): number;
  parts(a: number, b: number): PairParts;
}

export function createSimilarity(model: Model, weights: Partial<SimilarityWeights> = {}): Similarity {
  const w = { ...DEFAULT_WEIGHTS, ...weights };
  const { features, d } = model;
  const prior = computePrior(model);
  let peopleIndex: PeopleIndex | undefined = model.people ? model.peopleIndex : undefined;
  let franchiseIndex: FranchiseIndex | undefined = model.franchise;
  const people = () => {
    if (!peopleIndex && model.people) peopleIndex = buildPeopleIndex(model.people, model.catalog.size);
    return peopleIndex;
  };
  const franchise = () => (franchiseIndex ??= buildFranchiseIndex(model.catalog));
  const parts = (a: number, b: number): PairParts => {
    const p = people();
    const shared = p ? peopleCosine(p, a, b) : 0;
    const f = franchise();
    const sameStem = sharedStem(f, a, b);
    return {
      features: 1 / (1 + sqDist(features, a * d, features, b * d, d)),
      people: shared,
      franchise: sameStem && (f.marked[a] === 1 || f.marked[b] === 1 || shared > 0),
    };
  };
  return {
    model,
    weights: w,
    prior,
    people,
    franchise,
    parts,
    // the hot loop of every list: same arithmetic as parts(), without allocating
    score(a, b) {
      const shared = peopleIndex || model.people ? peopleCosine(people()!, a, b) : 0;
      const f = franchiseIndex ?? franchise();
      const same = sharedStem(f, a, b) && (f.marked[a] === 1 || f.marked[b] === 1 || shared > 0);
      return (
        w.features / (1 + sqDist(features, a * d, features, b * d, d)) +
        w.people * shared +
        (same ? w.franchise : 0) +
        w.prior * prior[b]!
      );
    },
  };
}

function computePrior(model: Model): Float32Array {
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
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    out[i] = 0.7 * ((bayes[i]! - lo) / span) + 0.3 * (Math.log10(1 + Math.max(0, votes[i]!)) / logMax);
  }
  return out;
}
