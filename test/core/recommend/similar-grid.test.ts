import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixtureModel, type FixtureMovie } from '../../helpers/fixture-model.ts';
import { createRandom } from '../../../src/numeric/random.ts';
import { ratingsMatrix, type RatingTriple } from '../../../src/core/collab/ratings.ts';
import { trainCollab } from '../../../src/core/collab/train.ts';
import { withCollab } from '../../../src/core/eval/hybrid.ts';
import { CONTENT_SIMILAR_GRID, SIMILAR_GRID } from '../../../src/core/eval/blend-search.ts';
import { createRecommender } from '../../../src/core/recommend/index.ts';
import { createSimilarGrid } from '../../../src/core/recommend/similar-grid.ts';
import type { SimilarityWeights } from '../../../src/core/recommend/similarity.ts';

const GENRES = ['Drama', 'Comedy', 'Action', 'Crime', 'Horror', 'Romance', 'Sci-Fi', 'Animation'];

/** 400 seeded movies sharing directors, casts and title stems, and users who like some of them. */
function world() {
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

test('one pass gives every weighting exactly the list its own recommender gives', () => {
  const { model, ratings } = world();
  const tuned = withCollab(model, trainCollab(ratings));
  // the build's grids, plus weightings that disagree on using co-likes at all
  const mixed: Partial<SimilarityWeights>[] = [{ collab: 0 }, { collab: 1, fallback: 1 }, { popularity: 3 }];
  for (const [m, grid] of [
    [tuned, [...SIMILAR_GRID, ...mixed]],
    [withCollab(model, undefined), CONTENT_SIMILAR_GRID],
  ] as const) {
    const lists = createSimilarGrid(m, grid);
    const recs = grid.map((weights) => createRecommender(m, { weights }));
    let differ = 0;
    for (let q = 0; q < m.catalog.size; q += 7) {
      const got = lists.similar(q, 10);
      recs.forEach((rec, w) => {
        const want = rec.similar(q, { limit: 10 }).map((r) => r.index);
        assert.deepEqual([...got[w]!], want, `movie ${q}, weighting ${JSON.stringify(grid[w])}`);
      });
      if (got.some((l) => l.join() !== got[0]!.join())) differ++;
    }
    // the weightings really rank differently, so the equality above means something
    assert.ok(differ > 10, `lists differ between weightings for ${differ} queries`);
  }
});

test('a model with precomputed neighbours is refused', () => {
  const { model } = world();
  const withLists = {
    ...model,
    neighbours: { n: 1, row: () => ({ index: new Int32Array(1), score: new Float32Array(1) }) },
  };
  assert.throws(() => createSimilarGrid(withLists, [{}]), /without precomputed neighbours/);
});
