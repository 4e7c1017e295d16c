/** A seeded 400-movie world with shared people and title stems, and users who like some of its movies. */
import { fixtureModel, type FixtureMovie } from './fixture-model.ts';
import { createRandom } from '../../src/numeric/random.ts';
import { ratingsMatrix, type RatingTriple } from '../../src/core/collab/ratings.ts';

const GENRES = ['Drama', 'Comedy', 'Action', 'Crime', 'Horror', 'Romance', 'Sci-Fi', 'Animation'];

/** 400 seeded movies sharing directors, casts and title stems, and users who like some of them. */
export function world() {
  const rng = createRandom(7);
  const pick = <T>(xs: readonly T[]) => xs[rng.int(xs.length)]!;
  const movies: FixtureMovie[] = Array.from({ length: 400 }, (_, i) => ({
    id: `tt${String(1_000_000 + i)}`,
    title: `${pick(['Night', 'Blue', 'Iron', 'Lost', 'Red', 'Last'])} ${pick(['River', 'City', 'Heart', 'Road'])}${rng.next() < 0.2 ? ' 2' : ''}`,
    year: 1950 + rng.int(75),
    runtime: 80 + rng.int(90),
    genres: [pick(GENRES), pick(GENRES)],
    rating: 4 + rng.next() * 5,
    votes: Math.round(10 ** (2 + rng.next() * 4)),
    directors: [`Director ${rng.int(60)}`],
    cast: [`Actor ${rng.int(150)}`, `Actor ${rng.int(150)}`],
  }));
  const model = fixtureModel(movies, 6, 3);
  const triples: RatingTriple[] = [];
  for (let u = 0; u < 300; u++) {
    const taste = rng.int(GENRES.length);
    for (let r = 0; r < 25; r++) {
      const item = rng.int(movies.length);
      const likes = movies[item]!.genres.includes(GENRES[taste]!);
      triples.push({ userId: u + 1, item, rating: likes ? 4 + rng.int(2) : 1 + rng.int(3) });
    }
  }
  return { model, ratings: ratingsMatrix(triples, movies.length) };
}
