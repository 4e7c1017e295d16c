/**
 * "Like this, but…" on the real IMDb sample: each move changes the top 10 in its direction (newer
 * raises the median year, shorter lowers the median runtime, lighter adds comedy/family/animation…)
 * and keeps it about the movie (at least half of it from the movie's own top 50), from precomputed
 * lists and from the live search alike. Parsing of the API and CLI spellings on its own.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { genreMask } from '../../../src/core/genres.ts';
import { loadModel } from '../../../src/core/model-load.ts';
import type { Model } from '../../../src/core/model.ts';
import { createRecommender } from '../../../src/core/recommend/index.ts';
import { isTuned, parseMoves, parseWeights, type Tune } from '../../../src/core/recommend/tune.ts';
import { KinemaError } from '../../../src/core/errors.ts';
import { fileModelReader } from '../../../src/runtime/files.ts';
import { buildRealSample, noRealSample } from '../../helpers/real-sample.ts';

const skip = noRealSample;

const MOVIES = {
  tt0468569: 'The Dark Knight',
  tt1375666: 'Inception',
  tt0068646: 'The Godfather',
  tt0114709: 'Toy Story',
  tt0110912: 'Pulp Fiction',
  tt0107290: 'Jurassic Park',
};

let dir: string;
let model: Model;

before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), 'kinema-tune-'));
  const modelDir = await buildRealSample(dir);
  model = await loadModel(fileModelReader(modelDir));
});

after(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const LIGHT = genreMask(['Comedy', 'Family', 'Animation']);
const DARK = genreMask(['Crime', 'Horror', 'Thriller', 'War']);
const bits = (x: number) => x.toString(2).replaceAll('0', '').length;

/**
 * Per move, a per-movie key the move favours (NaN = unknown, left out) and how a top 10 sums it up:
 * the median for years, runtimes, ratings and votes, the total for the genre balance.
 */
const lightness = (m: Model, r: number) =>
  bits(m.catalog.genres[r]! & LIGHT) - bits(m.catalog.genres[r]! & DARK);
const DIRECTION: Record<string, { key: (m: Model, r: number) => number; sum?: boolean }> = {
  newer: { key: (m, r) => m.catalog.year[r]! },
  older: { key: (m, r) => -m.catalog.year[r]! },
  shorter: { key: (m, r) => (m.catalog.runtime[r]! > 0 ? -m.catalog.runtime[r]! : NaN) },
  longer: { key: (m, r) => (m.catalog.runtime[r]! > 0 ? m.catalog.runtime[r]! : NaN) },
  lighter: { key: lightness, sum: true },
  darker: { key: (m, r) => -lightness(m, r), sum: true },
  acclaimed: { key: (m, r) => m.catalog.bayes[r]! },
  'lesser-known': { key: (m, r) => -m.catalog.votes[r]! },
};
const measure = (m: Model, move: string, rows: number[]) => {
  const { key, sum } = DIRECTION[move]!;
  const keys = rows.map((r) => key(m, r)).filter((k) => !Number.isNaN(k));
  return sum ? keys.reduce((a, b) => a + b, 0) : median(keys);
};
/** The most a top 10 drawn from `pool` can reach: its 10 best movies by the key. */
const ceiling = (m: Model, move: string, pool: number[]) => {
  const { key } = DIRECTION[move]!;
  const known = pool.filter((r) => !Number.isNaN(key(m, r)));
  return measure(m, move, known.sort((a, b) => key(m, b) - key(m, a)).slice(0, 10));
};

