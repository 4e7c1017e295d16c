/**
 * The pure collaborative rows of the table: a method of src/core/collab trained on the round's
 * ratings, "more like this" = a movie's row, taste = the rows of the liked movies summed.
 */
import { trainCollab, type CollabOptions } from '../collab/train.ts';
import { raterCounts } from '../collab/ratings.ts';
import { topK } from './top-k.ts';
import type { Baseline } from './types.ts';

export function collabBaseline(options: Partial<CollabOptions>): Baseline {
  return (ctx) => {
    const lists = trainCollab(ctx.train, options);
    const n = ctx.catalog.size;
    const tie = raterCounts(ctx.train);
    const acc = new Float64Array(n);
    const touched: number[] = [];
    const gather = (items: readonly number[]) => {
      for (const a of items) {
        for (let p = lists.offsets[a]!; p < lists.offsets[a + 1]!; p++) {
          const j = lists.items[p]!;
          if (acc[j] === 0) touched.push(j);
          acc[j]! += lists.scores[p]!;
        }
      }
    };
    const take = (limit: number, skip: (i: number) => boolean) => {
      const best = topK(acc, limit, { candidates: touched, skip, tie });
      for (const j of touched) acc[j] = 0;
      touched.length = 0;
      return best;
    };
    return {
      similar(item, limit) {
        gather([item]);
        return take(limit, (i) => i === item);
      },
      taste(liked, exclude, limit) {
        gather(liked);
        return take(limit, (i) => exclude.has(i));
      },
    };
  };
}
