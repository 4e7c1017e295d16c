/**
 * Rating exports as IMDb and Letterboxd write them (fixtures in test/fixtures/ratings: IMDb's BOM,
 * CRLF and quoted genre lists, Letterboxd's title/year pairs and half stars), and every kind of bad
 * file failing with its file and line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KinemaError } from '../../../src/core/errors.ts';
import { parseCsv } from '../../../src/core/ratings/csv-parse.ts';
import { MAX_EXPORT_BYTES, readExportFile } from '../../../src/core/ratings/export-file.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/ratings');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const text = (s: string) => new TextEncoder().encode(s);

function fails(bytes: Uint8Array, message: RegExp): void {
  assert.throws(
    () => readExportFile(bytes, 'my.csv'),
    (e: unknown) => e instanceof KinemaError && e.code === 'bad-input' && message.test(e.message),
    String(message),
  );
}

test('an IMDb export: BOM and CRLF dropped, Const ids, quoted fields with commas and accents', () => {
  const { format, rows } = readExportFile(fixture('imdb-ratings.csv'), 'imdb-ratings.csv');
  assert.equal(format, 'imdb');
  assert.equal(rows.length, 6);
  assert.deepEqual(rows[0], { line: 2, id: 'tt0068646', title: 'The Godfather', year: 1972, rating: 10 });
  assert.deepEqual(rows[5], { line: 7, id: 'tt0211915', title: 'Amélie', year: 2001, rating: 7 });
  assert.equal(rows[4]!.id, 'tt0903747', 'a TV series row is read (and later matches no movie)');
});

test('Letterboxd ratings and watched: title/year pairs, half stars × 2, watched rows unrated', () => {
  const rated = readExportFile(fixture('letterboxd-ratings.csv'), 'ratings.csv');
  assert.equal(rated.format, 'letterboxd');
  assert.deepEqual(rated.rows[0], { line: 2, title: 'Dune', year: 2021, rating: 9 });
  assert.deepEqual(rated.rows[1], { line: 3, title: 'Dune', year: 1984, rating: 3 });
  const watched = readExportFile(fixture('letterboxd-watched.csv'), 'watched.csv');
  assert.deepEqual(watched.rows, [
    { line: 2, title: 'Psycho', year: 1960, rating: undefined },
    { line: 3, title: 'Rear Window', year: 1954, rating: undefined },
  ]);
});

test('CSV: quoted line breaks and doubled quotes, records keep the line they start on', () => {
  const records = parseCsv('a,b\r\n"x\ny","say ""hi"""\n\nlast,1', 'f.csv');
  assert.deepEqual(records, [
    { line: 1, fields: ['a', 'b'] },
    { line: 2, fields: ['x\ny', 'say "hi"'] },
    { line: 5, fields: ['last', '1'] },
  ]);
});

test('bad files fail naming the file and line', () => {
  fails(
    text('Const,Your Rating,Title,Year\ntt0068646,10,"The Godfather,1972\n'),
    /^my\.csv:2: a quoted field is never closed/,
  );
  fails(
    text('Const,Your Rating,Title,Year\ntt0068646,10,"The" Godfather,1972\n'),
    /^my\.csv:2: text after a closing quote/,
  );
  fails(
    text('Const,Your Rating,Title,Year\nnm0000338,10,Coppola,1939\n'),
    /^my\.csv:2: Const is not an IMDb title id: "nm0000338"/,
  );
  fails(
    text('Const,Your Rating,Title,Year\ntt0068646,10,A,1972\ntt0071562,11,B,1974\n'),
    /^my\.csv:3: Your Rating must be from 1 to 10, got "11"/,
  );
  fails(
    text('Date,Name,Year,Letterboxd URI,Rating\n2024-01-01,Dune,2021,u,6\n'),
    /^my\.csv:2: Rating must be from 0\.5 to 5/,
  );
  fails(text('Date,Name,Year,Letterboxd URI\n2024-01-01,Dune,twenty,u\n'), /^my\.csv:2: Year is not a year/);
  fails(text('Const,Your Rating,Title,Year\ntt0068646,10\n'), /^my\.csv:2: 2 fields where the header has 4/);
  // another site's CSV, binary, too big, empty, not UTF-8
  fails(
    text('movieId,title,genres\n1,Toy Story (1995),Animation\n'),
    /^my\.csv:1: not an IMDb or Letterboxd export \(header: movieId, title, genres\)/,
  );
  fails(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x14, 0]), /^my\.csv is a binary file/);
  fails(
    new Uint8Array(MAX_EXPORT_BYTES + 1).fill(0x41),
    /^my\.csv is 20 MB, more than a rating export can be/,
  );
  fails(text(''), /^my\.csv is empty/);
  fails(new Uint8Array([0x43, 0x6f, 0xff, 0x0a]), /^my\.csv is not UTF-8 text/);
});
