/**
 * A model loaded lazily (Lambda, issue 18): the load reads the catalog, the people index and the
 * franchise lists but not the feature matrix, people's details or the title search; those fields throw
 * until their section is loaded, a section is read once however many ask at once, a failed read is
 * reported and the next load retries it, and what is loaded equals the model loaded whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../../src/core/model-load.ts';
import { MODEL_SECTIONS, modelSections } from '../../src/core/model-sections.ts';
import { createRecommender } from '../../src/core/recommend/index.ts';
import { fixtureFolder, openFolder, recordingFolder } from '../helpers/model-folder.ts';

const files = fixtureFolder();
const folder = () => recordingFolder(files);

const eager = await loadModel(async (name) => files.get(name) ?? null, { open: openFolder(files) });

test('the load reads what a similar answer needs; the rest throws until its section is loaded', async () => {
  const f = folder();
  const lazy = await loadModel(f.read, { openRemote: f.openRemote, lazy: true });
  assert.ok(!f.whole.includes('features.f32') && !f.whole.includes('search.bin'));
  assert.ok(!f.whole.includes('people.bin'), 'people.bin is read by columns (sparse-columns.test.ts)');
  assert.throws(() => lazy.features, /model field features was used before the model's features section/);
  assert.throws(() => lazy.titleIndex, /model field titleIndex was used before the model's search section/);
  assert.throws(() => lazy.coldOrders, /model field coldOrders was used before the model's catalog section/);
  assert.throws(() => lazy.catalog.originalTitle, /field originalTitle was used before the model's catalog/);
  assert.throws(() => lazy.people!.cast, /model field cast was used before the model's people section/);
  assert.throws(() => lazy.peopleIndex!.postings, /model field postings was used before the model's people/);
  assert.equal(lazy.people!.name.get(0), eager.people!.name.get(0));

  // a plain similar list reads none of them, and is the one the whole model gives
  const [fromLazy, fromEager] = [createRecommender(lazy), createRecommender(eager)];
  for (let m = 0; m < lazy.catalog.size; m++) {
    await lazy.neighbours!.prefetch?.([m]);
    assert.deepEqual(fromLazy.similar(m, { limit: 4 }), fromEager.similar(m, { limit: 4 }), `movie ${m}`);
  }
  await lazy.sections!.load(MODEL_SECTIONS);
  assert.equal(lazy.catalog.originalTitle.get(1), eager.catalog.originalTitle.get(1));
  assert.deepEqual(lazy.catalog.distance, eager.catalog.distance);
  assert.deepEqual(lazy.coldOrders, eager.coldOrders);
  assert.deepEqual(lazy.features, eager.features);
  assert.deepEqual(lazy.titleIndex!(), eager.titleIndex!());
  for (const key of ['directors', 'writers', 'cast', 'characters', 'known', 'filmography'] as const) {
    assert.deepEqual(lazy.people![key], eager.people![key], key);
  }
  assert.deepEqual(lazy.people!.nameIndex?.(), eager.people!.nameIndex?.());
  assert.deepEqual(lazy.peopleIndex!.postings, eager.peopleIndex!.postings);
  // now filters, diversity and taste, which read features, answer as the whole model does
  const opts = { limit: 6, diversity: 0.5, filters: { yearMin: 1980 } };
  assert.deepEqual(fromLazy.similar(0, opts), fromEager.similar(0, opts));
});

test('a section is read once, concurrent loads share the read, a loaded one is not read again', async () => {
  const f = folder();
  const lazy = await loadModel(f.read, { openRemote: f.openRemote, lazy: true });
  const before = f.ranged.length;
  await Promise.all([lazy.sections!.load(['people']), lazy.sections!.load(['people', 'search'])]);
  const peopleReads = f.ranged.length - before;
  assert.ok(peopleReads > 0);
  assert.equal(f.whole.filter((name) => name === 'search.bin').length, 1);
  await lazy.sections!.load(['people', 'search']);
  assert.equal(f.ranged.length - before, peopleReads);
  assert.equal(f.whole.filter((name) => name === 'search.bin').length, 1);
  assert.ok(lazy.sections!.loaded('people') && !lazy.sections!.loaded('features'));
});

test('a failed section read is reported, its fields still throw, and the next load retries', async () => {
  const f = folder();
  const lazy = await loadModel(f.read, { openRemote: f.openRemote, lazy: true });
  f.fail.add('features.f32');
  await assert.rejects(lazy.sections!.load(['features']), /cannot read features\.f32/);
  assert.throws(() => lazy.features, /before the model's features section was loaded/);
  f.fail.delete('features.f32');
  await lazy.sections!.load(['features']);
  assert.deepEqual(lazy.features, eager.features);

  let calls = 0;
  const sections = modelSections({
    features: async () => {
      calls++;
      if (calls === 1) throw new Error('first read fails');
    },
    people: async () => undefined,
    search: async () => undefined,
    collab: async () => undefined,
    catalog: async () => undefined,
  });
  await assert.rejects(Promise.all([sections.load(['features']), sections.load(['features'])]), /first read/);
  assert.equal(calls, 1, 'concurrent loads share the failed read');
  await sections.load(['features']);
  await sections.load(['features']);
  assert.equal(calls, 2);
});

test('without ranged reads a lazy load reads everything, as before', async () => {
  const f = folder();
  const model = await loadModel(f.read, { lazy: true });
  assert.equal(model.sections, undefined);
  assert.deepEqual(model.features, eager.features);
});
