import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KinemaError } from '../../src/core/errors.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { startServer } from '../../src/runtime/node.ts';
import { CLASSICS, writeFixtureModel } from '../helpers/fixture-model.ts';

/** A temporary folder removed when the test ends. */
function tempDir(t: TestContext, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const health = async (url: string) =>
  (await (await fetch(`${url}/healthz`)).json()) as { movies: number; model: string };

test('startServer serves the model folder on 127.0.0.1 and logs each request', async (t) => {
  const root = tempDir(t, 'kinema-node-');
  const modelDir = join(root, 'model');
  writeFixtureModel(modelDir);
  const log = memoryLogger();
  const server = await startServer({ modelDir, port: 0, log, handleSignals: false });
  try {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal((await health(server.url)).movies, 16);
    const css = await fetch(`${server.url}/assets/app.css`);
    assert.equal(css.status, 200);
    assert.ok((await css.text()).includes('--accent'));
    const page = await fetch(`${server.url}/movie/tt0068646`);
    assert.equal(page.status, 200);
    const access = log.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    assert.ok(access.some((l) => l.path === '/movie/tt0068646' && l.status === 200 && l.ip === '127.0.0.1'));
  } finally {
    await server.close();
  }
  await assert.rejects(fetch(`${server.url}/healthz`));
});

test('hot swap: a rebuilt folder replaces the model, a broken one is rejected and the old one keeps serving', async (t) => {
  const root = tempDir(t, 'kinema-swap-');
  const modelDir = join(root, 'model');
  writeFixtureModel(modelDir);
  const log = memoryLogger();
  const server = await startServer({ modelDir, port: 0, log, handleSignals: false, watchIntervalMs: 60_000 });
  try {
    const before = await health(server.url);
    assert.equal(await server.reload(), false, 'nothing changed yet');

    // what `kinema build` does: write a complete folder elsewhere, then rename it into place
    const next = join(root, 'model.next');
    writeFixtureModel(next, CLASSICS.slice(0, 10), 3);
    renameSync(modelDir, join(root, 'model.old'));
    renameSync(next, modelDir);
    assert.equal(await server.reload(), true);
    const after = await health(server.url);
    assert.equal(after.movies, 10);
    assert.notEqual(after.model, before.model);
    assert.equal((await fetch(`${server.url}/api/movies/tt0211915`)).status, 404, 'Amélie left the catalog');

    // a build that died half-way: truncated features, manifest rewritten
    writeFileSync(join(modelDir, 'features.f32'), new Uint8Array(7));
    const manifest = join(modelDir, 'manifest.json');
    writeFileSync(manifest, `${readFileSync(manifest, 'utf8')} `);
    assert.equal(await server.reload(), false);
    assert.ok(log.lines.some((l) => l.startsWith('warn: new model') && l.includes('rejected')));
    assert.equal((await health(server.url)).movies, 10, 'the previous model still serves');
    assert.equal(await server.reload(), false, 'a rejected folder is not retried until it changes');
  } finally {
    await server.close();
  }
});

test('startServer explains a missing model folder', async (t) => {
  const dir = join(tempDir(t, 'kinema-none-'), 'model');
  await assert.rejects(
    startServer({ modelDir: dir, port: 0, log: memoryLogger(), handleSignals: false }),
    (error) => {
      assert.ok(error instanceof KinemaError);
      assert.match(error.message, /manifest\.json is missing/);
      return true;
    },
  );
});

test('geo restriction with geoip-country: real lookups decide, a loopback client is unknown', async (t) => {
  const modelDir = join(tempDir(t, 'kinema-geo-'), 'model');
  writeFixtureModel(modelDir);
  const server = await startServer({
    modelDir,
    port: 0,
    log: memoryLogger(),
    handleSignals: false,
    config: { trustProxy: true, geo: { mode: 'allow', countries: ['US'], trustCdnHeader: false } },
  });
  try {
    const res = await fetch(`${server.url}/`);
    assert.equal(res.status, 451);
    const from = (ip: string) => fetch(`${server.url}/api/lists/top`, { headers: { 'X-Forwarded-For': ip } });
    assert.equal((await from('8.8.8.8')).status, 200, '8.8.8.8 is in the US');
    assert.equal((await from('81.2.69.142')).status, 451, '81.2.69.142 is in the UK');
    assert.equal((await fetch(`${server.url}/healthz`)).status, 200);
  } finally {
    await server.close();
  }
});
