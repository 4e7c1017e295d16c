/**
 * The six IMDb tables as DuckDB reads them. Names and official headers come from src/core/tables.ts;
 * this adds the type each column is cast to, which columns we keep, and a row filter that drops what no
 * step ever uses (most akas and principals), so full-size files ingest in bounded memory and the Parquet
 * cache stays small.
 */
import { IMDB_TABLES, type ImdbTable } from '../core/tables.ts';

export type TableName = ImdbTable;

export interface TableSpec {
  name: TableName;
  /** SQL table name: the file name with '.' → '_'. */
  table: string;
  /** Official columns in order, with the type DuckDB casts each to. */
  columns: [string, string][];
  keep: string[];
  where?: string;
  /**
   * What the row filter keeps, for the lines dropped before DuckDB parses them
   * (src/pipeline/id-line-filter.ts): rows whose first column is the id of a movie with the build's
   * minimum of votes, or (names) people credited on such a movie or known for one (knownForTitles,
   * column 5), or rows with this text in this column (the same test as `where`, which stays the
   * definition).
   */
  prefilter?: 'movies' | 'people' | { column: string; value: string };
  /** Tables the row filter reads: they are ingested first, and a change in them re-ingests this one. */
  dependsOn: TableName[];
  /** Columns that identify a row: a second row with the same key is a bad row, not a second movie. */
  key: string[];
  /** [SQL condition a row must meet, reason shown when it does not]: failing rows are counted bad rows. */
  checks: [string, string][];
}

/** Columns that are not VARCHAR. */
const TYPES: Record<string, string> = {
  isAdult: 'SMALLINT',
  startYear: 'SMALLINT',
  endYear: 'SMALLINT',
  runtimeMinutes: 'INTEGER',
  ordering: 'INTEGER',
  isOriginalTitle: 'SMALLINT',
  averageRating: 'DOUBLE',
  numVotes: 'INTEGER',
  birthYear: 'SMALLINT',
  deathYear: 'SMALLINT',
};

/**
 * A catalog only ever holds movies with a rating and at least the build's minimum of votes (both presets
 * join title.ratings), so title.basics keeps only movies, and akas, crew and principals only rows about
 * movies with that many votes (names: the people those rows mention). On the real files this keeps a few
 * percent of akas and principals, and the Parquet cache and later joins shrink with it. title.ratings
 * is kept whole (small), so it is read beside title.basics. MIN_VOTES is replaced by tableSpecs.
 */
const MIN_VOTES = '{{min_votes}}';
const MOVIES = `SELECT tconst FROM title_basics SEMI JOIN (SELECT tconst FROM title_ratings WHERE numVotes >= ${MIN_VOTES}) USING (tconst)`;
const MOVIE = 'movie';
type Keep = Pick<TableSpec, 'keep' | 'where' | 'prefilter' | 'dependsOn' | 'key' | 'checks'>;
const TCONST: [string, string] = ["regexp_full_match(tconst, 'tt[0-9]{1,12}')", 'tconst is not tt + digits'];
const NCONST: [string, string] = ["regexp_full_match(nconst, 'nm[0-9]{1,12}')", 'nconst is not nm + digits'];
const YEAR = (c: string): [string, string] => [
  `${c} IS NULL OR ${c} BETWEEN 1800 AND 2200`,
  `${c} outside 1800-2200`,
];
const KEEP: Record<TableName, Keep> = {
  'title.basics': {
    keep: [
      'tconst',
      'titleType',
      'primaryTitle',
      'originalTitle',
      'isAdult',
      'startYear',
      'runtimeMinutes',
      'genres',
    ],
    where: `titleType = '${MOVIE}'`,
    prefilter: { column: 'titleType', value: MOVIE },
    dependsOn: [],
    key: ['tconst'],
    checks: [
      TCONST,
      ['isAdult IS NULL OR isAdult IN (0, 1)', 'isAdult is not 0 or 1'],
      YEAR('startYear'),
      ['runtimeMinutes IS NULL OR runtimeMinutes >= 0', 'runtimeMinutes is negative'],
    ],
  },
  'title.akas': {
    keep: ['titleId', 'ordering', 'title', 'region', 'language', 'types', 'attributes'],
    // display titles, search keys and the original recipe only ever look at US or English akas
    where: `(region = 'US' OR language = 'en') AND titleId IN (${MOVIES})`,
    prefilter: 'movies',
    dependsOn: ['title.basics', 'title.ratings'],
    key: ['titleId', 'ordering'],
    checks: [],
  },
  'title.ratings': {
    keep: ['tconst', 'averageRating', 'numVotes'],
    dependsOn: [],
    key: ['tconst'],
    // IMDb ratings are 1-10; NaN compares greater than every number, so it fails too
    checks: [
      ['averageRating BETWEEN 1 AND 10', 'averageRating outside 1-10'],
      ['numVotes >= 0', 'numVotes is negative or missing'],
    ],
  },
  'title.crew': {
    keep: ['tconst', 'directors', 'writers'],
    where: `tconst IN (${MOVIES})`,
    prefilter: 'movies',
    dependsOn: ['title.basics', 'title.ratings'],
    key: ['tconst'],
    checks: [],
  },
  'title.principals': {
    keep: ['tconst', 'ordering', 'nconst', 'category', 'characters'],
    where: `category IN ('actor', 'actress', 'self', 'director', 'writer') AND tconst IN (${MOVIES})`,
    prefilter: 'movies',
    dependsOn: ['title.basics', 'title.ratings'],
    key: ['tconst', 'ordering'],
    checks: [NCONST],
  },
  'name.basics': {
    keep: ['nconst', 'primaryName', 'birthYear', 'deathYear', 'primaryProfession', 'knownForTitles'],
    // the people credited on a movie, and those IMDb says are known for one (crew and principals may
    // lack a movie a person is famous for, as the shared sample does for Se7en). IMDb lists at most four
    // known-for titles; testing each position keeps the filter uncorrelated (an EXISTS over the unnested
    // list makes DuckDB hash every row's list and runs out of memory on the full file)
    where: `nconst IN (SELECT nconst FROM title_principals
      UNION ALL SELECT unnest(string_split(directors, ',')) FROM title_crew
      UNION ALL SELECT unnest(string_split(writers, ',')) FROM title_crew)
      OR ${[1, 2, 3, 4].map((i) => `split_part(knownForTitles, ',', ${i}) IN (${MOVIES})`).join(' OR ')}`,
    prefilter: 'people',
    dependsOn: ['title.basics', 'title.ratings', 'title.principals', 'title.crew'],
    key: ['nconst'],
    checks: [NCONST],
  },
};

/**
 * The tables as a build with this minimum of votes reads them (a movie with fewer can be in no catalog:
 * its akas, crew and principals are not kept). The Parquet cache of those tables is for that minimum.
 */
export function tableSpecs(minVotes: number): TableSpec[] {
  const votes = String(Math.max(0, Math.floor(minVotes)));
  return IMDB_TABLES.map((t) => {
    const keep = KEEP[t.name];
    return {
      name: t.name,
      table: t.name.replace('.', '_'),
      columns: t.columns.map((c): [string, string] => [c, TYPES[c] ?? 'VARCHAR']),
      ...keep,
      ...(keep.where ? { where: keep.where.replaceAll(MIN_VOTES, votes) } : {}),
    };
  });
}

/** The tables of a catalog of every rated movie (minimum 0 votes: the original preset's). */
export const TABLES: TableSpec[] = tableSpecs(0);
