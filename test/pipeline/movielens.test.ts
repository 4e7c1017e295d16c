import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCsv, readMovieLens } from '../../src/pipeline/movielens.ts';

const SHARED = resolve(import.meta.dirname, '../../../shared/data/movielens');

test('CSV: quoted fields with commas, doubled quotes, CRLF and a final line without an end', () => {
  const text =
    'movieId,title,genres\r\n11,"American President, The (1995)",Comedy|Drama\r\n' +
    '12,"Say ""Hi"" (2001)",Drama\r\n13,Plain (1990),(no genres listed)';
  const rows = parseCsv(text, 'movies.csv');
  assert.deepEqual(
    rows.map((r) => [r.line, ...r.fields]),
    [
      [1, 'movieId', 'title', 'genres'],
      [2, '11', 'American President, The (1995)', 'Comedy|Drama'],
      [3, '12', 'Say "Hi" (2001)', 'Drama'],
      [4, '13', 'Plain (1990)', '(no genres listed)'],
    ],
  );
});

test('CSV: a newline inside quotes stays in the field and line numbers keep counting', () => {
  const rows = parseCsv('a,b\n"x\ny",1\nz,2\n', 'f.csv');
  assert.deepEqual(rows[1], { line: 2, fields: ['x\ny', '1'] });
  assert.deepEqual(rows[2], { line: 4, fields: ['z', '2'] });
});

test('CSV: an unclosed quote names the file and the line it opened on', () => {
  assert.throws(
    () => parseCsv('a,b\r\n1,2\r\n3,"never closed\r\n', 'x.csv'),
    /x\.csv:3: a quoted field is never closed/,
  );
  assert.throws(() => parseCsv('a\n"q"z\n', 'y.csv'), /y\.csv:2: unexpected "z" after a quoted field/);
});

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-ml-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const GOOD = {
  'movies.csv':
    'movieId,title,genres\r\n1,Toy Story (1995),Adventure|Children\r\n2,"Heat, The (1995)",(no genres listed)\r\n',
  'links.csv': 'movieId,imdbId,tmdbId\r\n1,0114709,862\r\n2,113277,\r\n',
  'ratings.csv': 'userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,2,0.5,964981247\r\n',
};

test('reads movies, links (tt + zero-padded imdbId, empty tmdbId allowed) and ratings', () => {
  const dir = folder(GOOD);
  try {
    const ml = readMovieLens(dir);
    assert.deepEqual(ml.movies, [
      { movieId: 1, title: 'Toy Story (1995)', genres: ['Adventure', 'Children'] },
      { movieId: 2, title: 'Heat, The (1995)', genres: [] },
    ]);
    assert.deepEqual(
      [...ml.tconst],
      [
        [1, 'tt0114709'],
        [2, 'tt0113277'],
      ],
    );
    assert.deepEqual(ml.ratings, [
      { userId: 1, movieId: 1, rating: 4 },
      { userId: 1, movieId: 2, rating: 0.5 },
    ]);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test('bad input: errors name the file, the line and the value', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [
      { 'ratings.csv': 'userId,movieId,rating,timestamp\r\n1,1,4.0,1\r\n1,2,six,2\r\n' },
      /ratings\.csv:3: rating "six"/,
    ],
    [
      { 'ratings.csv': 'userId,movieId,rating,timestamp\r\n1,1,4.0\r\n' },
      /ratings\.csv:2: expected 4 fields, found 3/,
    ],
    [{ 'links.csv': 'movieId,imdbId,tmdbId\r\n1,tt0114709,862\r\n' }, /links\.csv:2: imdbId "tt0114709"/],
    [{ 'movies.csv': 'id,title,genres\r\n' }, /movies\.csv:1: expected the header "movieId,title,genres"/],
    [
      { 'movies.csv': 'movieId,title,genres\r\nx,T (1990),Drama\r\n' },
      /movies\.csv:2: movieId "x" is not a whole number/,
    ],
  ];
  for (const [override, pattern] of cases) {
    const dir = folder({ ...GOOD, ...override });
    try {
      assert.throws(() => readMovieLens(dir), pattern);
    } finally {
      rmSync(dir, { recursive: true });
    }
  }
  const dir = folder({ 'movies.csv': GOOD['movies.csv'] });
  try {
    assert.throws(() => readMovieLens(dir), /links\.csv does not exist/);
  } finally {
    rmSync(dir, { recursive: true });
  }
});

test(
  'reads the real ml-latest-small half',
  { skip: existsSync(SHARED) ? false : 'no ../shared/data: MovieLens absent' },
  () => {
    const ml = readMovieLens(SHARED);
    // counts from shared/data/README.md
    assert.equal(ml.movies.length, 9742);
    assert.equal(ml.tconst.size, 9742);
    assert.equal(ml.ratings.length, 57008);
    assert.equal(new Set(ml.ratings.map((r) => r.userId)).size, 305);
    const president = ml.movies.find((m) => m.movieId === 11);
    assert.equal(president?.title, 'American President, The (1995)');
    assert.equal(ml.tconst.get(1), 'tt0114709');
  },
);
