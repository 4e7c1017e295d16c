/**
 * Build step: k-means on the feature matrix with our engine (src/parallel/kmeans.ts), giving each movie's
 * cluster and distance to its centroid. `k: 'auto'` first scores every k in a range (inertia and a
 * sampled silhouette) and picks one by the rule in src/numeric/kmeans-choose.ts; the curve goes into the
 * manifest.
 */
import type { KMeansResult } from '../numeric/kmeans.ts';
import type { KCurvePoint } from '../core/model-manifest.ts';
import type { Logger } from '../core/log.ts';
import { runKMeans, type KMeansAlgorithm } from '../parallel/kmeans.ts';
import { chooseK } from '../parallel/choose-k.ts';

export const AUTO_K_RANGE: [number, number] = [4, 16];

export interface ClusterOptions {
  k: number | 'auto';
  seed: number;
  threads?: number;
  algorithm?: KMeansAlgorithm;
  /** Restarts of the exact engines; the lowest inertia wins. */
  nInit?: number;
  /** The range `k: 'auto'` searches. */
  kRange?: [number, number];
}

export interface Clustering extends KMeansResult {
  algorithm: string;
  curve?: KCurvePoint[];
}

export async function cluster(
  data: Float32Array,
  n: number,
  d: number,
  options: ClusterOptions,
  log: Logger,
): Promise<Clustering> {
  const common = { seed: options.seed, threads: options.threads, algorithm: options.algorithm };
  if (options.k !== 'auto') return runKMeans(data, n, d, { ...common, nInit: options.nInit, k: options.k });
  const [kMin, kMax] = options.kRange ?? AUTO_K_RANGE;
  const { k, curve } = await chooseK(data, n, d, {
    ...common,
    kMin,
    kMax,
    onPoint: (p) =>
      log.info(
        `    k=${p.k}: inertia ${p.inertia.toFixed(1)}, silhouette ${p.silhouette?.toFixed(3) ?? 'n/a'}`,
      ),
  });
  log.info(`    picked k=${k} (smallest k within 0.01 of the best silhouette)`);
  const result = await runKMeans(data, n, d, { ...common, nInit: options.nInit, k });
  return { ...result, curve };
}
