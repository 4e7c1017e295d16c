/**
 * Display titles on the real IMDb sample: primaryTitle unless a US aka is IMDb's display title in English
 * (or no language) without attributes. The famous films the old rule renamed keep their names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/database.ts';
import { ingest } from '../../src/pipeline/ingest.ts';
import { buildCatalog } from '../../src/pipeline/catalog.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { defaultTables, movie, writeImdbFixture } from '../helpers/imdb-fixture.ts';

const SAMPLE = join(import.meta.dirname, '../../../shared/data/imdb-sample');
const skip = existsSync(SAMPLE) ? false : 'no ../shared/data/imdb-sample here';

/** tconst → [display title, original title shown beside it ('' when the same)]. */
const EXPECTED: Record<string, [string, string]> = {
  tt0076759: ['Star Wars', ''], // was "La guerra de las estrellas" (a US aka in Spanish)
  tt3717490: ['Power Rangers', ''], // was "Shirt" (a fake working title)
  tt2345759: ['The Mummy', ''], // was "Untitled Mummy Reboot" (a working title)
  tt0974015: ['Justice League', ''], // was "Justice League Mortal" (a working title)
  tt5113044: ['Minions: The Rise of Gru', ''], // was "Minions: Nace un villano" (US, Spanish)
  tt0211915: ['Amélie', "Le fabuleux destin d'Amélie Poulain"],
  tt0114369: ['Se7en', ''],
};

test(
  'display titles on the real sample: primaryTitle unless an English US display aka',
  { skip },
  async (t) => {
    const db = await openDatabase();
    t.after(() => db.close());
    await ingest(db, SAMPLE, mkdtempSync(join(tmpdir(), 'kinema-titles-')), memoryLogger());
    const c = await buildCatalog(db, { preset: 'kinema', minVotes: 100, year: 2026, bayesM: 1000 });
    for (const [id, [title, original]] of Object.entries(EXPECTED)) {
      const row = c.id.indexOf(id);
      assert.ok(row >= 0, `${id} is in the catalog`);
      assert.equal(c.title[row], title, id);
      assert.equal(c.originalTitle[row], original, id);
    }
    // every title that still differs from primaryTitle comes from an English (or no-language) US display aka
    const differ = await db.rows<{ tconst: string; primaryTitle: string; title: string }>(`
    SELECT c.tconst, b.primaryTitle, c.title FROM catalog c JOIN title_basics b USING (tconst)
    WHERE c.title <> b.primaryTitle ORDER BY c.idx`);
    const allowed = await db.rows<{ n: number }>(`
    SELECT count(*)::INTEGER AS n FROM catalog c JOIN title_basics b USING (tconst)
    WHERE c.title <> b.primaryTitle AND NOT EXISTS (
      SELECT 1 FROM title_akas a WHERE a.titleId = c.tconst AND a.title = c.title AND a.region = 'US'
        AND a.types = 'imdbDisplay' AND coalesce(a.language, 'en') = 'en' AND a.attributes IS NULL)`);
    assert.equal(allowed[0]!.n, 0);
    t.diagnostic(`${differ.length} of ${c.size} display titles differ from primaryTitle; the first ten:`);
    for (const d of differ.slice(0, 10)) t.diagnostic(`  ${d.tconst}  ${d.primaryTitle}  →  ${d.title}`);
    assert.ok(differ.length < 87, `fewer than the 87 the old rule renamed (got ${differ.length})`);
  },
);

test('display title rule on a fixture: the other US akas never name a movie', async (t) => {
  const tables = defaultTables();
  tables['title.basics']!.push(
    movie('tt0000021', 'Primary One', 2001, 'Drama'),
    movie('tt0000022', 'Primary Two', 2002, 'Drama'),
  );
  tables['title.ratings']!.push(['tt0000021', 7, 500], ['tt0000022', 7, 500]);
  tables['title.akas']!.push(
    ['tt0000021', 1, 'Spanish Display', 'US', 'es', 'imdbDisplay', null, 0],
    ['tt0000021', 2, 'Fake Working', 'US', null, null, 'fake working title', 0],
    ['tt0000021', 3, 'Working Title', 'US', null, 'working', null, 0],
    ['tt0000021', 4, 'Attributed Display', 'US', 'en', 'imdbDisplay', 'reissue title', 0],
    ['tt0000022', 1, 'English Display', 'US', 'en', 'imdbDisplay', null, 0],
    ['tt0000022', 2, 'Later Display', 'US', null, 'imdbDisplay', null, 0],
  );
  const db = await openDatabase();
  t.after(() => db.close());
  await ingest(db, writeImdbFixture(tables), mkdtempSync(join(tmpdir(), 'kinema-titles-')), memoryLogger());
  const c = await buildCatalog(db, { preset: 'kinema', minVotes: 100, year: 2026, bayesM: 1000 });
  assert.equal(c.title[c.id.indexOf('tt0000021')], 'Primary One');
  assert.equal(c.title[c.id.indexOf('tt0000022')], 'English Display');
  assert.equal(c.originalTitle[c.id.indexOf('tt0000022')], 'Primary Two');
});
