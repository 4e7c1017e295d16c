/**
 * Writes tiny IMDb-format data folders (gzip, tab-separated, official headers, \N for null) for tests of
 * ingest, catalog, features and build. Rows are given as arrays of fields; null becomes \N.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export const HEADERS: Record<string, string[]> = {
  'title.basics': [
    'tconst',
    'titleType',
    'primaryTitle',
    'originalTitle',
    'isAdult',
    'startYear',
    'endYear',
    'runtimeMinutes',
    'genres',
  ],
  'title.akas': [
    'titleId',
    'ordering',
    'title',
    'region',
    'language',
    'types',
    'attributes',
    'isOriginalTitle',
  ],
  'title.ratings': ['tconst', 'averageRating', 'numVotes'],
  'title.crew': ['tconst', 'directors', 'writers'],
  'title.principals': ['tconst', 'ordering', 'nconst', 'category', 'job', 'characters'],
  'name.basics': ['nconst', 'primaryName', 'birthYear', 'deathYear', 'primaryProfession', 'knownForTitles'],
};

export type Row = (string | number | null)[];

/** A movie row for title.basics: [tconst, type, title, originalTitle, adult, year, endYear, runtime, genres]. */
export const movie = (
  id: string,
  title: string,
  year: number | null,
  genres: string | null,
  extra: Partial<{ type: string; adult: number; runtime: number | null; original: string }> = {},
): Row => [
  id,
  extra.type ?? 'movie',
  title,
  extra.original ?? title,
  extra.adult ?? 0,
  year,
  null,
  extra.runtime === undefined ? 100 : extra.runtime,
  genres,
];

/** The default fixture: a small, varied catalog exercising every catalog rule. */
export function defaultTables(): Record<string, Row[]> {
  return {
    'title.basics': [
      movie('tt0000010', 'Ten', 1990, 'Drama'),
      movie('tt0000009', 'Nine, "the" movie', 1985, 'Action,Comedy'),
      movie('tt0000011', 'Adult Film', 2000, 'Drama', { adult: 1 }),
      movie('tt0000012', 'A Series', 2001, 'Drama', { type: 'tvSeries' }),
      movie('tt0000013', 'Future Film', 2099, 'Sci-Fi'),
      movie('tt0000014', 'Few Votes', 2005, 'Horror'),
      movie('tt0000015', 'No Rating', 2005, 'Horror'),
      movie('tt0000016', 'Le Film', 1999, 'Romance,Drama', { original: 'Le Film Original', runtime: null }),
      movie('tt0000017', 'Tab\there', 2010, 'Thriller,Crime,Mystery'),
      movie('tt0000018', 'Unknown Year', null, 'Drama'),
      movie('tt0000019', 'Western Days', 1960, 'Western'),
      movie('tt0000020', 'Space Opera', 1977, 'Action,Adventure,Sci-Fi', { runtime: 121 }),
    ],
    'title.akas': [
      ['tt0000016', 1, 'The Film', 'US', null, 'imdbDisplay', null, 0],
      ['tt0000016', 2, 'Le Film', 'FR', 'fr', null, null, 1],
      ['tt0000020', 1, 'Space Opera', 'US', 'en', null, null, 0],
      ['tt0000009', 1, 'Nine', 'US', 'en', null, null, 0],
    ],
    'title.ratings': [
      ['tt0000009', 7.1, 1500],
      ['tt0000010', 6.0, 300],
      ['tt0000011', 8.0, 9000],
      ['tt0000012', 8.5, 9000],
      ['tt0000013', 7.0, 9000],
      ['tt0000014', 5.0, 20],
      ['tt0000016', 7.7, 4000],
      ['tt0000017', 6.6, 250],
      ['tt0000018', 6.0, 500],
      ['tt0000019', 7.3, 800],
      ['tt0000020', 8.6, 1000000],
    ],
    'title.crew': [['tt0000020', 'nm0000001', 'nm0000001,nm0000002']],
    'title.principals': [
      ['tt0000020', 1, 'nm0000003', 'actor', null, '["Luke"]'],
      ['tt0000020', 2, 'nm0000001', 'director', null, null],
    ],
    'name.basics': [
      ['nm0000001', 'Gee Lucas', 1944, null, 'director,writer', 'tt0000020'],
      ['nm0000002', 'Writer Two', null, null, '', null],
      ['nm0000003', 'Mark Actor', 1951, null, 'actor', 'tt0000020'],
    ],
  };
}

/** Writes tables into a new temp folder (or `dir`); `raw` overrides a file's whole text. */
export function writeImdbFixture(
  tables: Record<string, Row[]> = defaultTables(),
  options: { dir?: string; raw?: Record<string, string> } = {},
): string {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kinema-imdb-'));
  mkdirSync(dir, { recursive: true });
  for (const [name, header] of Object.entries(HEADERS)) {
    const text =
      options.raw?.[name] ??
      [header, ...(tables[name] ?? [])]
        .map((row) => row.map((v) => (v === null ? '\\N' : String(v))).join('\t'))
        .join('\n') + '\n';
    writeFileSync(join(dir, `${name}.tsv.gz`), gzipSync(text));
  }
  return dir;
}
