/**
 * The six IMDb dataset files kinema uses: their names, file names and official header columns, in the
 * order the official files have them. Fetch, sample and ingest all start from this list.
 */
import { KinemaError } from './errors.ts';

export type ImdbTable =
  'title.basics' | 'title.akas' | 'title.ratings' | 'title.crew' | 'title.principals' | 'name.basics';

export interface ImdbTableInfo {
  name: ImdbTable;
  /** File name in the data folder and on the datasets site. */
  file: string;
  /** Official header, in order. */
  columns: readonly string[];
}

const info = (name: ImdbTable, columns: string[]): ImdbTableInfo => ({
  name,
  file: `${name}.tsv.gz`,
  columns,
});

export const IMDB_TABLES: readonly ImdbTableInfo[] = [
  info('title.basics', [
    'tconst',
    'titleType',
    'primaryTitle',
    'originalTitle',
    'isAdult',
    'startYear',
    'endYear',
    'runtimeMinutes',
    'genres',
  ]),
  info('title.akas', [
    'titleId',
    'ordering',
    'title',
    'region',
    'language',
    'types',
    'attributes',
    'isOriginalTitle',
  ]),
  info('title.ratings', ['tconst', 'averageRating', 'numVotes']),
  info('title.crew', ['tconst', 'directors', 'writers']),
  info('title.principals', ['tconst', 'ordering', 'nconst', 'category', 'job', 'characters']),
  info('name.basics', [
    'nconst',
    'primaryName',
    'birthYear',
    'deathYear',
    'primaryProfession',
    'knownForTitles',
  ]),
];

export const IMDB_TABLE_NAMES: readonly ImdbTable[] = IMDB_TABLES.map((t) => t.name);

/** The official datasets site; `--mirror` replaces it. */
export const IMDB_BASE_URL = 'https://datasets.imdbws.com/';

export function imdbTable(name: ImdbTable): ImdbTableInfo {
  const found = IMDB_TABLES.find((t) => t.name === name);
  if (!found) throw new KinemaError('bad-input', `unknown IMDb table: ${name}`);
  return found;
}

/**
 * Parses a comma-separated table list such as `title.basics,ratings` (the `title.`/`name.` prefix and a
 * `.tsv.gz` suffix are optional), in the official order, without duplicates.
 */
export function parseTableList(text: string): ImdbTable[] {
  const wanted = new Set<ImdbTable>();
  for (const raw of text.split(',')) {
    const word = raw.trim().replace(/\.tsv(\.gz)?$/, '');
    if (!word) continue;
    const match = IMDB_TABLE_NAMES.filter((n) => n === word || n.endsWith(`.${word}`));
    if (match.length !== 1) {
      throw new KinemaError(
        'bad-input',
        `unknown IMDb table "${word}"${match.length > 1 ? ' (ambiguous)' : ''}`,
        `use some of: ${IMDB_TABLE_NAMES.join(', ')}`,
      );
    }
    wanted.add(match[0]!);
  }
  if (wanted.size === 0)
    throw new KinemaError('bad-input', 'empty table list', `use some of: ${IMDB_TABLE_NAMES.join(', ')}`);
  return IMDB_TABLE_NAMES.filter((n) => wanted.has(n));
}
