/**
 * The catalog `kinema eval` builds on: an IMDb-format data folder (the six official .tsv.gz files)
 * for the MovieLens movies. Real IMDb rows are copied where the sample has them; a title.basics row is
 * written from MovieLens movies.csv where it does not (title and year parsed from "Title, The (1995)",
 * MovieLens genres mapped to IMDb names, titleType movie, runtime unknown). The report counts which
 * source every feature came from.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { writeAtomicSync } from '../io/atomic.ts';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { KinemaError } from '../core/errors.ts';
import type { MovieLens, MovieLensMovie } from './movielens.ts';

export interface FeatureSources {
  /** Movies with an IMDb rating (the only ones a catalog can hold). */
  movies: number;
  basics: { imdb: number; movielens: number };
  genres: { imdb: number; movielens: number; none: number };
  year: { imdb: number; movielens: number; none: number };
  runtime: { imdb: number; none: number };
  ratings: { imdb: number };
  /** Movies with at least one row in these IMDb tables. */
  crew: number;
  principals: number;
  akas: number;
  /** People rows copied from name.basics. */
  names: number;
}

/** MovieLens genre → IMDb genre ('' = dropped). */
const GENRE_MAP: Record<string, string> = { Children: 'Family', IMAX: '' };

export function writeEvalImdbData(ml: MovieLens, imdbDir: string, outDir: string): FeatureSources {
  const byTconst = new Map<string, MovieLensMovie>();
  for (const movie of ml.movies) {
    const id = ml.tconst.get(movie.movieId);
    if (id) byTconst.set(id, movie);
  }
  const read = (name: string, keep: (fields: string[]) => boolean) => readTsv(imdbDir, name, keep);
  const has = (f: string[]) => byTconst.has(f[0]!);
  const basics = read('title.basics', has);
  const ratings = read('title.ratings', has);
  const crew = read('title.crew', has);
  const principals = read('title.principals', has);
  const akas = read('title.akas', has);
  const people = new Set<string>();
  for (const f of crew.rows)
    for (const list of [f[1]!, f[2]!]) if (list !== '\\N') list.split(',').forEach((p) => people.add(p));
  for (const f of principals.rows) people.add(f[2]!);
  const names = read('name.basics', (f) => people.has(f[0]!));

  const real = new Map(basics.rows.map((f) => [f[0]!, f]));
  const rated = new Set(ratings.rows.map((f) => f[0]!));
  const basicsRows: string[][] = [];
  const sources: FeatureSources = {
    movies: 0,
    basics: { imdb: 0, movielens: 0 },
    genres: { imdb: 0, movielens: 0, none: 0 },
    year: { imdb: 0, movielens: 0, none: 0 },
    runtime: { imdb: 0, none: 0 },
    ratings: { imdb: rated.size },
    crew: new Set(crew.rows.map((f) => f[0])).size,
    principals: new Set(principals.rows.map((f) => f[0])).size,
    akas: new Set(akas.rows.map((f) => f[0])).size,
    names: names.rows.length,
  };
  for (const id of [...byTconst.keys()].sort(byNumber)) {
    const own = real.get(id);
    const row = own ?? basicsFromMovieLens(id, byTconst.get(id)!);
    basicsRows.push(row);
    if (!rated.has(id)) continue;
    const from = own ? 'imdb' : 'movielens';
    sources.movies++;
    sources.basics[from]++;
    sources.genres[row[8] === '\\N' ? 'none' : from]++;
    sources.year[row[5] === '\\N' ? 'none' : from]++;
    sources.runtime[row[7] === '\\N' ? 'none' : 'imdb']++;
  }

  mkdirSync(outDir, { recursive: true });
  const write = (name: string, header: string, rows: string[][]) => {
    const text = [header, ...rows.map((f) => f.join('\t'))].join('\n') + '\n';
    const path = join(outDir, `${name}.tsv.gz`);
    // gzip without a timestamp: the same inputs give the same bytes
    writeAtomicSync(path, gzipSync(text));
  };
  write('title.basics', basics.header, basicsRows);
  write('title.ratings', ratings.header, ratings.rows);
  write('title.crew', crew.header, crew.rows);
  write('title.principals', principals.header, principals.rows);
  write('title.akas', akas.header, akas.rows);
  write('name.basics', names.header, names.rows);
  return sources;
}

/** "City of Lost Children, The (Cité des enfants perdus, La) (1995)" → title, original title, year. */
export function parseMovieLensTitle(raw: string): {
  title: string;
  originalTitle: string;
  year: number | null;
} {
  let text = raw.trim();
  let year: number | null = null;
  const y = /\s*\((\d{4})(?:[-–]\d{0,4})?\)$/.exec(text);
  if (y) {
    year = Number(y[1]);
    text = text.slice(0, y.index).trim();
  }
  let original = '';
  const alt = /^(.*?)\s+\(([^()]+)\)$/.exec(text);
  if (alt && alt[1]) {
    text = alt[1];
    if (!/^a\.k\.a\. /i.test(alt[2]!)) original = articleFirst(alt[2]!);
  }
  const title = articleFirst(text);
  return { title, originalTitle: original || title, year };
}

/** MovieLens genre names as IMDb genre names (Children → Family, IMAX dropped). */
export function imdbGenres(genres: readonly string[]): string[] {
  return genres.map((g) => GENRE_MAP[g] ?? g).filter((g) => g !== '');
}

// --- internal ---

const ARTICLE = /^(.*), (The|A|An|Les|La|Le|L'|Il|Das|Der|Die|El|Los|Las|Lo|I|Gli|Un|Une|Det|Den|De|Ett|En)$/;

function articleFirst(title: string): string {
  const m = ARTICLE.exec(title);
  if (!m) return title;
  return m[2]!.endsWith("'") ? `${m[2]}${m[1]}` : `${m[2]} ${m[1]}`;
}

function basicsFromMovieLens(tconst: string, movie: MovieLensMovie): string[] {
  const { title, originalTitle, year } = parseMovieLensTitle(movie.title);
  const genres = imdbGenres(movie.genres);
  const clean = (s: string) => s.replace(/[\t\r\n]/g, ' ');
  return [
    tconst,
    'movie',
    clean(title),
    clean(originalTitle),
    '0',
    year === null ? '\\N' : String(year),
    '\\N',
    '\\N',
    genres.length ? genres.join(',') : '\\N',
  ];
}

function readTsv(dir: string, name: string, keep: (fields: string[]) => boolean) {
  const path = join(dir, `${name}.tsv.gz`);
  if (!existsSync(path)) {
    throw new KinemaError(
      'not-found',
      `${path} does not exist`,
      'pass --imdb with a folder of the six IMDb .tsv.gz files',
    );
  }
  const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
  const header = lines[0] ?? '';
  const width = header.split('\t').length;
  const rows: string[][] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    const fields = line.split('\t');
    if (fields.length !== width) {
      throw new KinemaError(
        'bad-input',
        `${path}:${i + 1}: expected ${width} tab-separated fields, found ${fields.length}`,
      );
    }
    if (keep(fields)) rows.push(fields);
  }
  return { header, rows };
}

function byNumber(a: string, b: string): number {
  return Number(a.slice(2)) - Number(b.slice(2));
}
