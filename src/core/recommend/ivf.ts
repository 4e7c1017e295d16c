/**
 * An inverted-file index over the feature rows: centroids plus the rows of each list. Serving uses the
 * model's own k-means clusters as the lists (coarse, no training); the neighbour precomputation trains a
 * finer one (about 800 movies per list) on a sample, so each movie compares against thousands of
 * candidates instead of a whole cluster.
 */
import type { Model } from '../model.ts';
import { lloyd } from '../../numeric/kmeans.ts';
import { sqDist } from '../../numeric/distance.ts';
import { createRandom } from '../../numeric/random.ts';

export interface Ivf {
  k: number;
  d: number;
  centroids: Float32Array;
  /** Rows of list c: items[offsets[c] .. offsets[c+1]), ascending (trained: by `radius`, then row). */
  offsets: Int32Array;
  items: Int32Array;
  /**
   * The feature rows copied in list order (row items[j] at j×d), when the index was trained for a scan
   * of every movie: a list then reads one contiguous block instead of rows scattered over the matrix.
   */
  vectors?: Float32Array;
  /** With `vectors`: each row's distance (not squared) to its list's centroid, in list order (ascending). */
  radius?: Float64Array;
}

export function ivfFromClusters(model: Model): Ivf {
  return invert(model.catalog.cluster, model.k, model.d, model.centroids);
}

export interface TrainIvfOptions {
  /** Number of lists; default n / 800 (1 to 2048). */
  lists?: number;
  seed?: number;
  /** Rows k-means trains on (a seeded sample); default 25 per list. */
  sample?: number;
  iterations?: number;
}

export function trainIvf(features: Float32Array, n: number, d: number, options: TrainIvfOptions = {}): Ivf {
  const k = Math.max(1, Math.min(n, options.lists ?? Math.min(2048, Math.round(n / 800))));
  const sampleSize = Math.min(n, options.sample ?? k * 25);
  const random = createRandom(options.seed ?? 1);
  // partial Fisher–Yates: a seeded sample without replacement
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < sampleSize; i++) {
    const j = i + Math.floor(random.next() * (n - i));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  const sample = new Float32Array(sampleSize * d);
  for (let i = 0; i < sampleSize; i++) sample.set(features.subarray(order[i]! * d, order[i]! * d + d), i * d);
  const km = lloyd(sample, sampleSize, d, { k, seed: options.seed ?? 1, maxIter: options.iterations ?? 6 });
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) labels[i] = nearest(features, i * d, km.centroids, km.k, d);
  const ivf = invert(labels, km.k, d, km.centroids);
  const byRow = new Float64Array(n);
  for (let c = 0; c < ivf.k; c++) {
    for (let j = ivf.offsets[c]!; j < ivf.offsets[c + 1]!; j++) {
      const row = ivf.items[j]!;
      byRow[row] = Math.sqrt(sqDist(features, row * d, ivf.centroids, c * d, d));
    }
    // nearest the centre first: a scan then finds the rows at a given distance from it by bisection
    const list = ivf.items.subarray(ivf.offsets[c]!, ivf.offsets[c + 1]!);
    list.sort((x, y) => byRow[x]! - byRow[y]! || x - y);
  }
  const radius = Float64Array.from(ivf.items, (row) => byRow[row]!);
  return { ...ivf, vectors: listOrdered(features, ivf.items, d), radius };
}

/** The `count` lists whose centroids are closest to the row (or vector) at `offset` of `data`. */
export function probe(ivf: Ivf, data: Float32Array, offset: number, count: number, out: Int32Array): number {
  const m = Math.min(count, ivf.k);
  const best = new Float64Array(m).fill(Infinity);
  for (let c = 0; c < ivf.k; c++) {
    const dist = sqDist(data, offset, ivf.centroids, c * ivf.d, ivf.d);
    if (dist >= best[m - 1]!) continue;
    let j = m - 1;
    while (j > 0 && best[j - 1]! > dist) {
      best[j] = best[j - 1]!;
      out[j] = out[j - 1]!;
      j--;
    }
    best[j] = dist;
    out[j] = c;
  }
  return m;
}

/** Nearest centroid, abandoning a centroid's distance once it exceeds the best so far (same answer). */
function nearest(data: Float32Array, offset: number, centroids: Float32Array, k: number, d: number): number {
  let best = 0;
  let bestDist = Infinity;
  for (let c = 0; c < k; c++) {
    const co = c * d;
    let dist = 0;
    for (let j = 0; j < d && dist < bestDist; j++) {
      const t = data[offset + j]! - centroids[co + j]!;
      dist += t * t;
    }
    if (dist < bestDist) {
      bestDist = dist;
      best = c;
    }
  }
  return best;
}

function listOrdered(features: Float32Array, items: Int32Array, d: number): Float32Array {
  const out = new Float32Array(items.length * d);
  for (let j = 0; j < items.length; j++) out.set(features.subarray(items[j]! * d, items[j]! * d + d), j * d);
  return out;
}

function invert(labels: Int32Array, k: number, d: number, centroids: Float32Array): Ivf {
  const offsets = new Int32Array(k + 1);
  for (let i = 0; i < labels.length; i++) offsets[labels[i]! + 1]!++;
  for (let c = 0; c < k; c++) offsets[c + 1]! += offsets[c]!;
  const fill = offsets.slice(0, k);
  const items = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) items[fill[labels[i]!]!++] = i;
  return { k, d, centroids, offsets, items };
}
