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
  /** Tables the row filter reads: they are ingested first, and a change in them re-ingests this one. */
  dependsOn: TableName[];
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
 * Both catalog presets only ever use movies, so title.basics keeps only movies and every other table keeps
 * only rows about them (or, for names, about the people those rows mention). On the real files this keeps
 * a few percent of akas and principals, and the Parquet cache and later joins shrink with it.
 */
const MOVIES = 'SELECT tconst FROM title_basics';
const KEEP: Record<TableName, { keep: string[]; where?: string; dependsOn: TableName[] }> = {
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
    where: "titleType = 'movie'",
    dependsOn: [],
  },
  'title.akas': {
    keep: ['titleId', 'ordering', 'title', 'region', 'language', 'types'],
    // display titles and the original recipe only ever look at US or English akas
    where: `(region = 'US' OR language = 'en') AND titleId IN (${MOVIES})`,
    dependsOn: ['title.basics'],
  },
  'title.ratings': {
    keep: ['tconst', 'averageRating', 'numVotes'],
    where: `tconst IN (${MOVIES})`,
    dependsOn: ['title.basics'],
  },
  'title.crew': {
    keep: ['tconst', 'directors', 'writers'],
    where: `tconst IN (${MOVIES})`,
    dependsOn: ['title.basics'],
  },
  'title.principals': {
    keep: ['tconst', 'ordering', 'nconst', 'category'],
    where: `category IN ('actor', 'actress', 'self', 'director', 'writer') AND tconst IN (${MOVIES})`,
    dependsOn: ['title.basics'],
  },
  'name.basics': {
    keep: ['nconst', 'primaryName', 'birthYear'],
    where: `nconst IN (SELECT nconst FROM title_principals
      UNION ALL SELECT unnest(string_split(directors, ',')) FROM title_crew
      UNION ALL SELECT unnest(string_split(writers, ',')) FROM title_crew)`,
    dependsOn: ['title.principals', 'title.crew'],
  },
};

export const TABLES: TableSpec[] = IMDB_TABLES.map((t) => ({
  name: t.name,
  table: t.name.replace('.', '_'),
  columns: t.columns.map((c): [string, string] => [c, TYPES[c] ?? 'VARCHAR']),
  ...KEEP[t.name],
}));
