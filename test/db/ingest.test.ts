import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/database.ts';
import { filterIds } from '../../src/db/ingest.ts';
import { ingest } from '../../src/pipeline/ingest.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { writeImdbFixture, defaultTables, HEADERS } from '../helpers/imdb-fixture.ts';

const cache = () => mkdtempSync(join(tmpdir(), 'kinema-cache-'));

test('ingest reads every table, counts malformed rows with their line numbers', async (t) => {
  const dir = writeImdbFixture();
  const db = await openDatabase();
  t.after(() => db.close());
  const log = memoryLogger();
  const report = await ingest(db, dir, cache(), log);
  const basics = report.tables.find((t) => t.name === 'title.basics')!;
  // the title with a literal tab has one field too many: skipped, counted, sampled with its line
  assert.equal(basics.bad, 1);
  assert.equal(basics.samples[0]?.line, 10);
  assert.match(basics.samples[0]!.error, /TOO MANY COLUMNS|isAdult/);
  assert.equal(basics.rows, 10); // the tvSeries row is not a movie: never kept
  assert.ok(log.lines.some((l) => /title\.basics: skipped 1 malformed row\(s\), e\.g\. line 10/.test(l)));
  const [row] = await db.rows<{ n: number }>("SELECT count(*) AS n FROM title_akas WHERE region = 'US'");
  assert.equal(row?.n, 3);
});

test('a non-numeric rating is a counted bad row, never a crash, whatever title it rates', async (t) => {
  const tables = defaultTables();
  // tt0000015 is a movie without a rating; tt0000099 is no movie: title.ratings is read whole
  tables['title.ratings']!.push(['tt0000015', 'seven', 10], ['tt0000099', 'eight', 10]);
  const db = await openDatabase();
  t.after(() => db.close());
  const report = await ingest(db, writeImdbFixture(tables), cache(), memoryLogger());
  const ratings = report.tables.find((t) => t.name === 'title.ratings')!;
  assert.equal(ratings.bad, 2);
  assert.deepEqual(
    ratings.samples.map((s) => s.column),
    ['averageRating', 'averageRating'],
  );
});

test('akas, crew and principals keep rows of rated movies only: no catalog can hold the others', async (t) => {
  const tables = defaultTables();
  // tt0000015 is a movie without a rating
  tables['title.principals']!.push(['tt0000015', 1, 'nm0000001', 'actor', null, '["Nobody"]']);
  tables['title.crew']!.push(['tt0000015', 'nm0000001', null]);
  const db = await openDatabase();
  t.after(() => db.close());
  await ingest(db, writeImdbFixture(tables), cache(), memoryLogger());
  for (const table of ['title_principals', 'title_crew']) {
    const [row] = await db.rows<{ n: number }>(
      `SELECT count(*) AS n FROM ${table} WHERE tconst = 'tt0000015'`,
    );
    assert.equal(row?.n, 0, table);
  }
  const [kept] = await db.rows<{ n: number }>(`SELECT count(*) AS n FROM title_crew`);
  assert.ok(kept!.n > 0, 'rated movies keep their crew');
});

