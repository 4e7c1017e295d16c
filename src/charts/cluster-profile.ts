/**
 * Per-cluster distribution of one catalog column (release year or rating) as a compact box plot:
 * whiskers 10th–90th percentile, box 25th–75th, tick at the median. Quantiles are computed here rather
 * than by Plot's box mark, which would draw every outlier of hundreds of thousands of movies.
 */
import * as Plot from '@observablehq/plot';
import type { Model } from '../core/model.ts';
import { clusterLabels, type ClusterLabel } from './clusters.ts';
import { renderPlot, type ChartEnv } from './render.ts';

export type ProfileField = 'year' | 'rating';

export interface ClusterProfile {
  field: ProfileField;
  clusters: ClusterLabel[];
  /** Per cluster id: [p10, p25, p50, p75, p90], or null when the cluster has no known values. */
  quantiles: ([number, number, number, number, number] | null)[];
}

const LEVELS = [0.1, 0.25, 0.5, 0.75, 0.9] as const;

export function clusterProfile(model: Model, field: ProfileField): ClusterProfile {
  const k = model.k;
  const values = field === 'year' ? model.catalog.year : model.catalog.rating;
  const cluster = model.catalog.cluster;
  const counts = new Int32Array(k);
  const known = (v: number) => v > 0; // 0 = unknown year / unrated
  for (let i = 0; i < values.length; i++) if (known(values[i]!) && cluster[i]! < k) counts[cluster[i]!]!++;
  const groups = Array.from(counts, (c) => new Float32Array(c));
  const fill = new Int32Array(k);
  for (let i = 0; i < values.length; i++) {
    const c = cluster[i]!;
    if (known(values[i]!) && c >= 0 && c < k) groups[c]![fill[c]!++] = values[i]!;
  }
  const quantiles = groups.map((g) => {
    if (g.length === 0) return null;
    g.sort();
    return LEVELS.map((p) => quantileSorted(g, p)) as [number, number, number, number, number];
  });
  return { field, clusters: clusterLabels(model), quantiles };
}

/** Linear interpolation between order statistics (the R-7 / numpy default). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return Math.round((a + (h - lo) * (b - a)) * 1000) / 1000;
}

export function clusterProfileChart(data: ClusterProfile, env: ChartEnv): string {
  const isYear = data.field === 'year';
  const fmt = (v: number) => (isYear ? String(Math.round(v)) : v.toFixed(1));
  const rows = data.clusters.flatMap((c) => {
    const q = data.quantiles[c.id];
    return q
      ? [{ label: c.label, color: c.color, p10: q[0], p25: q[1], p50: q[2], p75: q[3], p90: q[4] }]
      : [];
  });
  type Row = (typeof rows)[number];
  const title = isYear ? 'Release years by cluster' : 'Ratings by cluster';
  const sorted = [...rows].sort((a, b) => a.p50 - b.p50);
  const lowest = sorted[0];
  const highest = sorted.at(-1);
  const what = isYear ? 'release year' : 'IMDb rating';
  const description =
    `Distribution of ${what} within each cluster: line from the 10th to the 90th percentile, box from the ` +
    `25th to the 75th, dark tick at the median.` +
    (lowest && highest
      ? ` Medians range from ${fmt(lowest.p50)} (${lowest.label}) to ${fmt(highest.p50)} (${highest.label}).`
      : '');
  const longest = Math.max(0, ...rows.map((r) => r.label.length));
  const tip = (r: Row) =>
    `${r.label}: median ${fmt(r.p50)}, middle half ${fmt(r.p25)}–${fmt(r.p75)}, 80% within ${fmt(r.p10)}–${fmt(r.p90)}`;
  return renderPlot(
    {
      marginLeft: Math.min(260, 16 + longest * 6.5),
      marginRight: 24,
      height: Math.max(env.height ?? 0, 64 + rows.length * 26),
      x: { label: isYear ? 'Release year' : 'IMDb rating', grid: true, tickFormat: isYear ? 'd' : undefined },
      y: { label: null, domain: data.clusters.filter((c) => data.quantiles[c.id]).map((c) => c.label) },
      color: { type: 'identity' },
      marks: [
        Plot.ruleY(rows, { y: 'label', x1: 'p10', x2: 'p90', stroke: 'color', strokeWidth: 1.5 }),
        Plot.barX(rows, {
          y: 'label',
          x1: 'p25',
          x2: 'p75',
          fill: 'color',
          insetTop: 4,
          insetBottom: 4,
          title: tip,
        }),
        Plot.tickX(rows, {
          y: 'label',
          x: 'p50',
          stroke: '#111',
          strokeWidth: 2.5,
          insetTop: 3,
          insetBottom: 3,
        }),
      ],
    },
    { title, description },
    { ...env, height: undefined },
  );
}
