/**
 * Model swap faults (issue 16, items 13-14) and the one model id (issue 14): a loader never pairs one
 * build's manifest with another's files, a model copied file by file is served once complete, and
 * `kinema serve` puts back a model a build killed between its two renames left aside.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, kinema, sampleData, tempDir } from './_cli.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { loadModel } from '../../src/core/model-load.ts';
import type { ModelManifest } from '../../src/core/model-manifest.ts';
import { ModelMismatchError } from '../../src/core/model-id.ts';
import { modelVersion } from '../../src/deploy/model-version.ts';
import { fileModelReader } from '../../src/runtime/files.ts';
import { startServer } from '../../src/runtime/node.ts';
import { figures as none, reportFigures } from '../helpers/figures.ts';
import { loadServedModel } from '../../src/runtime/model-watch.ts';

const base = tempDir('faults-swap');
const data = join(base, 'imdb');
sampleData(data);
const figures = { ...none(), loads: 0, mixed: 0 };

function build(model: string, seed: number) {
  const r = kinema(
    ['build', '--data', data, '--model', model, '--cache', join(base, `cache-${seed}`)].concat([
      '--min-votes',
      '0',
      '--threads',
      '1',
      '--seed',
      String(seed),
    ]),
  );
  assert.equal(r.status, 0, r.stderr);
}
const manifestOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ModelManifest;

const a = join(base, 'a');
const b = join(base, 'b');
build(a, 1);
build(b, 2);
/** Artifacts the two builds disagree on (features and neighbours do not depend on the seed). */
const differing = readdirSync(b).filter(
  (n) =>
    n !== 'manifest.json' &&
    n !== 'build-report.json' &&
    !readFileSync(join(a, n)).equals(readFileSync(join(b, n))),
);

test('one model id: written by the build from the artifact hashes, used by /healthz and deploy, reproducible', async () => {
  const manifest = manifestOf(a);
  assert.match(manifest.id ?? '', /^[0-9a-f]{16}$/);
  for (const name of manifest.artifacts.filter((n) => n !== 'manifest.json')) {
    const bytes = readFileSync(join(a, name));
    assert.equal(manifest.files?.[name]?.size, bytes.length, `${name}: size not recorded`);
  }
  assert.equal(modelVersion(a), manifest.id);
  const server = await startServer({ modelDir: a, port: 0, log: memoryLogger(), handleSignals: false });
  try {
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { model: string };
    assert.equal(health.model, manifest.id);
  } finally {
    await server.close();
  }
  const again = join(base, 'a-again');
  build(again, 1);
  assert.equal(manifestOf(again).id, manifest.id, 'the same data and seed gave another id');
  assert.notEqual(manifestOf(b).id, manifest.id);
});

test("a manifest of one build with another build's files is refused, file by file", async () => {
  assert.ok(differing.includes('catalog.bin') && differing.includes('centroids.f32'), differing.join());
  for (const name of differing.filter((n) => n !== 'movies.parquet')) {
    figures.loads++;
    const read = fileModelReader(a);
    const mixed = async (file: string) => (file === name ? readFileSync(join(b, file)) : read(file));
    try {
      await loadModel(mixed);
      figures.mixed++;
      assert.fail(`${name} from another build was accepted`);
    } catch (error) {
      assert.ok(error instanceof ModelMismatchError, `${name}: ${String(error)}`);
      assert.match((error as Error).message, new RegExp(name.replace('.', '\\.')));
    }
  }
});

test("the server's loader, which reads neighbours.bin at offsets, refuses a same-size one of another build", async () => {
  const dir = join(base, 'same-size-neighbours');
  cpSync(a, dir, { recursive: true });
  const bytes = readFileSync(join(dir, 'neighbours.bin'));
  const n = manifestOf(a).neighbours!.n;
  // the lists of a build on other data: the same size (same catalog size), other rows
  const row = n * 8;
  const other = Buffer.concat([
    bytes.subarray(row, 2 * row),
    bytes.subarray(0, row),
    bytes.subarray(2 * row),
  ]);
  assert.equal(other.length, bytes.length);
  writeFileSync(join(dir, 'neighbours.bin'), other);
  figures.loads++;
  try {
    await loadServedModel(dir);
    figures.mixed++;
    assert.fail('a neighbours.bin of another build was served');
  } catch (error) {
    assert.ok(error instanceof ModelMismatchError, String(error));
    assert.match(error.message, /neighbours\.bin/);
  }
});

test('a model updated file by file (manifest first) is not served mixed, and is served once complete', async () => {
  const served = join(base, 'served');
  build(served, 1);
  const log = memoryLogger();
  const server = await startServer({
    modelDir: served,
    port: 0,
    log,
    handleSignals: false,
    watchIntervalMs: 60_000,
  });
  const health = async () =>
    ((await (await fetch(`${server.url}/healthz`)).json()) as { model: string }).model;
  try {
    assert.equal(await health(), manifestOf(a).id);
    copyFileSync(join(b, 'manifest.json'), join(served, 'manifest.json'));
    // the files that differ go last, one by one: each check in between must keep the old model
    // (movies.parquet is for export and analysis: serving never reads it)
    const loaded = differing.filter((n) => n !== 'movies.parquet');
    const same = readdirSync(b).filter((n) => n !== 'manifest.json' && !loaded.includes(n));
    for (const name of [...same, ...loaded]) {
      figures.loads++;
      const swapped = await server.reload();
      const now = await health();
      if (swapped && now !== manifestOf(b).id) figures.mixed++;
      if (loaded.includes(name)) {
        assert.equal(swapped, false, `swapped with ${name} still from the old build`);
        assert.equal(now, manifestOf(a).id);
      }
      copyFileSync(join(b, name), join(served, name));
    }
    figures.loads++;
    assert.equal(await server.reload(), true, 'the complete model was never picked up');
    assert.equal(await health(), manifestOf(b).id);
  } finally {
    await server.close();
  }
  reportFigures('model swap: mixed folders loaded', {
    ...none(),
    tried: figures.loads,
    replaced: figures.mixed,
  });
  assert.equal(figures.mixed, 0);
});

test('kinema serve puts back a model a build killed between its two renames left aside', async () => {
  const dir = join(base, 'half-committed');
  const model = join(dir, 'model');
  build(model, 1);
  const dead = spawnSync(process.execPath, ['-e', '']).pid!;
  renameSync(model, join(dir, `.model.old-${dead}`));
  // the killed build's complete new folder, not yet renamed into place: the previous model comes back
  cpSync(b, join(dir, `.model.tmp-${dead}`), { recursive: true });
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/kinema.js'), 'serve', '--model', model, '--port', '0'],
    {
      cwd: ROOT,
    },
  );
  try {
    const url = await new Promise<string>((done, fail) => {
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /^(http:\/\/\S+)$/m.exec(out);
        if (m) done(m[1]!);
      });
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      child.on('exit', (code) => fail(new Error(`serve exited ${code}: ${err}`)));
    });
    const health = (await (await fetch(`${url}/healthz`)).json()) as { model: string };
    assert.equal(health.model, manifestOf(a).id);
    assert.deepEqual(readdirSync(dir), ['model']);
  } finally {
    child.kill('SIGTERM');
  }
});
