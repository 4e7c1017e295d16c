/**
 * Build step: k-means on the feature matrix with our engine (src/parallel/kmeans.ts), giving each movie's
 * cluster and distance to its centroid. `k: 'auto'` first scores every k in a range (inertia and a
 * sampled silhouette) and picks one by the rule in src/numeric/kmeans-choose.ts; the curve goes into the
 * manifest. Given the previous model's centres (carried into this build's scaling), a run with that
 * k starts from them and its clusters take their ids (src/core/cluster-ids.ts); `fresh` starts from
 * k-means++ and still keeps the ids.
 */
import type { KMeansResult } from '../numeric/kmeans.ts';
import type { KCurvePoint } from '../core/model-manifest.ts';
import type { Logger } from '../core/log.ts';
import { runKMeans, type KMeansAlgorithm } from '../parallel/kmeans.ts';
import { chooseK } from '../parallel/choose-k.ts';
import { keptIds, matchIds, renameClusters } from '../core/cluster-ids.ts';

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
  /** Start from k-means++ even when the previous centres could warm-start the run. */
  fresh?: boolean;
}

/** The previous model's clusters: each row's old id, and the centres in this build's scaling. */
export interface PreviousClusters {
  k: number;
  /** Row i's cluster in the previous model, -1 for a new movie. */
  labels: Int32Array;
  /** Absent when they cannot be carried (other feature columns): then no warm start. */
  centroids?: Float32Array;
}

export interface Clustering extends KMeansResult {
  algorithm: string;
  curve?: KCurvePoint[];
  /** 'warm' when the run started from the previous centres. */
  start: 'warm' | 'fresh';
  /** The run's clusters took the ids of the previous centres they match best. */
  matched?: boolean;
  /** Warm start: clusters whose best match is the previous centre they started from (ideally all). */
  idsKept?: number;
}

export async function cluster(
  data: Float32Array,
  n: number,
  d: number,
  options: ClusterOptions,
  log: Logger,
  previous?: PreviousClusters,
): Promise<Clustering> {
  const common = { seed: options.seed, threads: options.threads, algorithm: options.algorithm };
  let k = options.k;
  let curve: KCurvePoint[] | undefined;
  if (k === 'auto') {
    const [kMin, kMax] = options.kRange ?? AUTO_K_RANGE;
    const chosen = await chooseK(data, n, d, {
      ...common,
      kMin,
      kMax,
      onPoint: (p) =>
        log.info(
          `    k=${p.k}: inertia ${p.inertia.toFixed(1)}, silhouette ${p.silhouette?.toFixed(3) ?? 'n/a'}`,
        ),
    });
    log.info(`    picked k=${chosen.k} (smallest k within 0.01 of the best silhouette)`);
    k = chosen.k;
    curve = chosen.curve;
  }
  const same = previous && previous.k === Math.min(k, n) ? previous : undefined;
  const warm = same?.centroids && !options.fresh ? same.centroids : undefined;
  const result = await runKMeans(data, n, d, {
    ...common,
    k,
    ...(warm ? { initial: warm } : { nInit: options.nInit }),
  });
  const clustering: Clustering = { ...result, start: warm ? 'warm' : 'fresh', ...(curve ? { curve } : {}) };
  if (same) {
    const centres = same.centroids && { previous: same.centroids, next: result.centroids, d };
    const ids = matchIds(same.labels, result.labels, result.k, centres || undefined);
    clustering.matched = true;
    if (warm) clustering.idsKept = keptIds(ids);
    renameClusters(clustering, ids);
  }
  return clustering;
}
