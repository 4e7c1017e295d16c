/** How many movies carry each genre (a movie with three genres counts three times). */
import * as Plot from '@observablehq/plot';
import { GENRES } from '../core/genres.ts';
import type { Model } from '../core/model.ts';
import { ACCENT, formatCompact, formatCount, INK, renderPlot, type ChartEnv } from './render.ts';

export interface GenreCounts {
  /** Genres with at least one movie, most frequent first. */
  genre: string[];
  count: number[];
  movies: number;
}

export function genreCounts(model: Model): GenreCounts {
  const counts = countGenres(model.catalog.genres);
  const order = GENRES.map((_, g) => g)
    .filter((g) => counts[g]! > 0)
    .sort((a, b) => counts[b]! - counts[a]! || a - b);
  return {
    genre: order.map((g) => GENRES[g]!),
    count: order.map((g) => counts[g]!),
    movies: model.catalog.size,
  };
}

/** Per-genre counts over genre bit masks (index = bit = position in GENRES). */
export function countGenres(masks: ArrayLike<number>): Int32Array {
  const counts = new Int32Array(GENRES.length);
  for (let i = 0; i < masks.length; i++) {
    let m = masks[i]!;
    while (m) {
      const bit = 31 - Math.clz32(m & -m);
      counts[bit]!++;
      m &= m - 1;
    }
  }
  return counts;
}

export function genreFrequencyChart(data: GenreCounts, env: ChartEnv): string {
  const rows = data.genre.map((genre, i) => ({ genre, count: data.count[i]! }));
  const share = (c: number) => (data.movies ? `${((100 * c) / data.movies).toFixed(1)}%` : '');
  const head = rows.slice(0, 3).map((r) => `${r.genre} (${share(r.count)})`);
  const description =
    `Share of the ${formatCount(data.movies)} movies tagged with each of ${rows.length} genres; ` +
    `a movie can have up to three. Most common: ${head.join(', ')}.`;
  return renderPlot(
    {
      marginLeft: 96,
      marginRight: 64,
      height: Math.max(env.height ?? 0, 60 + rows.length * 20),
      x: { label: 'Movies', grid: true, tickFormat: formatCompact },
      y: { label: null, domain: rows.map((r) => r.genre) },
      marks: [
        Plot.barX(rows, {
          y: 'genre',
          x: 'count',
          fill: ACCENT,
          title: (r: { genre: string; count: number }) =>
            `${r.genre}: ${formatCount(r.count)} movies (${share(r.count)})`,
        }),
        Plot.text(rows, {
          y: 'genre',
          x: 'count',
          text: (r: { count: number }) => share(r.count),
          textAnchor: 'start',
          dx: 4,
          fill: INK,
          fontSize: 10,
        }),
        Plot.ruleX([0]),
      ],
    },
    { title: 'Genre frequencies', description },
    { ...env, height: undefined },
  );
}
