/** Movies per k-means cluster, biggest first, in each cluster's colour. */
import * as Plot from '@observablehq/plot';
import type { Model } from '../core/model.ts';
import { clusterLabels, type ClusterLabel } from './clusters.ts';
import { formatCompact, formatCount, INK, renderPlot, type ChartEnv } from './render.ts';

export interface ClusterSizes {
  clusters: ClusterLabel[];
  /** size[id] = movies in cluster id, counted from the catalog. */
  size: number[];
}

export function clusterSizes(model: Model): ClusterSizes {
  const size = Array.from({ length: model.k }, () => 0);
  for (const c of model.catalog.cluster) if (c >= 0 && c < model.k) size[c]!++;
  return { clusters: clusterLabels(model), size };
}

export function clusterSizesChart(data: ClusterSizes, env: ChartEnv): string {
  const total = data.size.reduce((s, c) => s + c, 0);
  const rows = data.clusters
    .map((c) => ({ label: c.label, color: c.color, count: data.size[c.id]! }))
    .sort((a, b) => b.count - a.count);
  const pct = (c: number) => (total ? `${((100 * c) / total).toFixed(1)}%` : '0%');
  const big = rows[0];
  const small = rows.at(-1);
  const description =
    `${formatCount(total)} movies in ${rows.length} clusters.` +
    (big && small
      ? ` Largest: ${big.label} (${pct(big.count)}); smallest: ${small.label} (${pct(small.count)}).`
      : '');
  const longest = Math.max(0, ...rows.map((r) => r.label.length));
  return renderPlot(
    {
      marginLeft: Math.min(260, 16 + longest * 6.5),
      marginRight: 56,
      height: Math.max(env.height ?? 0, 60 + rows.length * 22),
      x: { label: 'Movies', grid: true, tickFormat: formatCompact },
      y: { label: null, domain: rows.map((r) => r.label) },
      color: { type: 'identity' },
      marks: [
        Plot.barX(rows, {
          y: 'label',
          x: 'count',
          fill: 'color',
          title: (r: { label: string; count: number }) => `${r.label}: ${formatCount(r.count)} movies`,
        }),
        Plot.text(rows, {
          y: 'label',
          x: 'count',
          text: (r: { count: number }) => pct(r.count),
          textAnchor: 'start',
          dx: 4,
          fill: INK,
          fontSize: 10,
        }),
        Plot.ruleX([0]),
      ],
    },
    { title: 'Cluster sizes', description },
    { ...env, height: undefined },
  );
}
