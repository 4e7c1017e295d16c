/**
 * Cold start: most popular (votes) and top rated (Bayesian rating) lists, overall or per cluster, and
 * the hidden-gem test. The two orderings come with a loaded model (catalog.bin), else are sorted on first use.
 */
import type { Catalog, Model } from '../model.ts';
import { KinemaError } from '../errors.ts';
import type { RowFilter } from './filters.ts';

export type ColdList = 'popular' | 'topRated';

export interface ColdStart {
  list(
    kind: ColdList,
    page: { limit: number; offset: number },
    accept: RowFilter,
    cluster?: number,
  ): number[];
  /** At most the catalog's median votes, and a Bayesian rating above the catalog mean. */
  isGem(row: number): boolean;
}

/** Rows by votes (popular) or Bayesian rating (topRated), best first, ties by row. */
export function coldOrder(catalog: Catalog, kind: ColdList): Int32Array {
  const key = kind === 'popular' ? catalog.votes : catalog.bayes;
  return Int32Array.from({ length: catalog.size }, (_, i) => i).sort((a, b) => key[b]! - key[a]! || a - b);
}

export function createColdStart(model: Model): ColdStart {
  const { catalog } = model;
  const orders = new Map<ColdList, Int32Array>(
    Object.entries(model.coldOrders ?? {}) as [ColdList, Int32Array][],
  );
  const order = (kind: ColdList) => {
    let o = orders.get(kind);
    if (!o) {
      o = coldOrder(catalog, kind);
      orders.set(kind, o);
    }
    return o;
  };
  let gemVotes: number | undefined;
  const meanRating = model.manifest.catalog.meanRating;
  return {
    list(kind, page, accept, cluster) {
      if (cluster !== undefined && (!Number.isInteger(cluster) || cluster < 0 || cluster >= model.k)) {
        throw new KinemaError('not-found', `cluster ${cluster} does not exist (the model has ${model.k})`);
      }
      const out: number[] = [];
      let skip = page.offset;
      for (const row of order(kind)) {
        if (cluster !== undefined && catalog.cluster[row] !== cluster) continue;
        if (!accept(row)) continue;
        if (skip > 0) {
          skip--;
          continue;
        }
        out.push(row);
        if (out.length === page.limit) break;
      }
      return out;
    },
    isGem(row) {
      if (gemVotes === undefined) {
        const popular = order('popular');
        gemVotes = catalog.votes[popular[Math.floor(popular.length / 2)]!]!;
      }
      return catalog.votes[row]! <= gemVotes && catalog.bayes[row]! > meanRating;
    },
  };
}
