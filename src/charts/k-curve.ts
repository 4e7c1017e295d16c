/**
 * How the number of clusters was chosen, when `kinema build --k auto` recorded a curve in the
 * manifest: inertia against k (look for the elbow) or mean silhouette against k (higher is better).
 * Without a curve there is no chart: kCurve returns null rather than inventing one.
 */
import * as Plot from '@observablehq/plot';
import type { KCurvePoint } from '../core/model-manifest.ts';
import type { Model } from '../core/model.ts';
import { ACCENT, formatCompact, INK, renderPlot, type ChartEnv } from './render.ts';

export type KMetric = 'inertia' | 'silhouette';

export interface KCurve {
  metric: KMetric;
  points: { k: number; value: number }[];
  /** The k the model was built with. */
  chosen: number;
}

export function kCurve(model: Model, metric: KMetric): KCurve | null {
  const curve: KCurvePoint[] = model.manifest.kmeans.curve ?? [];
  const points = curve
    .flatMap((p) => {
      const value = metric === 'inertia' ? p.inertia : p.silhouette;
      return value === undefined || !Number.isFinite(value) ? [] : [{ k: p.k, value }];
    })
    .sort((a, b) => a.k - b.k);
  return points.length >= 2 ? { metric, points, chosen: model.manifest.kmeans.k } : null;
}

export function kCurveChart(data: KCurve, env: ChartEnv): string {
  const inertia = data.metric === 'inertia';
  const best = data.points.reduce((a, b) => (b.value > a.value ? b : a), data.points[0]!);
  const ks = data.points.map((p) => p.k);
  const chosenPoint = data.points.find((p) => p.k === data.chosen);
  const fmt = (v: number) => (inertia ? v.toPrecision(4) : v.toFixed(3));
  const rightHalf = data.chosen > ((ks[0] ?? 0) + (ks.at(-1) ?? 0)) / 2;
  const title = inertia ? 'Choosing k: inertia (elbow)' : 'Choosing k: silhouette';
  const description = inertia
    ? `Within-cluster sum of squares for k = ${ks[0]}…${ks.at(-1)}; it always falls as k grows, so look for ` +
      `the bend. The model uses k = ${data.chosen}` +
      (chosenPoint ? ` (inertia ${fmt(chosenPoint.value)}).` : '.')
    : `Mean silhouette (−1 to 1, higher means tighter, better separated clusters) for k = ${ks[0]}…${ks.at(-1)}; ` +
      `best at k = ${best.k} (${fmt(best.value)}). The model uses k = ${data.chosen}.`;
  return renderPlot(
    {
      marginLeft: 64,
      x: { label: 'k (number of clusters)', ticks: ks.length <= 20 ? ks : undefined, tickFormat: 'd' },
      color: { type: 'identity' },
      y: {
        label: inertia ? 'Inertia' : 'Mean silhouette',
        grid: true,
        tickFormat: inertia ? formatCompact : undefined,
      },
      marks: [
        Plot.ruleX([data.chosen], { stroke: '#b0b8c4', strokeDasharray: '4 3' }),
        Plot.text([data.chosen], {
          x: (k: number) => k,
          frameAnchor: 'top',
          text: (k: number) => `k = ${k} used`,
          // keep the label inside the frame when the chosen k is on the right
          dx: rightHalf ? -4 : 4,
          dy: 4,
          textAnchor: rightHalf ? 'end' : 'start',
          fontSize: 11,
          fill: INK,
        }),
        Plot.line(data.points, { x: 'k', y: 'value', stroke: ACCENT, strokeWidth: 2 }),
        Plot.dot(data.points, {
          x: 'k',
          y: 'value',
          fill: (p: { k: number }) => (p.k === data.chosen ? INK : ACCENT),
          r: 4,
          title: (p: { k: number; value: number }) => `k = ${p.k}: ${fmt(p.value)}`,
        }),
      ],
    },
    { title, description },
    env,
  );
}
