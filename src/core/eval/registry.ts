/**
 * Every strategy `kinema eval` compares, in table order: references first, kinema, then the pure
 * collaborative rows (item-kNN cosine is the reference the issue tracker measured against).
 */
import { mostPopular, random, weightedRating } from './baselines.ts';
import { collabBaseline } from './collab.ts';
import { genreJaccard } from './genre-jaccard.ts';
import { hybridBaseline, imdbOnlyBaseline } from './hybrid.ts';
import { itemKnn } from './item-knn.ts';
import { kinemaDefault } from './kinema.ts';
import { originalRecipe } from './original-recipe.ts';
import type { NamedBaseline } from './types.ts';

export const BASELINES: readonly NamedBaseline[] = [
  { name: 'random', make: random },
  { name: 'most popular (IMDb votes)', make: mostPopular },
  { name: 'IMDb weighted rating', make: weightedRating },
  { name: 'original recipe (k=9)', make: originalRecipe },
  { name: 'genre Jaccard', make: genreJaccard },
  { name: 'kinema default', make: kinemaDefault },
  { name: 'kinema IMDb-only', make: imdbOnlyBaseline, usesRatings: true },
  { name: 'kinema hybrid', make: hybridBaseline(), usesRatings: true },
  { name: 'item-kNN CF (reference)', make: itemKnn, usesRatings: true },
  { name: 'CF cosine, shrink 10', make: collabBaseline({ method: 'cosine', shrink: 10 }), usesRatings: true },
  { name: 'CF RP3beta', make: collabBaseline({ method: 'rp3beta' }), usesRatings: true },
  { name: 'CF EASE', make: collabBaseline({ method: 'ease' }), usesRatings: true },
];
