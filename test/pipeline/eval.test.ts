import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { memoryLogger } from '../../src/core/log.ts';
import { BASELINES } from '../../src/core/eval/registry.ts';
import { TUNED, runEval } from '../../src/pipeline/eval.ts';

const DATA = resolve(import.meta.dirname, '../../../shared/data');
const skip = existsSync(DATA) ? false : 'no ../shared/data: the real MovieLens and IMDb sample are absent';

const effects = () => ({
  log: memoryLogger(),
  now: () => performance.now(),
  clock: () => new Date('2026-11-25T00:00:00Z'),
  version: 'test',
});
const options = {
  movielensDir: resolve(DATA, 'movielens'),
  imdbDir: resolve(DATA, 'imdb-sample'),
  seed: 42,
  rounds: 1,
};

test('the whole eval on real data: every baseline, every value in [0, 1]', { skip }, async () => {
  const report = await runEval(options, effects());
  const names = BASELINES.map((b) => b.name);
  assert.deepEqual(
    report.results.map((r) => r.name),
    names,
  );
  for (const r of report.results) {
    for (const mode of [r.similar, r.taste]) {
      for (const key of ['hr', 'ndcg', 'coverage', 'novelty', 'diversity'] as const) {
        assert.ok(mode[key] >= 0 && mode[key] <= 1, `${r.name} ${key} = ${mode[key]}`);
      }
      assert.ok(mode.ndcg <= mode.hr, `${r.name}: NDCG never exceeds the hit rate`);
    }
    assert.equal(r.taste.cases, report.summary.cases);
  }
  const by = (name: string) => report.results.find((r) => r.name.startsWith(name))!;
  // sanity, not a fixed figure: learning from ratings beats chance, and one global list covers little
  assert.ok(by('item-kNN').taste.hr > by('random').taste.hr);
  assert.ok(by('random').similar.coverage > by('most popular').similar.coverage);
  assert.ok(by('kinema hybrid').taste.hr > by('most popular').taste.hr);
  // a third of the users choose the weights and are never reported
  assert.ok(report.summary.tuneUsers > 50 && report.summary.evaluatedUsers > report.summary.tuneUsers);
  assert.ok(report.summary.cases >= 200 && report.summary.pairs > report.summary.cases);
  // the catalog is the real build's; ratings only on its movies
  assert.ok(report.data.catalogMovies > 8000 && report.data.catalogMovies <= report.sources.movies);
  assert.equal(report.sources.basics.imdb + report.sources.basics.movielens, report.sources.movies);
  assert.ok(report.data.ratingsKept <= report.data.ratings);
});

test('eval is deterministic for a seed', { skip }, async () => {
  const only = ['random', 'genre', 'original'];
  const a = await runEval({ ...options, only, tuned: false }, effects());
  const b = await runEval({ ...options, only, tuned: false }, effects());
  const strip = (r: typeof a) => r.results.map(({ seconds: _s, ...rest }) => rest);
  assert.deepEqual(strip(a), strip(b));
  assert.equal(a.results.length, 3);
});

test('bad options fail before any work, naming the bad value', async () => {
  const nowhere = { movielensDir: '/nonexistent', imdbDir: '/nonexistent', seed: 1 };
  await assert.rejects(
    runEval({ ...nowhere, only: ['kinema', 'nope'] }, effects()),
    /no strategy is named "nope"/,
  );
  await assert.rejects(
    runEval({ ...nowhere, tuned: { ...TUNED, recommender: { bogus: 1 } as never } }, effects()),
    /bad recommender weight bogus=1/,
  );
  await assert.rejects(runEval(nowhere, effects()), /\/nonexistent\/movies\.csv does not exist/);
});
