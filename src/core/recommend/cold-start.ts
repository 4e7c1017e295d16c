/**
 * Cold start: most popular (votes), top rated and hidden gems, overall or per cluster.
 * - Top rated ranks by a weighted rating with a strong prior, as IMDb's Top 250 does:
 *   v/(v+m)·R + m/(v+m)·C with m = 25,000 votes (the build's --top-votes) and C the catalog mean, so a
 *   film needs tens of thousands of votes before its own rating carries it (3k votes at 9.5 does not).
 * - Hidden gems are well-rated films with at least GEM_MIN_VOTES votes and fewer than m (the films Top
 *   rated cannot lift), ranked by the same weighted rating with the floor as its prior, and never one of
 *   Top rated's first TOP_LIST films. Why 2,500 votes: a block of 250 coordinated 10-star votes on a
 *   film truly rated 7 moves its average by at most 250 × 3 / 2,500 = 0.3 stars, so the rating means
 *   something; the old floor (the median, 366 votes on the sample) let a few hundred friends' votes put
 *   9+ averages at the top.
 * The orderings come with a loaded model (catalog.bin), else are sorted on first use.
 */
import type { Catalog } from '../model-catalog.ts';
import type { Model } from '../model.ts';
import { KinemaError } from '../errors.ts';
import type { RowFilter } from './filters.ts';

export type ColdList = 'popular' | 'topRated' | 'gems';

/** Votes the Top rated prior counts (IMDb's Top 250 uses 25,000). */
export const TOP_RATED_M = 25_000;
/** Fewest votes a hidden gem needs. */
export const GEM_MIN_VOTES = 2_500;
/** A gem is never among this many first Top rated films (a tenth of a smaller catalog). */
export const TOP_LIST = 250;

export interface ColdStart {
  list(
    kind: ColdList,
    page: { limit: number; offset: number },
    accept: RowFilter,
    cluster?: number,
  ): number[];
  /** Votes in [GEM_MIN_VOTES, m), rated above the catalog mean, not in Top rated's head. */
  isGem(row: number): boolean;
}

/**
 * Rows best first, ties by row: by votes (popular), by the Top rated weighted rating with prior `topM`
 * (topRated), or by the weighted rating with the gem floor as prior (gems).
 */
export function coldOrder(catalog: Catalog, kind: ColdList, topM = TOP_RATED_M): Int32Array {
  const key = kind === 'popular' ? catalog.votes : topScores(catalog, kind === 'gems' ? GEM_MIN_VOTES : topM);
  return Int32Array.from({ length: catalog.size }, (_, i) => i).sort((a, b) => key[b]! - key[a]! || a - b);
}

/** The Top rated weighted rating of every row: v/(v+m)·R + m/(v+m)·C. */
export function topScores(catalog: Catalog, m: number): Float64Array {
  let sum = 0;
  for (let i = 0; i < catalog.size; i++) sum += catalog.rating[i]!;
  const mean = catalog.size ? sum / catalog.size : 0;
  const out = new Float64Array(catalog.size);
  for (let i = 0; i < catalog.size; i++) {
    const v = Math.max(0, catalog.votes[i]!);
    out[i] = (v / (v + m)) * catalog.rating[i]! + (m / (v + m)) * mean;
  }
  return out;
}

export function createColdStart(model: Model): ColdStart {
  const { catalog } = model;
  const topM = model.manifest.catalog.topM ?? TOP_RATED_M;
  // the stored orders are read on first use: a lazily loaded model reads them with a route that lists
  let orders: Map<ColdList, Int32Array> | undefined;
  const order = (kind: ColdList) => {
    orders ??= new Map(Object.entries(model.coldOrders ?? {}) as [ColdList, Int32Array][]);
    let o = orders.get(kind);
    if (!o) {
      o = coldOrder(catalog, kind, topM);
      orders.set(kind, o);
    }
    return o;
  };
  let topHead: Set<number> | undefined;
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
      const votes = catalog.votes[row]!;
      if (votes < GEM_MIN_VOTES || votes >= topM || !(catalog.rating[row]! > meanRating)) return false;
      // a small catalog's Top rated is a tenth of it, not all of it
      topHead ??= new Set(order('topRated').subarray(0, Math.min(TOP_LIST, Math.floor(catalog.size / 10))));
      return !topHead.has(row);
    },
  };
}
