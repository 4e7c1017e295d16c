/** The weights of the pair score: what the build's blend search picks and the manifest records. */
export interface SimilarityWeights {
  /** 1 / (1 + squared distance) in the model's weighted feature space. */
  features: number;
  /** Cosine of the rarity-weighted people vectors. */
  people: number;
  /** 1 for a sequel, prequel or instalment of the same franchise. */
  franchise: number;
  /** The candidate's own quality (Bayesian rating) and popularity (log votes), both in [0, 1]. */
  prior: number;
  /** The candidate's popularity alone (log votes scaled to [0, 1]). */
  popularity: number;
  /** Co-liked similarity, in [0, 1] per query movie. */
  collab: number;
  /** Share of the query movie's likers who also liked the candidate ("people who liked this also liked"). */
  alsoLiked: number;
  /** That share minus the candidate's base rate: what liking the query movie adds (never below 0). */
  lift: number;
  /** Share of the content part that gives way to the collaborative part as its confidence grows. */
  fallback: number;
  /** Likes at which the collaborative part has half its weight. */
  confidence: number;
  /** Taste profiles: weight of the best pair score with a liked movie; the mean has 1 − peak. */
  peak: number;
}
