/**
 * Top-N "more like this" for every movie, computed once at build so serving a similar list is a lookup.
 * Same pair score as the live path; candidates come from a finer IVF index trained here (seeded, so the
 * same model gives byte-identical neighbours), plus shared people and title stems.
 */
import type { Model } from '../model.ts';
import { KinemaError } from '../errors.ts';
import { createCandidateSearch } from './candidates.ts';
import { ACCEPT_ALL } from './filters.ts';
import { trainIvf, type Ivf } from './ivf.ts';
import { createSimilarity, type SimilarityWeights } from './similarity.ts';
import { TopN } from '../top-n.ts';

export interface NeighbourOptions {
  /** Neighbours kept per movie (default 50). */
  n: number;
  /** IVF lists; default one per ~800 movies. */
  lists?: number;
  /** Most lists scanned per movie (default 16)… */
  probe?: number;
  /** …stopping once this many movies were scanned (default 2000). */
  candidates?: number;
  seed?: number;
  weights?: Partial<SimilarityWeights>;
  /** Called every few thousand movies. */
  onProgress?: (done: number, total: number) => void;
  /** Only rows start ≤ a < end (default all), so threads can split the work; results don't depend on it. */
  range?: [number, number];
  /**
   * Takes the next range of rows to compute, undefined when none is left (threads sharing one queue,
   * so a thread that drew cheap rows takes more); replaces `range`.
   */
  next?: () => [number, number] | undefined;
  /** Write into these size×n arrays (e.g. shared between threads) instead of new ones. */
  into?: NeighbourArrays;
  /** A trained index to reuse (threads share one); default trained here from `seed`. */
  ivf?: Ivf;
}

export interface NeighbourArrays {
  /** size×n movie rows, best first, −1 padded. */
  index: Int32Array;
  score: Float32Array;
}

export const DEFAULT_NEIGHBOURS = 50;

export function computeNeighbours(model: Model, options: NeighbourOptions): NeighbourArrays {
  const n = options.n;
  if (!Number.isInteger(n) || n < 1 || n > 1000) {
    throw new KinemaError('bad-input', `neighbours per movie must be an integer from 1 to 1000, got ${n}`);
  }
  const size = model.catalog.size;
  const sim = createSimilarity(model, options.weights);
  const ivf = options.ivf ?? neighbourIvf(model, options);
  const search = createCandidateSearch(sim, ivf, options.probe ?? 16, options.candidates ?? 2000);
  const index = options.into?.index ?? new Int32Array(size * n);
  const score = options.into?.score ?? new Float32Array(size * n);
  const whole = options.range ?? [0, size];
  let given = false;
  const next = options.next ?? (() => (given ? undefined : ((given = true), whole)));
  const top = new TopN(n);
  let done = 0;
  for (let range = next(); range; range = next()) {
    for (let a = range[0]; a < range[1]; a++) {
      top.clear();
      search.similar(a, top, ACCEPT_ALL);
      top.sortedInto(index, score, a * n);
      index.fill(-1, a * n + top.size, a * n + n);
      score.fill(0, a * n + top.size, a * n + n);
      if (++done % 4096 === 0) options.onProgress?.(done, whole[1] - whole[0]);
    }
  }
  options.onProgress?.(done, whole[1] - whole[0]);
  return { index, score };
}

/** The finer IVF index the precomputation scans (seeded: the same model gives the same index). */
export function neighbourIvf(
  model: Pick<Model, 'features' | 'd'> & { catalog: { size: number } },
  options: Pick<NeighbourOptions, 'lists' | 'seed'> = {},
): Ivf {
  return trainIvf(model.features, model.catalog.size, model.d, {
    lists: options.lists,
    seed: options.seed ?? 1,
  });
}
