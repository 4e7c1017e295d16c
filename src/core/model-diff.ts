/**
 * What a rebuild changed against the model it replaces: movies added and removed, the largest rating
 * and vote moves, movies that changed cluster, entries in and out of the Top rated and Most popular
 * heads, and the change in the build's eval figures. Recorded in the manifest, printed by the build,
 * shown on /status.
 */
import type { Catalog } from './model-catalog.ts';
import type { BuildEval } from './model-manifest.ts';

export interface DiffMovie {
  id: string;
  title: string;
  year: number;
}

export interface DiffMove extends DiffMovie {
  before: number;
  after: number;
}

export interface ListDiff {
  entered: DiffMovie[];
  left: DiffMovie[];
}

export interface ModelDiff {
  /** The previous model's content id. */
  from: string;
  movies: { before: number; after: number; added: number; removed: number };
  added: DiffMovie[];
  removed: DiffMovie[];
  rating: DiffMove[];
  votes: DiffMove[];
  /** Movies in both models whose cluster id changed, and the most voted of them. */
  clusterChanges: number;
  clusterMoves: DiffMove[];
  lists: { topRated: ListDiff; popular: ListDiff };
  eval?: { before?: BuildEval; after?: BuildEval };
}

export interface DiffSide {
  catalog: Catalog;
  /** Rows best first (catalog.bin's orders). */
  orders: { popular: Int32Array; topRated: Int32Array };
  eval?: BuildEval;
}

/** Entries each part of the diff lists (the counts are always whole). */
export const DIFF_SHOWN = 10;
/** How deep the Top rated and Most popular lists are compared. */
export const DIFF_LIST_HEAD = 100;

/** `from` is the previous model's content id. */
export function diffModels(from: string, before: DiffSide, after: DiffSide): ModelDiff {
  const old = new Map<string, number>();
  for (let i = 0; i < before.catalog.size; i++) old.set(before.catalog.id.get(i), i);
  const a = before.catalog;
  const b = after.catalog;
  const added: number[] = [];
  const kept: [number, number][] = []; // [before row, after row]
  for (let j = 0; j < b.size; j++) {
    const i = old.get(b.id.get(j));
    if (i === undefined) added.push(j);
    else {
      kept.push([i, j]);
      old.delete(b.id.get(j));
    }
  }
  const removed = [...old.values()].sort((x, y) => a.votes[y]! - a.votes[x]! || x - y);
  const byVotes = (rows: number[]) => rows.sort((x, y) => b.votes[y]! - b.votes[x]! || x - y);
  const moves = (value: (c: Catalog, row: number) => number, rank: (m: DiffMove) => number) =>
    kept
      .map(([i, j]) => ({ ...movie(b, j), before: value(a, i), after: value(b, j), votes: b.votes[j]! }))
      .filter((m) => m.before !== m.after)
      .sort((x, y) => rank(y) - rank(x) || y.votes - x.votes || (x.id < y.id ? -1 : 1))
      .slice(0, DIFF_SHOWN)
      .map(({ votes: _v, ...m }) => m);
  const clusterMoved = kept.filter(([i, j]) => a.cluster[i] !== b.cluster[j]);
  return {
    from,
    movies: { before: a.size, after: b.size, added: added.length, removed: removed.length },
    added: byVotes(added)
      .slice(0, DIFF_SHOWN)
      .map((j) => movie(b, j)),
    removed: removed.slice(0, DIFF_SHOWN).map((i) => movie(a, i)),
    rating: moves(
      (c, r) => round1(c.rating[r]!),
      (m) => Math.abs(m.after - m.before),
    ),
    votes: moves(
      (c, r) => c.votes[r]!,
      (m) => m.after - m.before,
    ),
    clusterChanges: clusterMoved.length,
    clusterMoves: clusterMoved
      .sort(([, x], [, y]) => b.votes[y]! - b.votes[x]! || x - y)
      .slice(0, DIFF_SHOWN)
      .map(([i, j]) => ({ ...movie(b, j), before: a.cluster[i]!, after: b.cluster[j]! })),
    lists: {
      topRated: listDiff(before, after, 'topRated'),
      popular: listDiff(before, after, 'popular'),
    },
    ...(before.eval || after.eval ? { eval: { before: before.eval, after: after.eval } } : {}),
  };
}

/** True when the rebuild changed nothing a reader of the diff would see. */
export function diffIsEmpty(d: ModelDiff): boolean {
  return (
    d.movies.added + d.movies.removed + d.rating.length + d.votes.length + d.clusterChanges === 0 &&
    [d.lists.topRated, d.lists.popular].every((l) => l.entered.length + l.left.length === 0)
  );
}

// --- internal ---

function movie(c: Catalog, row: number): DiffMovie {
  return { id: c.id.get(row), title: c.title.get(row), year: c.year[row]! };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

function listDiff(before: DiffSide, after: DiffSide, list: 'topRated' | 'popular'): ListDiff {
  const head = (side: DiffSide) =>
    Array.from(side.orders[list].subarray(0, Math.min(DIFF_LIST_HEAD, side.catalog.size)), (r) =>
      side.catalog.id.get(r),
    );
  const was = head(before);
  const now = head(after);
  const wasSet = new Set(was);
  const nowSet = new Set(now);
  const pick = (ids: string[], set: Set<string>, side: DiffSide) => {
    const rows = new Map<string, number>();
    side.orders[list].subarray(0, DIFF_LIST_HEAD).forEach((r) => rows.set(side.catalog.id.get(r), r));
    return ids
      .filter((id) => !set.has(id))
      .slice(0, DIFF_SHOWN)
      .map((id) => movie(side.catalog, rows.get(id)!));
  };
  return { entered: pick(now, wasSet, after), left: pick(was, nowSet, before) };
}
