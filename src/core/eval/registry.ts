/** Every strategy `kinema eval` compares, in table order: references first, kinema, then the CF ceiling. */
import { mostPopular, random, weightedRating } from './baselines.ts';
import { genreJaccard } from './genre-jaccard.ts';
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
  { name: 'item-kNN CF (upper ref.)', make: itemKnn, usesRatings: true },
];
