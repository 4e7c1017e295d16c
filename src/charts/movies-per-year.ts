/** Movies per release year: the first of the original project's two plots. */
import * as Plot from '@observablehq/plot';
import type { Model } from '../core/model.ts';
import { ACCENT, formatCount, renderPlot, type ChartEnv } from './render.ts';

export interface YearCounts {
  /** Ascending years with at least one movie. */
  year: number[];
  count: number[];
  /** Movies whose year is unknown (0), left out of the bars. */
  unknown: number;
}

export function yearCounts(model: Model): YearCounts {
  const counts = new Map<number, number>();
  let unknown = 0;
  for (const y of model.catalog.year) {
    if (y <= 0) unknown++;
    else counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  const year = [...counts.keys()].sort((a, b) => a - b);
  return { year, count: year.map((y) => counts.get(y)!), unknown };
}

export function moviesPerYearChart(data: YearCounts, env: ChartEnv): string {
  const total = data.count.reduce((s, c) => s + c, 0);
  const peak = data.count.indexOf(Math.max(0, ...data.count));
  const first = data.year[0];
  const last = data.year.at(-1);
  const description =
    total === 0
      ? 'No movie has a known release year.'
      : `${formatCount(total)} movies released ${first}–${last}; the busiest year is ${data.year[peak]} ` +
        `with ${formatCount(data.count[peak]!)} movies.` +
        (data.unknown ? ` ${formatCount(data.unknown)} movies without a year are not shown.` : '');
  const rows = data.year.map((year, i) => ({ year, count: data.count[i]! }));
  return renderPlot(
    {
      marginLeft: 56,
      x: { label: 'Release year', tickFormat: 'd' },
      y: { label: 'Movies', grid: true },
      marks: [
        Plot.rectY(rows, {
          x1: 'year',
          x2: (r: { year: number }) => r.year + 1,
          y: 'count',
          fill: ACCENT,
          inset: 0,
          title: (r: { year: number; count: number }) => `${r.year}: ${formatCount(r.count)} movies`,
        }),
        Plot.ruleY([0]),
      ],
    },
    { title: 'Movies per year', description },
    env,
  );
}
