import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRandom } from '../../../src/numeric/random.ts';
import { ratingsMatrix, type RatingTriple } from '../../../src/core/collab/ratings.ts';
import { likedMatrix } from '../../../src/core/collab/liked.ts';
import { CollabListsBuilder } from '../../../src/core/collab/lists.ts';
import { cooccurrenceRows, cosineRule } from '../../../src/core/collab/cooccurrence.ts';
import { easeRows } from '../../../src/core/collab/ease.ts';
import { DEFAULT_COLLAB, trainCollab } from '../../../src/core/collab/train.ts';

/** 150 movies with heavy-tailed popularity, 400 users of uneven activity. */
function ratings() {
  const rng = createRandom(11);
  const triples: RatingTriple[] = [];
  for (let u = 0; u < 400; u++) {
    const n = 2 + Math.floor(60 * rng.next() ** 3);
    for (let r = 0; r < n; r++) {
      const item = Math.floor(150 * rng.next() ** 2);
      triples.push({ userId: u + 1, item, rating: 1 + rng.int(5) });
    }
  }
  return ratingsMatrix(triples, 150);
}

test('EASE lists skip summing the co-likes of the rows EASE writes, and come out the same', () => {
  const m = ratings();
  const options = { ...DEFAULT_COLLAB, k: 20, maxItems: 40 };
  // the long way: every co-occurrence row, then EASE's rows over its movies'
  const liked = likedMatrix(m, options.threshold);
  const builder = new CollabListsBuilder(liked.items, options.k);
  cooccurrenceRows(liked, cosineRule(liked, options.shrink), builder);
  const chosen = easeRows(liked, { lambda: options.lambda, maxItems: options.maxItems }, builder);
  assert.equal(chosen.length, 40);
  const want = builder.finish(liked.counts, liked.users);
  assert.deepEqual(trainCollab(m, options), want);
  // the skipped rows are real rows: without EASE they hold co-occurrence lists
  const cosine = trainCollab(m, { ...options, method: 'cosine' });
  const rowOf = (c: typeof want, i: number) => [...c.items.subarray(c.offsets[i]!, c.offsets[i + 1]!)];
  assert.ok(chosen.some((i) => rowOf(cosine, i).join() !== rowOf(want, i).join()));
});
