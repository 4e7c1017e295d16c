/**
 * Every exploration chart of a model, in reading order. The CLI report and the site's insights page
 * both call insightCharts, so they show the same charts; charts whose data the model lacks (the k
 * curve without `--k auto`) are left out, not faked.
 */
import type { Model } from '../core/model.ts';
import { clusterGenreHeatmapChart, clusterGenres } from './cluster-genre-heatmap.ts';
import { clusterProfile, clusterProfileChart } from './cluster-profile.ts';
import { clusterSizes, clusterSizesChart } from './cluster-sizes.ts';
import { genreCounts, genreFrequencyChart } from './genre-frequency.ts';
import { kCurve, kCurveChart } from './k-curve.ts';
import { moviesPerYearChart, yearCounts } from './movies-per-year.ts';
import { pcaMap, pcaMapChart } from './pca-map.ts';
import { ratingCounts, ratingHistogramChart } from './rating-histogram.ts';
import type { ChartEnv } from './render.ts';
import { voteBins, votesDistributionChart } from './votes-distribution.ts';

export type { ChartEnv } from './render.ts';

export interface InsightChart {
  /** Stable slug, used for file names and anchors. */
  id: string;
  title: string;
  description: string;
  /** Standalone SVG with xmlns, <title> and <desc>. */
  svg: string;
}

export interface InsightOptions {
  width?: number;
  /** Draw each title inside its image (the report's SVG/PNG files). */
  headline?: boolean;
}

interface Spec {
  id: string;
  draw: (env: ChartEnv) => string | null;
}

/** Draws all charts for a model with the given document (linkedom's on the server). */
export function insightCharts(model: Model, document: unknown, options: InsightOptions = {}): InsightChart[] {
  const env: ChartEnv = { document, width: options.width ?? 720, headline: options.headline ?? false };
  const specs: Spec[] = [
    { id: 'movies-per-year', draw: (e) => moviesPerYearChart(yearCounts(model), e) },
    { id: 'rating-histogram', draw: (e) => ratingHistogramChart(ratingCounts(model), e) },
    { id: 'votes-distribution', draw: (e) => votesDistributionChart(voteBins(model), e) },
    { id: 'genre-frequency', draw: (e) => genreFrequencyChart(genreCounts(model), e) },
    { id: 'cluster-sizes', draw: (e) => clusterSizesChart(clusterSizes(model), e) },
    { id: 'cluster-genres', draw: (e) => clusterGenreHeatmapChart(clusterGenres(model), e) },
    { id: 'cluster-years', draw: (e) => clusterProfileChart(clusterProfile(model, 'year'), e) },
    { id: 'cluster-ratings', draw: (e) => clusterProfileChart(clusterProfile(model, 'rating'), e) },
    {
      id: 'pca-map',
      draw: (e) => pcaMapChart(pcaMap(model), { ...e, height: Math.round((e.width ?? 720) * 0.75) }),
    },
    { id: 'k-elbow', draw: (e) => optional(kCurve(model, 'inertia'), (d) => kCurveChart(d, e)) },
    { id: 'k-silhouette', draw: (e) => optional(kCurve(model, 'silhouette'), (d) => kCurveChart(d, e)) },
  ];
  return specs.flatMap(({ id, draw }) => {
    const svg = draw(env);
    return svg === null ? [] : [{ id, ...readMeta(svg), svg }];
  });
}

function optional<T>(data: T | null, draw: (data: T) => string): string | null {
  return data === null ? null : draw(data);
}

/** The title and description were written into the SVG by renderPlot; read them back once. */
function readMeta(svg: string): { title: string; description: string } {
  const text = (tag: string) =>
    unescape(/<(\w+)>([^<]*)<\/\1>/.exec(svg.slice(svg.indexOf(`<${tag}>`)))?.[2] ?? '');
  return { title: text('title'), description: text('desc') };
}

function unescape(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