test('with a minimum of votes, akas, crew and principals keep rows of movies that have it; the cache is for that minimum', async (t) => {
  const tables = defaultTables();
  // tt0000014 has 20 votes, tt0000020 a million
  tables['title.principals']!.push(['tt0000014', 1, 'nm0000002', 'actor', null, '["Few"]']);
  tables['title.crew']!.push(['tt0000014', 'nm0000002', null]);
  const dir = writeImdbFixture(tables);
  const at = cache();
  const db = await openDatabase();
  t.after(() => db.close());
  const count = async (table: string, tconst: string) =>
    (await db.rows<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE tconst = '${tconst}'`))[0]?.n;
  const strict = await ingest(db, dir, at, memoryLogger(), { minVotes: 100 });
  assert.equal(await count('title_principals', 'tt0000014'), 0);
  assert.equal(await count('title_crew', 'tt0000014'), 0);
  assert.ok((await count('title_principals', 'tt0000020'))! > 0);
  const again = await ingest(db, dir, at, memoryLogger(), { minVotes: 100 });
  assert.deepEqual(
    again.tables.map((t) => t.cached),
    strict.tables.map(() => true),
    'the same minimum: all from the cache',
  );
  const all = await ingest(db, dir, at, memoryLogger(), { minVotes: 0 });
  const cached = Object.fromEntries(all.tables.map((t) => [t.name, t.cached]));
  assert.equal(cached['title.basics'], true);
  assert.equal(cached['title.ratings'], true);
  assert.equal(cached['title.principals'], false, 'another minimum reads the filtered tables again');
  assert.equal(await count('title_principals', 'tt0000014'), 1);
});

test('an unknown header names the file, the expected and the found columns', async (t) => {
  const dir = writeImdbFixture(defaultTables(), {
    raw: { 'title.ratings': 'tconst\tnumVotes\taverageRating\ntt0000009\t10\t7.0\n' },
  });
  const db = await openDatabase();
  t.after(() => db.close());
  await assert.rejects(ingest(db, dir, cache(), memoryLogger()), (error: Error) => {
    assert.match(error.message, /title\.ratings\.tsv\.gz: unknown column layout/);
    assert.match(error.message, /expected: tconst averageRating numVotes/);
    assert.match(error.message, /found: {4}tconst numVotes averageRating/);
    return true;
  });
});

test('a new column at the end is tolerated with a warning', async (t) => {
  const header = [...HEADERS['title.ratings']!, 'newColumn'].join('\t');
  const dir = writeImdbFixture(defaultTables(), {
    raw: { 'title.ratings': `${header}\ntt0000009\t7.1\t1500\tx\ntt0000020\t8.6\t1000000\ty\n` },
  });
  const db = await openDatabase();
  t.after(() => db.close());
  const log = memoryLogger();
  const report = await ingest(db, dir, cache(), log);
  assert.equal(report.tables.find((t) => t.name === 'title.ratings')?.rows, 2);
  assert.ok(log.lines.some((l) => /ignoring new column\(s\) at the end: newColumn/.test(l)));
});

test('a second ingest of unchanged files comes from the Parquet cache', async (t) => {
  const dir = writeImdbFixture();
  const cacheDir = cache();
  const db = await openDatabase();
  t.after(() => db.close());
  await ingest(db, dir, cacheDir, memoryLogger());
  const again = await ingest(db, dir, cacheDir, memoryLogger());
  assert.ok(again.tables.every((t) => t.cached));
  assert.equal(again.tables.find((t) => t.name === 'title.basics')?.bad, 1);
});

test('filterIds: numeric ids of movies with enough votes and of people, one too big for an INTEGER as 2^30', async () => {
  const db = await openDatabase();
  try {
    await db.exec(`
      CREATE TABLE title_basics AS SELECT * FROM (VALUES ('tt0000007'), ('tt0000008'), ('tt0123456'), ('tt99999999999')) t(tconst);
      CREATE TABLE title_ratings AS SELECT * FROM (VALUES ('tt0000007', 5), ('tt0123456', 500), ('tt99999999999', 900), ('tt0000009', 900)) t(tconst, numVotes);
      CREATE TABLE title_principals AS SELECT * FROM (VALUES ('nm0000002'), ('nm0000002'), ('xx1'), ('nm12x')) t(nconst);
      CREATE TABLE title_crew AS SELECT * FROM (VALUES ('nm0000003,nm0000004', 'nm0000005'), (NULL, NULL)) t(directors, writers);
    `);
    const sorted = (ids: Int32Array) => [...ids].sort((a, b) => a - b);
    assert.deepEqual(sorted(await filterIds(db, 'movies')), [7, 123456, 2 ** 30]);
    assert.deepEqual(sorted(await filterIds(db, 'movies', 100)), [123456, 2 ** 30]);
    assert.deepEqual(
      [...(await filterIds(db, 'people'))].sort((a, b) => a - b),
      [2, 3, 4, 5],
    );
  } finally {
    db.close();
  }
});