for (const [label, live] of [
  ['precomputed neighbours', false],
  ['live search (no precomputed lists)', true],
] as const) {
  test(
    `every move changes the top 10 in its direction and keeps it about the movie: ${label}`,
    { skip },
    () => {
      const m: Model = live ? { ...model, neighbours: undefined } : model;
      assert.ok(live || m.neighbours, 'the build wrote neighbour lists');
      const rec = createRecommender(m);
      const failures: string[] = [];
      for (const [id, title] of Object.entries(MOVIES)) {
        const row = m.byId.get(id);
        assert.ok(row !== undefined, `${title} is in the sample`);
        const own50 = new Set(rec.similar(row, { limit: 50 }).map((r) => r.index));
        const plain = rec.similar(row, { limit: 10 }).map((r) => r.index);
        let moved = 0;
        for (const move of Object.keys(DIRECTION)) {
          const tune: Tune = { moves: parseMoves(move) };
          const tuned: number[] = rec.similar(row, { limit: 10, tune }).map((r) => r.index);
          assert.equal(tuned.length, 10);
          assert.ok(!tuned.includes(row), `${title} is not its own neighbour`);
          const before = measure(m, move, plain);
          const after = measure(m, move, tuned);
          // a list already at the best its own top 50 allows (Toy Story's neighbours are all light) stays
          const limit = ceiling(m, move, [...own50]);
          if (!(after > before || (before === limit && after === limit))) {
            failures.push(`${title} ${move}: ${before} → ${after} (its top 50 allows ${limit})`);
          }
          if (after !== before) moved++;
          const kept = tuned.filter((r) => own50.has(r)).length;
          if (kept < 5) failures.push(`${title} ${move}: only ${kept} of 10 from its own top 50`);
        }
        assert.ok(moved >= 6, `${title}: only ${moved} of 8 moves changed the top 10's measure`);
      }
      assert.deepEqual(failures, []);
    },
  );
}

test('sliders re-rank the same candidates; all at 1 is the plain list', { skip }, () => {
  const rec = createRecommender(model);
  const row = model.byId.get('tt0468569')!;
  const own = new Set(rec.similar(row, { limit: 50 }).map((r) => r.index));
  const plain = rec.similar(row, { limit: 10 }).map((r) => r.index);
  const neutral = { genres: 1, people: 1, era: 1, popularity: 1 };
  assert.deepEqual(
    rec.similar(row, { limit: 10, tune: { weights: neutral } }).map((r) => r.index),
    plain,
  );
  const era = rec.similar(row, { limit: 10, tune: { weights: { era: 2 } } }).map((r) => r.index);
  const gap = (rows: number[]) =>
    median(rows.map((r) => Math.abs(model.catalog.year[r]! - model.catalog.year[row]!)));
  assert.ok(
    gap(era) < gap(plain) || gap(plain) === 0,
    `era 2 brings the years closer: ${gap(plain)} → ${gap(era)}`,
  );
  const popular = rec.similar(row, { limit: 10, tune: { weights: { popularity: 2 } } }).map((r) => r.index);
  const votes = (rows: number[]) => median(rows.map((r) => model.catalog.votes[r]!));
  assert.ok(votes(popular) > votes(plain), `popularity 2 lists better-known films`);
  for (const r of [...era, ...popular]) assert.ok(own.has(r), 'tuned lists come from the own neighbours');
});

test('moves and weights parse from the API and CLI spellings, and refuse anything else', () => {
  assert.deepEqual(parseMoves('newer, Lighter,newer'), ['newer', 'lighter']);
  assert.deepEqual(parseMoves(''), []);
  assert.throws(
    () => parseMoves('newer,funnier'),
    (e: unknown) => {
      assert.ok(e instanceof KinemaError && e.code === 'bad-input');
      assert.match(e.message, /unknown move "funnier"/);
      return true;
    },
  );
  assert.deepEqual(parseWeights('genres:1.5,era:0'), { genres: 1.5, era: 0 });
  for (const bad of ['genres', 'genres:3', 'colour:1', 'era:-1', 'era:1e2']) {
    assert.throws(() => parseWeights(bad), KinemaError, bad);
  }
  assert.equal(isTuned(undefined), false);
  assert.equal(isTuned({ moves: [], weights: { genres: 1 } }), false);
  assert.equal(isTuned({ weights: { people: 0.5 } }), true);
});
