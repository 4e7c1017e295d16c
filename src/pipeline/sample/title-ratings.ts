/**
 * title.ratings: ~14% of titles (half the movies, few episodes; none unreleased). Ratings ≈ N(6.2, 1.2)
 * with one decimal in 1.0–10.0; vote counts are Pareto-tailed from IMDb's minimum of 5: most titles have
 * under 100 votes, a few hundred have over a million.
 */
import { RowRandom, SALT } from './row-random.ts';
import type { SampleTable } from './table.ts';
import { T, tconst, titleType, titleYear, type SampleShape } from './titles.ts';

// chance of a rating, by TITLE_TYPES index
const RATED = [0.09, 0.18, 0.5, 0.2, 0.4, 0.5, 0.45, 0.3, 0.35, 0.2, 0.5];
const MAX_VOTES = 3_100_000;

export const titleRatings: SampleTable = {
  name: 'title.ratings',
  units: (shape) => shape.titles,
  rows(shape, from, to, count) {
    const r = new RowRandom();
    let out = '';
    for (let i = from; i < to; i++) {
      const rated = titleRating(shape, i, r);
      if (!rated) continue;
      out += `${tconst(shape.seed, i)}\t${(rated.rating / 10).toFixed(1)}\t${rated.votes}\n`;
      count.rows++;
    }
    return out;
  },
};

/**
 * Title i's rating (×10, 10–100) and votes, or undefined when it has none. The MovieLens sample reads the
 * same numbers, so its popularity and star ratings follow them. `r` is scratch.
 */
export function titleRating(
  shape: SampleShape,
  i: number,
  r: RowRandom,
): { rating: number; votes: number } | undefined {
  const { seed } = shape;
  const type = titleType(seed, i);
  const year = titleYear(shape, i, type);
  r.at(seed, SALT.ratings, i);
  const p = year > shape.year ? 0 : year === 0 ? RATED[type]! * 0.3 : RATED[type]!;
  if (!r.chance(p)) return undefined;
  const rating = Math.min(100, Math.max(10, Math.round(62 + 12 * r.normal())));
  // Pareto with a heavier tail for movies: P(votes > v) = (5 / v)^alpha
  const alpha = type === T.movie ? 0.62 : 0.8;
  const votes = Math.min(MAX_VOTES, Math.floor(5 / (1 - r.next()) ** (1 / alpha)));
  return { rating, votes };
}
