/**
 * `--k auto`: cluster for every k in [kMin, kMax] with the fast engine, score each with inertia and a
 * sampled silhouette, and pick k by the rule in src/numeric/kmeans-choose.ts (best silhouette, ties
 * within 0.01 to the smaller k). The curve has the manifest's KCurvePoint shape.
 */
import { pickK, sampleRows, silhouette, type KCurvePoint } from '../numeric/kmeans-choose.ts';
import { runKMeans, type KMeansAlgorithm } from './kmeans.ts';

export interface ChooseKOptions {
  kMin: number;
  kMax: number;
  seed: number;
  threads?: number;
  algorithm?: KMeansAlgorithm;
  /** Rows the silhouette is computed on (default 2000; cost grows with its square). */
  sampleSize?: number;
  maxIter?: number;
  /** Called after each k, e.g. to report progress. */
  onPoint?: (point: KCurvePoint) => void;
}

export interface ChooseKResult {
  k: number;
  curve: KCurvePoint[];
}

/** @example const { k, curve } = await chooseK(features, n, d, { kMin: 4, kMax: 20, seed: 1 }); */
export async function chooseK(
  data: Float32Array,
  n: number,
  d: number,
  options: ChooseKOptions,
): Promise<ChooseKResult> {
  const { kMin, kMax, seed } = options;
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 1 || kMax < kMin) {
    throw new RangeError(`k range must be integers with 1 ≤ kMin ≤ kMax, got ${kMin}..${kMax}`);
  }
  const rows = sampleRows(n, options.sampleSize ?? 2000, seed);
  const curve: KCurvePoint[] = [];
  for (let k = kMin; k <= Math.min(kMax, n); k++) {
    const r = await runKMeans(data, n, d, {
      k,
      seed,
      threads: options.threads,
      algorithm: options.algorithm,
      maxIter: options.maxIter,
    });
    const s = silhouette(data, d, r.labels, r.k, rows);
    const point: KCurvePoint =
      s === undefined ? { k, inertia: r.inertia } : { k, inertia: r.inertia, silhouette: s };
    curve.push(point);
    options.onPoint?.(point);
  }
  return { k: pickK(curve), curve };
}
