/** Movies per rounded IMDb rating (1–10): the second of the original project's two plots. */
import * as Plot from '@observablehq/plot';
import type { Model } from '../core/model.ts';
import { ACCENT, formatCount, INK, renderPlot, type ChartEnv } from './render.ts';

export interface RatingCounts {
  /** count[r - 1] = movies whose rating rounds to r, r = 1..10. */
  count: number[];
  mean: number;
}

export function ratingCounts(model: Model): RatingCounts {
  const count = Array.from({ length: 10 }, () => 0);
  let sum = 0;
  let rated = 0;
  for (const r of model.catalog.rating) {
    if (!(r > 0)) continue;
    const bucket = Math.min(10, Math.max(1, Math.round(r)));
    count[bucket - 1]!++;
    sum += r;
    rated++;
  }
  return { count, mean: rated ? sum / rated : 0 };
}

export function ratingHistogramChart(data: RatingCounts, env: ChartEnv): string {
  const rows = data.count.map((count, i) => ({ rating: i + 1, count }));
  const total = data.count.reduce((s, c) => s + c, 0);
  const top = rows.reduce((a, b) => (b.count > a.count ? b : a), rows[0]!);
  const description =
    `${formatCount(total)} rated movies by IMDb rating rounded to the nearest whole point; ` +
    `most round to ${top.rating} (${formatCount(top.count)}), mean rating ${data.mean.toFixed(2)}.`;
  return renderPlot(
    {
      marginLeft: 56,
      x: { label: 'IMDb rating (rounded)', domain: rows.map((r) => r.rating), padding: 0.15 },
      y: { label: 'Movies', grid: true },
      marks: [
        Plot.barY(rows, {
          x: 'rating',
          y: 'count',
          fill: ACCENT,
          title: (r: { rating: number; count: number }) =>
            `rating ≈ ${r.rating}: ${formatCount(r.count)} movies`,
        }),
        Plot.text(rows, {
          x: 'rating',
          y: 'count',
          text: (r: { count: number }) => (r.count ? formatCount(r.count) : ''),
          dy: -7,
          fill: INK,
          fontSize: 10,
        }),
        Plot.ruleY([0]),
      ],
    },
    { title: 'Movies per rounded rating', description },
    env,
  );
}
