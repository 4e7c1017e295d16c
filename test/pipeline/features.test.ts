import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/database.ts';
import { ingest } from '../../src/pipeline/ingest.ts';
import { buildCatalog } from '../../src/pipeline/catalog.ts';
import { computeFeatures } from '../../src/pipeline/features.ts';
import { featureSpec, parseWeights } from '../../src/core/features.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { writeImdbFixture } from '../helpers/imdb-fixture.ts';

async function setup(preset: 'kinema' | 'original') {
  const db = await openDatabase();
  await ingest(db, writeImdbFixture(), mkdtempSync(join(tmpdir(), 'kinema-cache-')), memoryLogger());
  await buildCatalog(db, { preset, minVotes: 0, year: 2026, bayesM: 1000 });
  return db;
}

test('original features follow the 2020 recipe before scaling', async (t) => {
  const db = await setup('original');
  t.after(() => db.close());
  const f = await computeFeatures(db, featureSpec('original'));
  const raw = await db.rows<{ genreCode: number; ratingAdj: number; titleCode: number; year: number }>(
    'SELECT "genreCode", "ratingAdj", "titleCode", "year" FROM features_raw ORDER BY idx',
  );
  // tt0000009 "Nine": Action (1st of the 28 genres) and Comedy (6th) → "16"; 1500 votes → rating kept
  assert.equal(raw[0]?.genreCode, 16);
  assert.equal(raw[0]?.ratingAdj, 7.1);
  assert.equal(raw[0]?.titleCode, Number('78105110101')); // N i n e
  assert.equal(raw[0]?.year, 1985);
  assert.equal(f.d, 4);
  for (let j = 0; j < f.d; j++) {
    const col = Array.from({ length: f.n }, (_, i) => f.data[i * f.d + j]!);
    assert.equal(Math.min(...col), 0);
    assert.equal(Math.max(...col), 1);
  }
});

test('the rating discount steps at 10, 100, 500 and 1000 votes', async (t) => {
  const db = await setup('original');
  t.after(() => db.close());
  const rows = await db.rows<{ r: number }>(`
    SELECT rating * CASE WHEN votes < 10 THEN 0.1 WHEN votes < 100 THEN 0.3 WHEN votes < 500 THEN 0.5
      WHEN votes < 1000 THEN 0.7 ELSE 1 END AS r FROM (VALUES (8.0, 9), (8.0, 99), (8.0, 499), (8.0, 999), (8.0, 1000)) t(rating, votes)`);
  assert.deepEqual(
    rows.map((x) => Math.round(x.r * 100) / 100),
    [0.8, 2.4, 4, 5.6, 8],
  );
});

test('kinema features: multi-hot genres times weight, numbers clipped into [0, weight]', async (t) => {
  const db = await setup('kinema');
  t.after(() => db.close());
  const spec = featureSpec('kinema', parseWeights('genre=2,runtime=0.5'));
  const f = await computeFeatures(db, spec);
  assert.equal(f.d, 32);
  const names = f.names;
  const row0 = Array.from(f.data.subarray(0, f.d));
  assert.equal(row0[names.indexOf('genre:Action')], 2);
  assert.equal(row0[names.indexOf('genre:Comedy')], 2);
  assert.equal(row0[names.indexOf('genre:Drama')], 0);
  for (let i = 0; i < f.n * f.d; i++) {
    const w = names[i % f.d]!.startsWith('genre:') ? 2 : names[i % f.d] === 'runtime' ? 0.5 : 1;
    assert.ok(f.data[i]! >= 0 && f.data[i]! <= w + 1e-6, `value ${f.data[i]} of ${names[i % f.d]}`);
  }
});

test('weights are validated with a clear message', () => {
  assert.throws(() => featureSpec('kinema', { colour: 1 }), /unknown feature weight "colour"/);
  assert.throws(() => parseWeights('genre'), /bad weight "genre"/);
  assert.throws(() => featureSpec('kinema', { year: -1 }), /must be a number ≥ 0/);
});
