/** kinema's own recommender as a strategy, through the same public API the site and CLI use. */
import { KinemaError } from '../errors.ts';
import type { Model } from '../model.ts';
import type { Recommender } from '../recommend/types.ts';
import type { Baseline, Strategy } from './types.ts';

/** The recommender over the evaluated model, with its default settings. */
export const kinemaDefault: Baseline = (ctx) => {
  const rec = ctx.recommender;
  if (!rec) throw new KinemaError('bad-input', 'the kinema baseline needs a recommender over the eval model');
  return adapt(
    rec,
    (i) => i,
    (i) => i,
  );
};

/**
 * kinema on another model of the same movies (e.g. built with other feature weights), mapped onto the
 * evaluated catalog by tconst.
 */
export function kinemaOn(model: Model, recommender: Recommender): Baseline {
  return (ctx) => {
    const to = Int32Array.from(
      { length: ctx.catalog.size },
      (_, i) => model.byId.get(ctx.catalog.id.get(i)) ?? -1,
    );
    const from = new Int32Array(model.catalog.size).fill(-1);
    to.forEach((row, i) => row >= 0 && (from[row] = i));
    return adapt(
      recommender,
      (i) => to[i]!,
      (row) => from[row]!,
    );
  };
}

// --- internal ---

function adapt(rec: Recommender, to: (i: number) => number, from: (row: number) => number): Strategy {
  const rows = (items: Iterable<number>) => [...items].map(to).filter((r) => r >= 0);
  const back = (list: { index: number }[]) => list.map((r) => from(r.index)).filter((i) => i >= 0);
  return {
    similar(item, limit) {
      const row = to(item);
      return row < 0 ? [] : back(rec.similar(row, { limit }));
    },
    taste(liked, exclude, limit) {
      const likedRows = rows(liked);
      if (likedRows.length === 0) return [];
      return back(rec.taste({ liked: likedRows, seen: rows(exclude) }, { limit }));
    },
  };
}
