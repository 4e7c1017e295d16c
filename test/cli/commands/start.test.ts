import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { offlineHint, runStart, type StartFlags } from '../../../src/cli/commands/start.ts';
import type { ModelManifest } from '../../../src/core/model-manifest.ts';
import { build } from '../../../src/pipeline/build.ts';
import { memoryLogger } from '../../../src/core/log.ts';
import { writeImdbFixture } from '../../helpers/imdb-fixture.ts';
import { readVersion } from '../../../src/cli/version.ts';

test('the offline hint gives commands to paste, in the form the user ran (npm start or npx)', () => {
  const npm = offlineHint('./data/imdb', { npm_lifecycle_event: 'start' });
  assert.match(npm, /`npm start -- --from DIR`/);
  assert.match(npm, /`npx kinema sample --scale 0\.01 --out \.\/data\/imdb && npm start`/);
  const npx = offlineHint('/tmp/imdb', {});
  assert.match(npx, /`npx kinema start --from DIR --data \/tmp\/imdb`/);
  assert.match(
    npx,
    /--out \/tmp\/imdb && npx kinema start --data \/tmp\/imdb`/,
    'sample writes where start reads',
  );
});

test('start keeps a model built with other options (k 3, seed 7) instead of rebuilding it with k 9', async () => {
  const root = mkdtempSync(join(tmpdir(), 'kinema-start-'));
  const data = writeImdbFixture(undefined, { dir: join(root, 'imdb') });
  const model = join(root, 'model');
  const effects = { log: memoryLogger(), now: () => new Date(), version: readVersion() };
  const opts = {
    dataDir: data,
    modelDir: model,
    catalog: 'kinema',
    features: 'kinema',
    k: 3,
    seed: 7,
  } as const;
  await build({ ...opts, movielens: false }, effects);
  const manifestPath = join(model, 'manifest.json');
  const manifest = () => JSON.parse(readFileSync(manifestPath, 'utf8')) as ModelManifest;
  assert.deepEqual(manifest().settings, { catalog: 'kinema', features: 'kinema', k: 3, seed: 7 });
  const before = statSync(manifestPath).mtimeMs;
  const flags: StartFlags = { data, model, serve: false, port: 0, host: '127.0.0.1', movielens: 'none' };
  await runStart(flags);
  assert.equal(manifest().kmeans.k, 3);
  assert.equal(statSync(manifestPath).mtimeMs, before, 'the model was fresh: not rebuilt');

  // a model from before settings were recorded: its k and seed come from the manifest's kmeans part
  const { settings: _settings, ...older } = manifest();
  writeFileSync(manifestPath, JSON.stringify(older));
  await runStart(flags);
  assert.equal(manifest().kmeans.k, 3);
  assert.equal(manifest().kmeans.seed, 7);
});
