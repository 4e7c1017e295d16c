/** How many votes movies have, on a log scale: a few blockbusters, a long tail of small films. */
import * as Plot from '@observablehq/plot';
import type { Model } from '../core/model.ts';
import { ACCENT, formatCount, renderPlot, type ChartEnv } from './render.ts';

/** Bins per power of ten. */
const PER_DECADE = 10;

export interface VoteBins {
  /** Bin i covers [10^(lo[i]), 10^(lo[i] + 1/PER_DECADE)) votes. */
  lo: number[];
  count: number[];
  median: number;
  /** Movies with no votes, which a log axis cannot show. */
  zero: number;
}

export function voteBins(model: Model): VoteBins {
  const counts = new Map<number, number>();
  const votes = model.catalog.votes;
  const positive = new Int32Array(votes.length);
  let m = 0;
  let zero = 0;
  for (let i = 0; i < votes.length; i++) {
    const v = votes[i]!;
    if (v <= 0) {
      zero++;
      continue;
    }
    positive[m++] = v;
    // small epsilon so exact powers of ten land in their own bin despite float error
    const b = Math.floor(Math.log10(v) * PER_DECADE + 1e-9);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  const bins = [...counts.keys()].sort((a, b) => a - b);
  const sorted = positive.subarray(0, m).sort();
  const median = m ? sorted[(m - 1) >> 1]! : 0;
  return { lo: bins.map((b) => b / PER_DECADE), count: bins.map((b) => counts.get(b)!), median, zero };
}

export function votesDistributionChart(data: VoteBins, env: ChartEnv): string {
  const rows = data.lo.map((lo, i) => ({
    x1: 10 ** lo,
    x2: 10 ** (lo + 1 / PER_DECADE),
    count: data.count[i]!,
  }));
  const total = data.count.reduce((s, c) => s + c, 0);
  const description =
    `${formatCount(total)} movies by number of IMDb votes, log scale with ${PER_DECADE} bins per power of ten; ` +
    `the median movie has ${formatCount(data.median)} votes.` +
    (data.zero ? ` ${formatCount(data.zero)} movies with no votes are not shown.` : '');
  return renderPlot(
    {
      marginLeft: 56,
      x: { type: 'log', label: 'IMDb votes (log scale)', tickFormat: '~s' },
      y: { label: 'Movies', grid: true },
      marks: [
        Plot.rectY(rows, {
          x1: 'x1',
          x2: 'x2',
          y: 'count',
          fill: ACCENT,
          insetLeft: 0.5,
          insetRight: 0.5,
          title: (r: { x1: number; x2: number; count: number }) =>
            `${formatCount(r.x1)}–${formatCount(r.x2)} votes: ${formatCount(r.count)} movies`,
        }),
        Plot.ruleX([data.median], { stroke: '#111', strokeDasharray: '4 3' }),
        Plot.text([data.median], {
          x: (d: number) => d,
          frameAnchor: 'top',
          text: () => `median ${formatCount(data.median)}`,
          textAnchor: 'start',
          dx: 4,
          dy: 4,
          fontSize: 11,
        }),
        Plot.ruleY([0]),
      ],
    },
    { title: 'Vote-count distribution', description },
    env,
  );
}
