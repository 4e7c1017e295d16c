/**
 * "More like this" as a film lover reads it, on the real IMDb sample: well-known movies with the
 * neighbours people expect in their top 10, with MovieLens behaviour, and the ones content alone can
 * find (the same franchise, or the same director in the sample's crew) without it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadModel } from '../../src/core/model-load.ts';
import type { Model } from '../../src/core/model.ts';
import { createRecommender } from '../../src/core/recommend/index.ts';
import { buildRealSample } from '../helpers/real-sample.ts';

const DATA = resolve(import.meta.dirname, '../../../shared/data');
const skip = existsSync(DATA)
  ? false
  : 'no ../shared/data: the real IMDb sample and MovieLens ratings are absent';

/** tconst → title, so failures read as films. */
const FILMS: Record<string, string> = {
  tt0468569: 'The Dark Knight',
  tt1345836: 'The Dark Knight Rises',
  tt0372784: 'Batman Begins',
  tt0076759: 'Star Wars',
  tt0086190: 'Return of the Jedi',
  tt1375666: 'Inception',
  tt0816692: 'Interstellar',
  tt0482571: 'The Prestige',
  tt0114369: 'Se7en',
  tt0137523: 'Fight Club',
  tt0209144: 'Memento',
  tt0110912: 'Pulp Fiction',
  tt0266697: 'Kill Bill: Vol. 1',
  tt0116282: 'Fargo',
  tt0068646: 'The Godfather',
  tt0099685: 'Goodfellas',
  tt0114709: 'Toy Story',
  tt0110357: 'The Lion King',
  tt0107290: 'Jurassic Park',
  tt0103064: 'Terminator 2: Judgment Day',
};
const id = (title: string) => Object.entries(FILMS).find(([, t]) => t === title)![0];

/** Movie → neighbours a film lover expects in its top 10 (checked with MovieLens behaviour). */
const WITH_MOVIELENS: [string, string[]][] = [
  ['The Dark Knight', ['The Dark Knight Rises', 'Batman Begins']],
  ['Star Wars', ['Return of the Jedi']],
  ['Inception', ['Interstellar', 'The Dark Knight']],
  ['Interstellar', ['Inception', 'The Prestige']],
  ['Batman Begins', ['The Dark Knight', 'The Prestige']],
  ['Se7en', ['Fight Club', 'Memento']],
  // the sample has no crew row for Fight Club or Se7en, so Fincher cannot link them here
  ['Fight Club', ['Pulp Fiction', 'Memento']],
  ['Pulp Fiction', ['Se7en', 'Fargo']],
  ['Kill Bill: Vol. 1', ['Pulp Fiction']],
  ['The Godfather', ['Goodfellas']],
  ['Goodfellas', ['The Godfather', 'Pulp Fiction']],
  ['Toy Story', ['The Lion King']],
  ['The Lion King', ['Toy Story']],
  ['Jurassic Park', ['Terminator 2: Judgment Day']],
  ['Memento', ['Inception']],
];

/** What content alone finds: sequels and the director's other films in the sample's crew. */
const IMDB_ONLY: [string, string[]][] = [
  ['The Dark Knight', ['The Dark Knight Rises', 'Batman Begins']],
  ['Star Wars', ['Return of the Jedi']],
  ['Interstellar', ['Inception', 'The Prestige', 'Memento']],
];

async function built(movielens: string | false): Promise<{ model: Model; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-mlt-'));
  const modelDir = await buildRealSample(dir, { movielens });
  const model = await loadModel(async (name) => {
    try {
      return new Uint8Array(readFileSync(join(modelDir, name)));
    } catch {
      return null;
    }
  });
  return { model, dir };
}

function check(model: Model, cases: [string, string[]][]): string[] {
  const rec = createRecommender(model);
  const missing: string[] = [];
  for (const [movie, expected] of cases) {
    const row = model.byId.get(id(movie));
    assert.ok(row !== undefined, `${movie} is in the sample's catalog`);
    const top = rec.similar(row, { limit: 10 }).map((r) => model.catalog.id.get(r.index));
    for (const want of expected) {
      if (!top.includes(id(want))) {
        missing.push(`${movie} → ${want} (top 10: ${top.map((t) => FILMS[t] ?? t).join(', ')})`);
      }
    }
  }
  return missing;
}

test(
  'with MovieLens: fifteen well-known movies have the neighbours a film lover expects',
  { skip },
  async () => {
    const { model, dir } = await built(resolve(DATA, 'movielens'));
    try {
      assert.ok(model.collab, 'the model carries collaborative lists');
      assert.deepEqual(check(model, WITH_MOVIELENS), []);
      // explanations lead with their strongest reason, and they differ between items
      const rec = createRecommender(model);
      const list = rec.similar(model.byId.get(id('The Dark Knight'))!, { limit: 10 });
      const sentences = new Set(list.map((r) => r.explanation.sentence));
      assert.equal(sentences.size, list.length);
      const rises = list.find((r) => model.catalog.id.get(r.index) === id('The Dark Knight Rises'))!;
      assert.equal(rises.explanation.lead, 'franchise');
      assert.match(rises.explanation.sentence, /^The next Dark Knight film/);
      assert.ok(
        list.some((r) => /^Liked by \d+% of people who liked The Dark Knight/.test(r.explanation.sentence)),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('IMDb alone: sequels and the same director are found by content', { skip }, async () => {
  const { model, dir } = await built(false);
  try {
    assert.equal(model.collab, undefined);
    assert.deepEqual(check(model, IMDB_ONLY), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
