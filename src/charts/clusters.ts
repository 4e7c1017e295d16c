/**
 * Cluster labels and colours shared by every cluster chart, so cluster 3 is the same colour on the
 * size bars, the heatmap rows and the map.
 */
import type { Model } from '../core/model.ts';

// Observable's 10 categorical colours, then Tableau's 10 for k > 10; beyond 20 colours repeat
const PALETTE = [
  '#4269d0',
  '#efb118',
  '#ff725c',
  '#6cc5b0',
  '#3ca951',
  '#ff8ab7',
  '#a463f2',
  '#97bbf5',
  '#9c6b4e',
  '#9498a0',
  '#4e79a7',
  '#f28e2c',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc949',
  '#af7aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ab',
];

export interface ClusterLabel {
  id: number;
  /** "3 · Crime · Thriller · 1990s" when the recommender named it, else "Cluster 3". */
  label: string;
  color: string;
}

export function clusterLabels(model: Model): ClusterLabel[] {
  const names = new Map(model.manifest.clusters.map((c) => [c.id, c.name]));
  return Array.from({ length: model.k }, (_, id) => {
    const name = names.get(id);
    return { id, label: name ? `${id} · ${name}` : `Cluster ${id}`, color: PALETTE[id % PALETTE.length]! };
  });
}
