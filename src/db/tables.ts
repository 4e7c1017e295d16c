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

const KEEP: Record<TableName, { keep: string[]; where?: string }> = {
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
  },
  'title.akas': {
    keep: ['titleId', 'ordering', 'title', 'region', 'language', 'types'],
    // display titles and the original recipe only ever look at US or English akas
    where: "region = 'US' OR language = 'en'",
  },
  'title.ratings': { keep: ['tconst', 'averageRating', 'numVotes'] },
  'title.crew': { keep: ['tconst', 'directors', 'writers'] },
  'title.principals': {
    keep: ['tconst', 'ordering', 'nconst', 'category'],
    where: "category IN ('actor', 'actress', 'self', 'director', 'writer')",
  },
  'name.basics': { keep: ['nconst', 'primaryName', 'birthYear'] },
};

export const TABLES: TableSpec[] = IMDB_TABLES.map((t) => ({
  name: t.name,
  table: t.name.replace('.', '_'),
  columns: t.columns.map((c): [string, string] => [c, TYPES[c] ?? 'VARCHAR']),
  ...KEEP[t.name],
}));
