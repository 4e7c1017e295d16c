/**
 * Reads MovieLens (ml-latest-small format): movies.csv, links.csv and ratings.csv. The files are
 * RFC 4180 CSV with CRLF line ends and quoted titles that contain commas ("American President, The
 * (1995)"). Every error names the file, the line and the bad field.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KinemaError } from '../core/errors.ts';

export interface MovieLensMovie {
  movieId: number;
  /** As MovieLens writes it: "Title, The (Original title) (1995)". */
  title: string;
  /** MovieLens genre names; empty for "(no genres listed)". */
  genres: string[];
}

export interface MovieLensRating {
  userId: number;
  movieId: number;
  rating: number;
}

export interface MovieLens {
  movies: MovieLensMovie[];
  /** movieId → IMDb tconst ("tt" + imdbId zero-padded to 7 digits). */
  tconst: Map<number, string>;
  ratings: MovieLensRating[];
}

export const MOVIELENS_FILES = ['movies.csv', 'links.csv', 'ratings.csv'] as const;

/**
 * Only the ratings of a MovieLens folder (and its links.csv when it has one: movieIds are stable
 * across releases, so without it the caller's links apply).
 */
export function readMovieLensRatings(dir: string): {
  ratings: MovieLensRating[];
  tconst?: Map<number, string>;
} {
  const file = join(dir, 'ratings.csv');
  if (!existsSync(file)) {
    throw new KinemaError(
      'not-found',
      `${file} does not exist`,
      'pass a MovieLens folder holding ratings.csv',
    );
  }
  const read = (path: string) => parseCsv(readFileSync(path, 'utf8'), path);
  const links = join(dir, 'links.csv');
  return {
    ratings: parseRatings(read(file), file),
    ...(existsSync(links) ? { tconst: parseLinks(read(links), links) } : {}),
  };
}

export function readMovieLens(dir: string): MovieLens {
  for (const name of MOVIELENS_FILES) {
    if (!existsSync(join(dir, name))) {
      throw new KinemaError(
        'not-found',
        `${join(dir, name)} does not exist`,
        `pass a MovieLens folder holding ${MOVIELENS_FILES.join(', ')} (e.g. ml-latest-small)`,
      );
    }
  }
  const read = (name: string) => parseCsv(readFileSync(join(dir, name), 'utf8'), join(dir, name));
  return {
    movies: parseMovies(read('movies.csv'), join(dir, 'movies.csv')),
    tconst: parseLinks(read('links.csv'), join(dir, 'links.csv')),
    ratings: parseRatings(read('ratings.csv'), join(dir, 'ratings.csv')),
  };
}

/** A CSV record with the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** RFC 4180: fields may be quoted; "" inside quotes is a quote; CRLF or LF ends a record. */
export function parseCsv(text: string, file: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let start = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ line: start, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      const open = line;
      i++;
      for (;;) {
        if (i >= text.length) {
          throw new KinemaError('bad-input', `${file}:${open}: a quoted field is never closed`);
        }
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
        throw new KinemaError(
          'bad-input',
          `${file}:${line}: unexpected ${JSON.stringify(next)} after a quoted field`,
        );
      }
    } else if (c === ',') {
      fields.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      start = ++line;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || fields.length > 0) endRecord();
  return rows;
}

// --- internal ---

function body(rows: CsvRow[], file: string, header: readonly string[]): CsvRow[] {
  const first = rows[0];
  if (!first || first.fields.join(',') !== header.join(',')) {
    throw new KinemaError(
      'bad-input',
      `${file}:1: expected the header "${header.join(',')}", found "${first?.fields.join(',') ?? ''}"`,
      'is this a MovieLens ml-latest(-small) file?',
    );
  }
  for (const row of rows) {
    if (row.fields.length !== header.length) {
      throw new KinemaError(
        'bad-input',
        `${file}:${row.line}: expected ${header.length} fields, found ${row.fields.length}`,
      );
    }
  }
  return rows.slice(1);
}

function integer(row: CsvRow, index: number, name: string, file: string): number {
  const text = row.fields[index]!;
  const value = Number(text);
  if (text === '' || !Number.isInteger(value) || value < 0) {
    throw new KinemaError('bad-input', `${file}:${row.line}: ${name} "${text}" is not a whole number`);
  }
  return value;
}

function parseMovies(rows: CsvRow[], file: string): MovieLensMovie[] {
  return body(rows, file, ['movieId', 'title', 'genres']).map((row) => {
    const genres = row.fields[2]!;
    return {
      movieId: integer(row, 0, 'movieId', file),
      title: row.fields[1]!,
      genres: genres === '(no genres listed)' || genres === '' ? [] : genres.split('|'),
    };
  });
}

function parseLinks(rows: CsvRow[], file: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const row of body(rows, file, ['movieId', 'imdbId', 'tmdbId'])) {
    const imdbId = row.fields[1]!;
    if (!/^\d{1,9}$/.test(imdbId)) {
      throw new KinemaError('bad-input', `${file}:${row.line}: imdbId "${imdbId}" is not a number`);
    }
    out.set(integer(row, 0, 'movieId', file), `tt${imdbId.padStart(7, '0')}`);
  }
  return out;
}

function parseRatings(rows: CsvRow[], file: string): MovieLensRating[] {
  return body(rows, file, ['userId', 'movieId', 'rating', 'timestamp']).map((row) => {
    const rating = Number(row.fields[2]);
    if (row.fields[2] === '' || !(rating >= 0 && rating <= 5)) {
      throw new KinemaError(
        'bad-input',
        `${file}:${row.line}: rating "${row.fields[2]}" is not between 0 and 5`,
      );
    }
    return { userId: integer(row, 0, 'userId', file), movieId: integer(row, 1, 'movieId', file), rating };
  });
}
