/**
 * Routes over a lazily loaded model (Lambda, issue 18): each answers exactly as over the model loaded
 * whole; a plain similar list loads no section (with collaborative lists, it reads the query movie's
 * row of them), search loads people and the title index, a person page loads what it needs once even
 * when requests come together, and a failed lazy read is a clear 503 that the next request retries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryLogger } from '../../src/core/log.ts';
import { loadModel } from '../../src/core/model-load.ts';
import { MODEL_SECTIONS } from '../../src/core/model-sections.ts';
import type { Model } from '../../src/core/model.ts';
import { createApp } from '../../src/server/app.ts';
import { prepareModel } from '../../src/server/loaded-model.ts';
import { routeSections } from '../../src/server/route-sections.ts';
import { COLLAB_ROWS_FILE, collabRowsOf } from '../../src/core/collab/rows-file.ts';
import { collabFolder, fixtureFolder, openFolder, recordingFolder } from '../helpers/model-folder.ts';

const files = fixtureFolder();
const whole = await loadModel(async (name) => files.get(name) ?? null, { open: openFolder(files) });

function app(model: Model, lazy = false) {
  const served = prepareModel(model, { lazy });
  return createApp({ getModel: () => served, log: memoryLogger(), config: { accessLog: false } });
}
const eager = app(whole);

async function lazyApp() {
  const folder = recordingFolder(files);
  const model = await loadModel(folder.read, { openRemote: folder.openRemote, lazy: true });
  return { app: app(model, true), model, folder };
}
const loaded = (model: Model) => MODEL_SECTIONS.filter((s) => model.sections!.loaded(s));

const routes: [string, string[]][] = [
  ['/api/movies/tt0068646/similar?limit=5', []],
  ['/api/movies/tt0068646/similar?limit=5&offset=2', []],
  ['/api/movies/tt0068646/similar?limit=5&diversity=0.5', [...MODEL_SECTIONS]],
  // the Godfather's precomputed row holds five dramas, and no animation: a live search
  ['/api/movies/tt0068646/similar?genres=Drama', []],
  ['/api/movies/tt0068646/similar?genres=Animation', [...MODEL_SECTIONS]],
  ['/api/search?q=godfather', ['catalog', 'people', 'search']],
  ['/healthz', []],
  ['/poster/tt0068646.svg', []],
  ['/api/movies/tt0068646', [...MODEL_SECTIONS]],
  ['/person/nm0000001', [...MODEL_SECTIONS]],
  ['/movie/tt0076759', [...MODEL_SECTIONS]],
  ['/', [...MODEL_SECTIONS]],
];

for (const [path, sections] of routes) {
  test(`GET ${path}: the same answer from a lazy model, loading ${sections.join(', ') || 'no section'}`, async () => {
    const { app: lazy, model } = await lazyApp();
    const [a, b] = [await lazy.request(path), await eager.request(path)];
    assert.equal(a.status, b.status, await a.clone().text());
    assert.equal(await a.text(), await b.text());
    assert.deepEqual(loaded(model), sections);
  });
}

test('routes not listed need every section; listed ones only theirs', () => {
  assert.deepEqual(routeSections('/api/movies/tt1/similar'), []);
  assert.deepEqual(routeSections('/api/search'), ['catalog', 'people', 'search']);
  assert.deepEqual(routeSections('/movie/tt1/similar'), MODEL_SECTIONS);
  assert.deepEqual(routeSections('/api/some-new-route'), MODEL_SECTIONS);
});

test('concurrent person pages read people.bin once', async () => {
  const { app: lazy, folder } = await lazyApp();
  const before = folder.ranged.filter(([name]) => name === 'people.bin').length;
  const answers = await Promise.all(
    ['/person/nm0000001', '/api/people/nm0000001', '/person/nm0000001'].map((p) => lazy.request(p)),
  );
  for (const a of answers) assert.equal(a.status, 200);
  const reads = folder.ranged.filter(([name]) => name === 'people.bin').length - before;
  await lazy.request('/api/people/nm0000001/similar');
  assert.equal(folder.ranged.filter(([name]) => name === 'people.bin').length - before, reads);
  assert.equal(folder.whole.filter((name) => name === 'features.f32').length, 1);
});

test('a failed lazy read is a 503 naming the file, and the next request retries it', async () => {
  const { app: lazy, folder } = await lazyApp();
  folder.fail.add('search.bin');
  const failed = await lazy.request('/api/search?q=godfather');
  assert.equal(failed.status, 503);
  assert.match(await failed.text(), /cannot read search\.bin/);
  folder.fail.delete('search.bin');
  const retried = await lazy.request('/api/search?q=godfather');
  assert.equal(retried.status, 200);
  assert.equal(await retried.text(), await (await eager.request('/api/search?q=godfather')).text());
});

for (const rowsFile of [false, true]) {
  const how = rowsFile ? 'from the rows file the deploy derives' : 'from its columns';
  test(`plain similar lists read collab.bin by rows (${how}) and answer as the whole lists do`, async () => {
    const withCollab = collabFolder();
    if (rowsFile) withCollab.set(COLLAB_ROWS_FILE, collabRowsOf(withCollab.get('collab.bin')!));
    const wholeCollab = app(
      await loadModel(async (name) => withCollab.get(name) ?? null, { open: openFolder(withCollab) }),
    );
    const folder = recordingFolder(withCollab);
    const model = await loadModel(folder.read, { openRemote: folder.openRemote, lazy: true });
    const lazy = app(model, true);
    const atLoad = folder.ranged.length;
    let explainedByColikes = 0;
    for (let m = 0; m < model.catalog.size; m += 3) {
      const path = `/api/movies/${model.catalog.id.get(m)}/similar?limit=8`;
      const [a, b] = [await lazy.request(path), await wholeCollab.request(path)];
      const text = await a.text();
      assert.equal(text, await b.text(), path);
      if (text.includes('"lead":"collab"')) explainedByColikes++;
    }
    assert.ok(explainedByColikes > 5, `${explainedByColikes} lists led by co-likes: the rows were used`);
    assert.deepEqual(loaded(model), []);
    // after the load, collab.bin is read a row at a time: one read of the rows file, or one per column
    const after = folder.ranged.slice(atLoad);
    const rowReads = after.filter(([name]) => name === (rowsFile ? COLLAB_ROWS_FILE : 'collab.bin'));
    assert.ok(rowReads.length > 10, `${rowReads.length} row reads`);
    const most = model.collab!.k * (rowsFile ? 12 : 4);
    assert.ok(
      rowReads.every(([, , n]) => n <= most),
      'each read is one row',
    );
    if (rowsFile) assert.ok(!after.some(([name]) => name === 'collab.bin'), 'no reads of the columns');
    // a route that reads other rows (a taste profile) loads the lists whole first
    const taste = '/taste?liked=tt1000001&liked=tt1000002';
    assert.equal(await (await lazy.request(taste)).text(), await (await wholeCollab.request(taste)).text());
    assert.ok(model.sections!.loaded('collab'));
  });
}
