/** Build step: k-means on the feature matrix; each movie's cluster and distance to its centroid. */
import { lloyd, type KMeansResult } from '../numeric/kmeans.ts';

export interface ClusterOptions {
  k: number;
  seed: number;
  threads?: number;
  algorithm?: string;
}

export interface Clustering extends KMeansResult {
  algorithm: string;
}

export async function cluster(
  data: Float32Array,
  n: number,
  d: number,
  options: ClusterOptions,
): Promise<Clustering> {
  const result = lloyd(data, n, d, { k: options.k, seed: options.seed });
  return { ...result, algorithm: 'lloyd' };
}
