import { STEM_SLOTS } from '../../src/core/recommend/franchise.ts';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type BuildOptions } from '../../src/pipeline/build.ts';
import { loadModel } from '../../src/core/model-load.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { writeImdbFixture } from '../helpers/imdb-fixture.ts';

const SAMPLE = join(import.meta.dirname, '../../../shared/data/imdb-sample');
const effects = () => ({ log: memoryLogger(), now: () => new Date('2026-06-01T00:00:00Z'), version: 'test' });
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));

function options(dataDir: string, modelDir: string, extra: Partial<BuildOptions> = {}): BuildOptions {
  return {
    dataDir,
    modelDir,
    cacheDir: tmp('kinema-cache-'),
    catalog: 'kinema',
    features: 'kinema',
    k: 2,
    seed: 7,
    minVotes: 100,
    ...extra,
  };
}

const reader = (dir: string) => async (name: string) =>
  existsSync(join(dir, name)) ? readFileSync(join(dir, name)) : null;

test('build writes a model folder that serving can load', async () => {
  const model = join(tmp('kinema-m-'), 'model');
  const result = await build(options(writeImdbFixture(), model), effects());
  assert.equal(result.fresh, false);
  const loaded = await loadModel(reader(model));
  assert.equal(loaded.catalog.size, 5);
  assert.equal(loaded.k, 2);
  assert.equal(loaded.manifest.counts.badRows['title.basics'], 1);
  assert.deepEqual(
    loaded.manifest.clusters.map((c) => c.size).reduce((a, b) => a + b),
    5,
  );
  for (let i = 0; i < loaded.catalog.size; i++) assert.ok(loaded.catalog.cluster[i]! < 2);
  assert.deepEqual(
    result.timings.map((t) => t.step),
    [
      'ingest',
      'catalog',
      'features',
      'cluster',
      'write',
      'franchise',
      'ivf',
      'titles',
      'people',
      'indexes',
      'blend',
      'details',
      'names',
      'neighbours',
    ],
  );
  // serving maps the indexes the build made; it does not build them
  assert.equal(loaded.peopleIndex?.offsets.length, 6);
  assert.equal(loaded.franchise?.stems.length, 5 * STEM_SLOTS);
  assert.equal(loaded.titleIndex?.().size, 5);
});

test('a rebuild with nothing changed is fresh; --force and changed options rebuild', async () => {
  const data = writeImdbFixture();
  const model = join(tmp('kinema-m-'), 'model');
  const opts = options(data, model);
  await build(opts, effects());
  const log = memoryLogger();
  const again = await build(opts, { ...effects(), log });
  assert.equal(again.fresh, true);
  assert.match(log.lines.join('\n'), /is fresh/);
  assert.equal((await build({ ...opts, force: true }, effects())).fresh, false);
  assert.equal((await build({ ...opts, k: 3 }, effects())).fresh, false);
});

test('same inputs and seed give byte-identical model files', async () => {
  const data = writeImdbFixture();
  const a = join(tmp('kinema-a-'), 'model');
  const b = join(tmp('kinema-b-'), 'model');
  await build(options(data, a, { k: 3 }), effects());
  await build(options(data, b, { k: 3, threads: 1 }), effects());
  const files = readdirSync(a).filter((f) => f !== 'build-report.json');
  assert.ok(files.includes('movies.parquet'));
  for (const file of files)
    assert.ok(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), `${file} differs`);
});

test('with MovieLens ratings: collab.bin and the blend are written, and rebuilds are byte-identical', async () => {
  const data = writeImdbFixture();
  const ml = tmp('kinema-ml-');
  writeFileSync(join(ml, 'links.csv'), 'movieId,imdbId,tmdbId\n1,0000010,\n2,0000009,\n3,0000001,\n');
  const rows = ['userId,movieId,rating,timestamp'];
  for (let u = 1; u <= 12; u++) {
    rows.push(`${u},1,${u % 3 === 0 ? 2 : 4.5},1`, `${u},2,4,2`);
    if (u % 2 === 0) rows.push(`${u},3,5,3`);
  }
  writeFileSync(join(ml, 'ratings.csv'), `${rows.join('\n')}\n`);
  const a = join(tmp('kinema-a-'), 'model');
  const b = join(tmp('kinema-b-'), 'model');
  const ra = await build(options(data, a, { k: 2, movielens: ml }), effects());
  await build(options(data, b, { k: 2, movielens: ml, threads: 1 }), effects());
  assert.ok(ra.manifest.collab && ra.manifest.collab.ratings > 0, 'ratings reached the catalog');
  assert.ok(ra.manifest.blend, 'the blend weights are in the manifest');
  assert.ok(ra.timings.some((t) => t.step === 'collab+blend'));
  const files = readdirSync(a).filter((f) => f !== 'build-report.json');
  assert.ok(files.includes('collab.bin'));
  for (const file of files)
    assert.ok(readFileSync(join(a, file)).equals(readFileSync(join(b, file))), `${file} differs`);
});

test('a failed build leaves the previous model intact and no temp folder behind', async () => {
  const data = writeImdbFixture();
  const parent = tmp('kinema-m-');
  const model = join(parent, 'model');
  await build(options(data, model), effects());
  const before = readFileSync(join(model, 'catalog.bin'));
  writeFileSync(join(data, 'title.ratings.tsv.gz'), gzipSync('tconst\tvotes\ntt1\t1\n'));
  await assert.rejects(build(options(data, model, { force: true }), effects()), /unknown column layout/);
  assert.ok(readFileSync(join(model, 'catalog.bin')).equals(before));
  assert.deepEqual(readdirSync(parent), ['model']);
});

test('a missing required file says what to run', async () => {
  const empty = tmp('kinema-empty-');
  await assert.rejects(
    build(options(empty, join(empty, 'model')), effects()),
    /title\.basics\.tsv\.gz is missing/,
  );
});

test(
  'the real IMDb sample builds with both presets',
  { skip: existsSync(SAMPLE) ? false : 'no ../shared/data/imdb-sample here' },
  async () => {
    const kinema = await build(options(SAMPLE, join(tmp('kinema-s-'), 'model'), { k: 9 }), effects());
    assert.ok(kinema.manifest.counts.movies > 5000);
    assert.equal(kinema.manifest.clusters.length, 9);
    assert.ok(kinema.manifest.clusters.every((c) => c.size > 0));
    const original = await build(
      options(SAMPLE, join(tmp('kinema-s-'), 'model'), {
        k: 9,
        catalog: 'original',
        features: 'original',
        minVotes: undefined,
      }),
      effects(),
    );
    assert.ok(original.manifest.counts.movies < kinema.manifest.counts.movies / 10);
    assert.equal(original.manifest.features.names.length, 4);
  },
);

test('--algorithm minibatch and --n-init reach the clustering step and the manifest', async () => {
  const data = writeImdbFixture();
  const model = join(tmp('kinema-m-'), 'model');
  await build(options(data, model, { algorithm: 'minibatch' }), effects());
  const loaded = await loadModel(reader(model));
  assert.equal(loaded.manifest.kmeans.algorithm, 'minibatch');
  assert.equal(loaded.catalog.size, 5);
  const restarts = await build(options(data, model, { nInit: 3 }), effects());
  assert.equal(restarts.fresh, false, 'nInit is part of the build key');
  assert.equal((await loadModel(reader(model))).manifest.kmeans.algorithm, 'hamerly');
});
