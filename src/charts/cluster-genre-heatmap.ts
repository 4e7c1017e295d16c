/** Which genres make up each cluster: share of a cluster's movies carrying each genre. */
import * as Plot from '@observablehq/plot';
import { GENRES } from '../core/genres.ts';
import type { Model } from '../core/model.ts';
import { clusterLabels, type ClusterLabel } from './clusters.ts';
import { INK, renderPlot, type ChartEnv } from './render.ts';

export interface ClusterGenres {
  clusters: ClusterLabel[];
  /** Genres present in the catalog, in GENRES order. */
  genre: string[];
  /** k × genre.length row-major share (0..1) of the cluster's movies with that genre. */
  share: Float64Array;
  size: number[];
}

export function clusterGenres(model: Model): ClusterGenres {
  const k = model.k;
  const g = GENRES.length;
  const counts = new Float64Array(k * g);
  const size = Array.from({ length: k }, () => 0);
  const { genres, cluster } = model.catalog;
  for (let i = 0; i < model.catalog.size; i++) {
    const c = cluster[i]!;
    if (c < 0 || c >= k) continue;
    size[c]!++;
    let m = genres[i]!;
    while (m) {
      counts[c * g + (31 - Math.clz32(m & -m))]!++;
      m &= m - 1;
    }
  }
  const present = GENRES.map((_, j) => j).filter((j) => size.some((_, c) => counts[c * g + j]! > 0));
  const share = new Float64Array(k * present.length);
  for (let c = 0; c < k; c++) {
    present.forEach((j, col) => {
      share[c * present.length + col] = size[c] ? counts[c * g + j]! / size[c]! : 0;
    });
  }
  return { clusters: clusterLabels(model), genre: present.map((j) => GENRES[j]!), share, size };
}

export function clusterGenreHeatmapChart(data: ClusterGenres, env: ChartEnv): string {
  const gCount = data.genre.length;
  const rows = data.clusters.flatMap((c) =>
    data.genre.map((genre, j) => ({ cluster: c.label, genre, share: data.share[c.id * gCount + j]! })),
  );
  const tops = data.clusters.map((c) => {
    let best = 0;
    for (let j = 1; j < gCount; j++)
      if (data.share[c.id * gCount + j]! > data.share[c.id * gCount + best]!) best = j;
    return `${c.label}: ${data.genre[best] ?? 'none'}`;
  });
  const description =
    `For each of ${data.clusters.length} clusters (rows), the share of its movies tagged with each genre ` +
    `(columns); darker is more. Leading genre per cluster: ${tops.join('; ')}.`;
  const longest = Math.max(0, ...data.clusters.map((c) => c.label.length));
  const cell = 24;
  return renderPlot(
    {
      marginLeft: Math.min(260, 16 + longest * 6.5),
      marginBottom: 90,
      marginRight: 8,
      width: Math.max(env.width ?? 0, Math.min(260, 16 + longest * 6.5) + 16 + gCount * cell),
      height: 24 + 90 + data.clusters.length * cell,
      padding: 0.04,
      x: { label: null, domain: data.genre, tickRotate: -45 },
      y: { label: null, domain: data.clusters.map((c) => c.label) },
      color: { type: 'linear', domain: [0, 1], range: ['#f4f6fb', '#1d3f8f'], interpolate: 'lab' },
      marks: [
        Plot.cell(rows, {
          x: 'genre',
          y: 'cluster',
          fill: 'share',
          title: (r: { cluster: string; genre: string; share: number }) =>
            `${r.cluster} · ${r.genre}: ${(100 * r.share).toFixed(0)}% of movies`,
        }),
        // two text marks so label colour stays readable on light and dark cells
        ...[false, true].map((dark) =>
          Plot.text(rows, {
            filter: (r: { share: number }) => r.share >= 0.05 && r.share > 0.5 === dark,
            x: 'genre',
            y: 'cluster',
            text: (r: { share: number }) => (100 * r.share).toFixed(0),
            fill: dark ? 'white' : INK,
            fontSize: 9,
          }),
        ),
      ],
    },
    { title: 'Genres by cluster (% of movies)', description },
    { ...env, width: undefined, height: undefined },
  );
}
