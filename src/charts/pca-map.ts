/**
 * A 2-D map of every movie: the feature matrix projected on its first two principal components,
 * coloured by cluster, centroids marked and labelled.
 *
 * Readability at scale: points are never drawn one by one. Plot's hexbin bins every movie (no
 * sampling, so small clusters are not lost) into hexagons a few pixels wide; a hexagon's colour is
 * its most common cluster and its opacity grows with the log of its movie count. The SVG therefore
 * holds at most a few thousand hexagons whether the catalog has 16 movies or 700,000.
 */
import * as Plot from '@observablehq/plot';
import type { Model } from '../core/model.ts';
import { pca, pcaProject } from '../numeric/pca.ts';
import { clusterLabels, type ClusterLabel } from './clusters.ts';
import { formatCount, INK, renderPlot, type ChartEnv } from './render.ts';

export interface PcaMap {
  n: number;
  /** n×2 movie coordinates (PC1, PC2). */
  xy: Float32Array;
  cluster: Int32Array;
  /** k×2 centroid coordinates in the same projection. */
  centroids: Float32Array;
  clusters: ClusterLabel[];
  size: number[];
  /** Share of total variance along PC1 and PC2. */
  explained: [number, number];
  d: number;
}

export function pcaMap(model: Model): PcaMap {
  const n = model.catalog.size;
  const fit = pca(model.features, n, model.d, { components: 2 });
  const xy = pcaProject(fit, model.features, n);
  const centroids = pcaProject(fit, model.centroids, model.k);
  const size = Array.from({ length: model.k }, () => 0);
  for (const c of model.catalog.cluster) if (c >= 0 && c < model.k) size[c]!++;
  const ratio = (c: number) => (fit.totalVariance > 0 ? (fit.variance[c] ?? 0) / fit.totalVariance : 0);
  return {
    n,
    xy,
    cluster: model.catalog.cluster,
    centroids,
    clusters: clusterLabels(model),
    size,
    explained: [ratio(0), ratio(1)],
    d: model.d,
  };
}

export function pcaMapChart(data: PcaMap, env: ChartEnv): string {
  const { n, xy } = data;
  const x = new Float32Array(n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = xy[2 * i]!;
    y[i] = xy[2 * i + 1]!;
  }
  const centres = data.clusters.map((c) => ({
    id: String(c.id),
    cid: c.id,
    label: c.label,
    color: c.color,
    x: data.centroids[2 * c.id]!,
    y: data.centroids[2 * c.id + 1]!,
    size: data.size[c.id] ?? 0,
  }));
  const pct = (r: number) => `${(100 * r).toFixed(0)}%`;
  const description =
    `All ${formatCount(n)} movies projected from ${data.d} features onto the first two principal components ` +
    `(${pct(data.explained[0])} and ${pct(data.explained[1])} of the variance). Movies are binned into ` +
    `hexagons coloured by their most common cluster, more opaque where more movies fall; numbered circles ` +
    `mark the ${data.clusters.length} cluster centroids, named in the key.`;
  return renderPlot(
    {
      marginLeft: 48,
      marginRight: KEY_GAP + 16 + Math.max(0, ...data.clusters.map((c) => c.label.length)) * 6.5,
      inset: 12,
      x: {
        label: `PC1 (${pct(data.explained[0])} of variance)`,
        labelAnchor: 'center',
        grid: true,
        nice: true,
      },
      y: { label: `PC2 (${pct(data.explained[1])} of variance)`, grid: true, nice: true },
      // cluster ids (not 700k colour strings) go through an ordinal scale onto the shared palette
      color: {
        type: 'ordinal',
        domain: data.clusters.map((c) => c.id),
        range: data.clusters.map((c) => c.color),
      },
      opacity: { type: 'log', range: [0.35, 1] },
      marks: [
        Plot.dot(
          { length: n },
          Plot.hexbin({ fill: 'mode', fillOpacity: 'count' }, { x, y, fill: data.cluster, binWidth: 8 }),
        ),
        Plot.dot(centres, {
          x: 'x',
          y: 'y',
          r: 9,
          fill: 'cid',
          stroke: INK,
          strokeWidth: 1.5,
          title: (c: { label: string; size: number }) =>
            `${c.label}: ${formatCount(c.size)} movies (centroid)`,
        }),
        Plot.text(centres, { x: 'x', y: 'y', text: 'id', fill: 'white', fontSize: 10, fontWeight: 'bold' }),
        ...keyMarks(data.clusters),
      ],
    },
    { title: 'Map of movies (PCA), coloured by cluster', description },
    env,
  );
}

const KEY_GAP = 28;
const KEY_LINE = 17;

/** The cluster key in the right margin, one swatch and label per line (Plot's own legend is HTML). */
function keyMarks(clusters: ClusterLabel[]): Plot.Markish[] {
  return clusters.flatMap((c, i) => [
    Plot.dot([c], { frameAnchor: 'top-right', dx: KEY_GAP, dy: 6 + i * KEY_LINE, r: 5, fill: c.color }),
    Plot.text([c], {
      frameAnchor: 'top-right',
      dx: KEY_GAP + 10,
      dy: i * KEY_LINE,
      text: () => c.label,
      textAnchor: 'start',
      lineAnchor: 'top',
      fontSize: 11,
      fill: INK,
    }),
  ]);
}
