/**
 * Candidate generation and exact re-rank for one query movie: the rows of the nearest IVF lists, every
 * movie sharing a (not too common) person, and every movie sharing a title stem; each candidate is seen
 * once (an epoch-stamped visit array, allocated once), scored by the pair score and kept in a top-N heap.
 */
import type { Ivf } from './ivf.ts';
import { probe } from './ivf.ts';
import type { Similarity } from './similarity.ts';
import type { TopN } from '../top-n.ts';
import { ACCEPT_ALL, type RowFilter } from './filters.ts';
import { STEM_SLOTS } from './franchise.ts';
import { sqDist, sqDistBelow } from '../../numeric/distance.ts';
import { createListedScan } from '../../numeric/listed-scan.ts';

/** A squared lower bound is shrunk by this before it rules a row out. */
const SAFE = 1 - 1e-6;

export interface CandidateSearch {
  /** Fills `top` with the best movies for `a` (never `a` itself) among those `accept` allows. */
  similar(a: number, top: TopN, accept: RowFilter): void;
  /**
   * The same for several weightings of one model at once: `tops[w]` gets exactly what `similar` with
   * `sims[w]` would give, for one candidate pass (a weight search ranks each query under every weighting).
   */
  similarEach(a: number, sims: readonly Similarity[], tops: readonly TopN[], accept: RowFilter): void;
  /** Starts a visit round: rows visited since the last `begin()` are skipped from then on. */
  begin(): void;
  /** True the first time `row` is seen in this round (and marks it). */
  visitOnce(row: number): boolean;
  /** Whether `row` was already visited in this round (without marking it). */
  visited(row: number): boolean;
  /**
   * Visits the rows of the IVF lists nearest to the vector at `offset` of `data`: whole lists while
   * they fit in `maxRows`, then an even sample of the next one up to the budget.
   */
  collectLists(data: Float32Array, offset: number, visit: (row: number) => void, maxRows?: number): void;
  /** Visits movies sharing a person or a title stem with `a`. */
  collectLinked(a: number, visit: (row: number) => void): void;
}

/**
 * `probeCount` = most IVF lists a query scans; `enough` = stop opening lists once this many rows were
 * scanned (lists are uneven: a popular genre mix makes a big one).
 */
