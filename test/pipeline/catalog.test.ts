import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src/db/database.ts';
import { ingest } from '../../src/pipeline/ingest.ts';
import { buildCatalog } from '../../src/pipeline/catalog.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { genreNames } from '../../src/core/genres.ts';
import { writeImdbFixture } from '../helpers/imdb-fixture.ts';

const SAMPLE = join(import.meta.dirname, '../../../shared/data/imdb-sample');

async function ingested(dir = writeImdbFixture()): Promise<Db> {
  const db = await openDatabase();
  await ingest(db, dir, mkdtempSync(join(tmpdir(), 'kinema-cache-')), memoryLogger());
  return db;
}

test('kinema catalog: released, non-adult movies with a rating and enough votes, in tconst order', async (t) => {
  const db = await ingested();
  t.after(() => db.close());
  const c = await buildCatalog(db, { preset: 'kinema', minVotes: 100, year: 2026, bayesM: 1000 });
  // tt9 sorts before tt10 numerically; adult, tvSeries, future, few votes, unrated and unknown year are out
  assert.deepEqual(c.id, ['tt0000009', 'tt0000010', 'tt0000016', 'tt0000019', 'tt0000020']);
  // the US display aka is the title; the original title is kept when it differs
  assert.equal(c.title[2], 'The Film');
  assert.equal(c.originalTitle[2], 'Le Film Original');
  assert.equal(c.originalTitle[4], '');
  assert.equal(c.runtime[2], 0); // \N runtime is unknown, not zero minutes of film
  assert.deepEqual(genreNames(c.genres[0]!), ['Action', 'Comedy']);
  // Bayesian rating pulls few-vote movies toward the mean and leaves 1M-vote movies alone
  assert.ok(Math.abs(c.bayes[4]! - 8.6) < 0.01);
  assert.ok(c.bayes[1]! > 6.0 && c.bayes[1]! < c.meanRating);
});

test('kinema catalog: --min-votes and the clock move the boundaries', async (t) => {
  const db = await ingested();
  t.after(() => db.close());
  const few = await buildCatalog(db, { preset: 'kinema', minVotes: 0, year: 2100, bayesM: 1000 });
  assert.ok(few.id.includes('tt0000014'));
  assert.ok(few.id.includes('tt0000013'));
});

test('original catalog: only movies with an English US aka, titled by it', async (t) => {
  const db = await ingested();
  t.after(() => db.close());
  const c = await buildCatalog(db, { preset: 'original', minVotes: 0, year: 2026, bayesM: 1000 });
  assert.deepEqual(c.id, ['tt0000009', 'tt0000020']);
  assert.equal(c.title[0], 'Nine');
});

test(
  'original catalog on the real IMDb sample equals the 2020 SQL run directly',
  { skip: existsSync(SAMPLE) ? false : 'no ../shared/data/imdb-sample here' },
  async (t) => {
    const db = await ingested(SAMPLE);
    t.after(() => db.close());
    const c = await buildCatalog(db, { preset: 'original', minVotes: 0, year: 2026, bayesM: 1000 });
    const gz = (name: string) =>
      `read_csv('${join(SAMPLE, name)}.tsv.gz', delim='\t', quote='', escape='', nullstr='\\N', header=true, all_varchar=true)`;
    const reference = await db.rows<{ tconst: string }>(`
    SELECT DISTINCT b.tconst FROM ${gz('title.basics')} b
    JOIN ${gz('title.akas')} a ON a.titleId = b.tconst AND a.language = 'en' AND a.region = 'US'
    JOIN ${gz('title.ratings')} r ON r.tconst = b.tconst
    WHERE b.titleType = 'movie' AND b.isAdult = '0' AND CAST(b.startYear AS INTEGER) <= 2026
    ORDER BY CAST(substr(b.tconst, 3) AS BIGINT)`);
    assert.ok(reference.length > 10);
    assert.deepEqual(
      c.id,
      reference.map((r) => r.tconst),
    );
  },
);
