import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src/db/database.ts';
import { readRatings, movieLensDir } from '../../src/pipeline/ratings.ts';
import type { Logger } from '../../src/core/log.ts';

const quiet: Logger = { info: () => {}, warn: () => {} };

async function withCatalog<T>(
  files: Record<string, string>,
  run: (dir: string, db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>,
): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-ml-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const db = await openDatabase();
  try {
    // three catalog movies: rows 0, 1, 2 (one with an 8-digit id)
    await db.exec(
      "CREATE TABLE catalog AS SELECT * FROM (VALUES ('tt0000010', 0), ('tt0114709', 1), ('tt10872600', 2)) t(tconst, idx)",
    );
    return await run(dir, db);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const LINKS =
  'movieId,imdbId,tmdbId\r\n1,0114709,862\r\n2,0000010,\r\n3,10872600,1\r\n4,9999999,\r\n5,abc,7\r\n';

test('ratings map to catalog rows through links.csv, repeated pairs keep the latest, skips are counted', async () => {
  const ratings =
    'userId,movieId,rating,timestamp\r\n' +
    '7,1,4.0,100\r\n' + // user 7 → row 1
    '7,2,3.5,100\r\n' + // row 0
    '7,1,2.0,50\r\n' + // an older repeat of (7, 1): dropped
    '9,3,5.0,1\r\n' + // 8-digit imdbId → row 2
    '9,4,4.0,1\r\n' + // linked outside the catalog
    '9,6,4.0,1\r\n' + // movieId unknown to links.csv
    '9,1,7.5,1\r\n' + // out of range
    '9,x,4.0,1\r\n'; // malformed
  await withCatalog({ 'ratings.csv': ratings, 'links.csv': LINKS }, async (dir, db) => {
    const r = await readRatings(db, dir, 3, quiet);
    assert.deepEqual(r.matrix.userIds, [7, 9]);
    assert.deepEqual([...r.matrix.offsets], [0, 2, 3]);
    assert.deepEqual([...r.matrix.items], [0, 1, 2]);
    assert.deepEqual([...r.matrix.values], [3.5, 4, 5]);
    assert.equal(r.matrix.catalogSize, 3);
    assert.equal(r.skips.outsideCatalog, 1);
    assert.equal(r.skips.unknownMovies, 1);
    assert.equal(r.skips.outOfRange, 1);
    assert.equal(r.skips.badRows.ratings, 1);
    assert.equal(r.skips.badLinks, 1);
    const malformed = r.skips.samples.find((s) => s.file.endsWith('ratings.csv') && s.line !== undefined);
    assert.equal(malformed?.line, 9);
    assert.ok(r.skips.samples.some((s) => s.file.endsWith('links.csv') && s.text.includes('abc')));
  });
});

test('a header that is not MovieLens stops the build naming the file and both layouts', async () => {
  await withCatalog({ 'ratings.csv': 'user,movie,stars\n1,1,4\n', 'links.csv': LINKS }, async (dir, db) => {
    await assert.rejects(readRatings(db, dir, 3, quiet), (e: Error) => {
      assert.match(e.message, /ratings\.csv:1: unknown column layout/);
      assert.match(e.message, /expected: userId,movieId,rating,timestamp/);
      assert.match(e.message, /found: +user,movie,stars/);
      return true;
    });
  });
});

test('a missing ratings.csv says what to pass', async () => {
  await withCatalog({ 'links.csv': LINKS }, async (dir, db) => {
    await assert.rejects(readRatings(db, dir, 3, quiet), /ratings\.csv does not exist/);
  });
});

test('the MovieLens folder: the option, else ../movielens beside the data when it has ratings.csv', () => {
  const root = mkdtempSync(join(tmpdir(), 'kinema-mldir-'));
  try {
    const data = join(root, 'imdb');
    assert.equal(movieLensDir(data, undefined), undefined);
    assert.equal(movieLensDir(data, false), undefined);
    assert.equal(movieLensDir(data, '/x'), '/x');
    const near = join(root, 'movielens');
    mkdirSync(near);
    writeFileSync(join(near, 'ratings.csv'), 'userId,movieId,rating,timestamp\n');
    assert.equal(movieLensDir(data, undefined), near);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