export function createCandidateSearch(
  sim: Similarity,
  ivf: Ivf,
  probeCount: number,
  enough = Infinity,
): CandidateSearch {
  // features are read per query: a lazily loaded model has them only once a route asked for them
  const { d } = sim.model;
  // rows in list order when the index has them (the precomputation), else read from the matrix
  const listed = ivf.vectors !== undefined;
  const radius = ivf.radius;
  // the best bonus any row has bounds how far a row may be and still enter (read only with radii)
  const maxBonus = radius ? sim.bonus.reduce((m, b) => Math.max(m, b), -Infinity) : Infinity;
  // a scan of every movie runs its lists through WebAssembly (when the runtime has its SIMD), where
  // the visit stamps then live too
  const scan =
    ivf.vectors && radius
      ? createListedScan({
          vectors: ivf.vectors,
          items: ivf.items,
          bonus: Float32Array.from(ivf.items, (row) => sim.bonus[row]!),
          d,
          rows: sim.model.catalog.size,
          safe: SAFE,
        })
      : undefined;
  const stamp = scan?.stamp ?? new Uint32Array(sim.model.catalog.size);
  const lists = new Int32Array(Math.max(1, Math.min(probeCount, ivf.k)));
  let epoch = 0;
  const begin = () => {
    epoch++;
    if (epoch === 0xffffffff) {
      stamp.fill(0);
      epoch = 1;
    }
  };
  const visitOnce = (row: number) => {
    if (stamp[row] === epoch) return false;
    stamp[row] = epoch;
    return true;
  };
  const collectLists = (
    data: Float32Array,
    offset: number,
    visit: (row: number) => void,
    maxRows = enough,
  ) => {
    const m = probe(ivf, data, offset, lists.length, lists);
    let scanned = 0;
    for (let j = 0; j < m && scanned < maxRows; j++) {
      const c = lists[j]!;
      const size = ivf.offsets[c + 1]! - ivf.offsets[c]!;
      // a list bigger than what is left of the budget is sampled evenly, so one huge cluster
      // (a coarse k-means list can hold a fifth of the catalog) cannot blow the latency
      const step = Number.isFinite(maxRows) ? Math.max(1, Math.ceil(size / (maxRows - scanned))) : 1;
      scanned += Math.ceil(size / step);
      for (let k = ivf.offsets[c]!; k < ivf.offsets[c + 1]!; k += step) {
        const row = ivf.items[k]!;
        if (visitOnce(row)) visit(row);
      }
    }
  };
  const collectLinked = (a: number, visit: (row: number) => void, withCollab = sim.usesCollab(a)) => {
    const people = sim.people();
    if (people) {
      for (let k = people.offsets[a]!; k < people.offsets[a + 1]!; k++) {
        const p = people.person[k]!;
        for (let q = people.postingOffsets[p]!; q < people.postingOffsets[p + 1]!; q++) {
          const row = people.postings[q]!;
          if (visitOnce(row)) visit(row);
        }
      }
    }
    const collab = sim.model.collab;
    if (collab && withCollab) {
      for (let p = collab.offsets[a]!; p < collab.offsets[a + 1]!; p++) {
        const row = collab.items[p]!;
        if (visitOnce(row)) visit(row);
      }
    }
    const f = sim.franchise();
    for (let x = STEM_SLOTS * a; x < STEM_SLOTS * (a + 1); x++) {
      const s = f.stems[x]!;
      if (s < 0) continue;
      for (let q = f.offsets[s]!; q < f.offsets[s + 1]!; q++) {
        const row = f.members[q]!;
        if (visitOnce(row)) visit(row);
      }
    }
  };
  const similarEach = (a: number, sims: readonly Similarity[], tops: readonly TopN[], accept: RowFilter) => {
    const withCollab = sims[0]?.usesCollab(a) ?? false;
    if (sims.some((x) => x.usesCollab(a) !== withCollab)) {
      // co-liked rows are candidates for some weightings only: one pass each keeps every list exact
      sims.forEach((x, s) => similarEach(a, [x], [tops[s]!], accept));
      return;
    }
    begin();
    visitOnce(a);
    const features = sim.model.features;
    const vectors = ivf.vectors ?? features;
    const w = sims.length;
    // movies sharing a person, a stem or co-likes first, with the full pair score
    collectLinked(
      a,
      (row) => {
        if (!accept(row)) return;
        for (let s = 0; s < w; s++) tops[s]!.push(row, sims[s]!.score(a, row));
      },
      withCollab,
    );
    // every other candidate shares no (findable) person, no stem and no co-likes, so its score is
    // exactly features + bonus: a squared distance that stops once the row can no longer enter a heap
    const wf = new Float64Array(w);
    for (let s = 0; s < w; s++) wf[s] = sims[s]!.weights.features * sims[s]!.contentShare[a]!;
    const bonuses = sims.map((x) => x.bonus);
    const limits = new Float64Array(w);
    const ao = a * d;
    const all = accept === ACCEPT_ALL;
    const m = probe(ivf, features, ao, lists.length, lists);
    let scanned = 0;
    for (let j = 0; j < m && scanned < enough; j++) {
      const c = lists[j]!;
      const end = ivf.offsets[c + 1]!;
      scanned += end - ivf.offsets[c]!;
      for (let k = ivf.offsets[c]!; k < end; k++) {
        const row = ivf.items[k]!;
        // the visit stamp inline: this loop runs for thousands of rows per query
        if (stamp[row] === epoch) continue;
        stamp[row] = epoch;
        if (!all && !accept(row)) continue;
        let limit = 0;
        for (let s = 0; s < w; s++) {
          const top = tops[s]!;
          const room = (top.size < top.capacity ? -Infinity : top.score[0]!) - bonuses[s]![row]!;
          // score = wf / (1 + dist) + bonus beats the threshold only while dist < wf / room − 1
          limits[s] = room > 0 ? wf[s]! / room - 1 : Infinity;
          if (limits[s]! > limit) limit = limits[s]!;
        }
        if (limit <= 0) continue;
        const dist = sqDistBelow(features, ao, vectors, listed ? k * d : row * d, d, limit);
        for (let s = 0; s < w; s++) {
          if (dist < limits[s]!) tops[s]!.push(row, wf[s]! / (1 + dist) + bonuses[s]![row]!);
        }
      }
    }
  };
  return {
    begin,
    visitOnce,
    visited: (row) => stamp[row] === epoch,
    collectLists,
    collectLinked,
    similar(a, top, accept) {
      begin();
      visitOnce(a);
      // movies sharing a person, a stem or co-likes first, with the full pair score
      collectLinked(a, (row) => {
        if (accept(row)) top.push(row, sim.score(a, row));
      });
      // every other candidate shares no (findable) person, no stem and no co-likes, so its score is
      // exactly features + bonus: a squared distance that stops once the row can no longer enter the heap
      const wf = sim.weights.features * sim.contentShare[a]!;
      const bonus = sim.bonus;
      const features = sim.model.features;
      const vectors = ivf.vectors ?? features;
      const ao = a * d;
      const all = accept === ACCEPT_ALL;
      const wasm = scan && all && top.capacity > 0 && top.capacity <= scan.capacity ? scan : undefined;
      const m = probe(ivf, features, ao, lists.length, lists);
      let scanned = 0;
      for (let j = 0; j < m && scanned < enough; j++) {
        const c = lists[j]!;
        const end = ivf.offsets[c + 1]!;
        scanned += end - ivf.offsets[c]!;
        // how far the query is from the list's centre: with each row's own distance to it, a lower
        // bound on their distance (triangle inequality) that rules out most far rows unread
        const centre = radius ? Math.sqrt(sqDist(features, ao, ivf.centroids, c * d, d)) : 0;
        let from = ivf.offsets[c]!;
        let to = end;
        let most = Infinity;
        if (radius && top.size === top.capacity && top.score[0]! > maxBonus) {
          // no row farther from the query than the best bonus allows can enter: only the rows whose
          // distance to the centre is within that reach of the query's are read (rows sorted by it)
          most = wf / (top.score[0]! - maxBonus) - 1;
          if (most <= 0) continue;
          const reach = Math.sqrt(most) / SAFE;
          from = firstAtLeast(radius, from, end, centre - reach);
          to = firstAtLeast(radius, from, end, centre + reach);
        }
        if (wasm) {
          wasm.scan(features, ao, from, to, top, epoch, wf, most);
          continue;
        }
        for (let k = from; k < to; k++) {
          const row = ivf.items[k]!;
          // the visit stamp inline: this loop runs for thousands of rows per query
          if (stamp[row] === epoch) continue;
          stamp[row] = epoch;
          if (!all && !accept(row)) continue;
          const p = bonus[row]!;
          const room = (top.size < top.capacity ? -Infinity : top.score[0]!) - p;
          // score = wf / (1 + dist) + p beats the threshold only while dist < wf / room − 1
          const limit = room > 0 ? wf / room - 1 : Infinity;
          if (limit <= 0) continue;
          if (radius) {
            const gap = Math.abs(centre - radius[k]!);
            // shrunk a little, so rounding can never rule out a row that would have entered
            if (gap * gap * SAFE >= limit) continue;
          }
          const dist = sqDistBelow(features, ao, vectors, listed ? k * d : row * d, d, limit);
          if (dist < limit) top.push(row, wf / (1 + dist) + p);
        }
      }
    },
    similarEach,
  };
}

/** The first k in [from, to) with sorted[k] ≥ value (to when none). */
function firstAtLeast(sorted: Float64Array, from: number, to: number, value: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
