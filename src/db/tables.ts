/**
 * The six IMDb tables as DuckDB reads them: the official header (checked before reading), the type of
 * every column, which columns we keep, and a row filter that drops what no step ever uses (most akas
 * and principals), so full-size files ingest in bounded memory and the Parquet cache stays small.
 */
export type TableName =
  'title.basics' | 'title.akas' | 'title.ratings' | 'title.crew' | 'title.principals' | 'name.basics';

export interface TableSpec {
  name: TableName;
  /** SQL table name: the file name with '.' → '_'. */
  table: string;
  /** Official columns in order, with the type DuckDB casts each to. */
  columns: [string, string][];
  keep: string[];
  where?: string;
}

const spec = (name: TableName, columns: [string, string][], keep: string[], where?: string): TableSpec => ({
  name,
  table: name.replace('.', '_'),
  columns,
  keep,
  where,
});

export const TABLES: TableSpec[] = [
  spec(
    'title.basics',
    [
      ['tconst', 'VARCHAR'],
      ['titleType', 'VARCHAR'],
      ['primaryTitle', 'VARCHAR'],
      ['originalTitle', 'VARCHAR'],
      ['isAdult', 'SMALLINT'],
      ['startYear', 'SMALLINT'],
      ['endYear', 'SMALLINT'],
      ['runtimeMinutes', 'INTEGER'],
      ['genres', 'VARCHAR'],
    ],
    [
      'tconst',
      'titleType',
      'primaryTitle',
      'originalTitle',
      'isAdult',
      'startYear',
      'runtimeMinutes',
      'genres',
    ],
  ),
  spec(
    'title.akas',
    [
      ['titleId', 'VARCHAR'],
      ['ordering', 'INTEGER'],
      ['title', 'VARCHAR'],
      ['region', 'VARCHAR'],
      ['language', 'VARCHAR'],
      ['types', 'VARCHAR'],
      ['attributes', 'VARCHAR'],
      ['isOriginalTitle', 'SMALLINT'],
    ],
    ['titleId', 'ordering', 'title', 'region', 'language', 'types'],
    // display titles and the original recipe only ever look at US or English akas
    "region = 'US' OR language = 'en'",
  ),
  spec(
    'title.ratings',
    [
      ['tconst', 'VARCHAR'],
      ['averageRating', 'DOUBLE'],
      ['numVotes', 'INTEGER'],
    ],
    ['tconst', 'averageRating', 'numVotes'],
  ),
  spec(
    'title.crew',
    [
      ['tconst', 'VARCHAR'],
      ['directors', 'VARCHAR'],
      ['writers', 'VARCHAR'],
    ],
    ['tconst', 'directors', 'writers'],
  ),
  spec(
    'title.principals',
    [
      ['tconst', 'VARCHAR'],
      ['ordering', 'INTEGER'],
      ['nconst', 'VARCHAR'],
      ['category', 'VARCHAR'],
      ['job', 'VARCHAR'],
      ['characters', 'VARCHAR'],
    ],
    ['tconst', 'ordering', 'nconst', 'category'],
    "category IN ('actor', 'actress', 'self', 'director', 'writer')",
  ),
  spec(
    'name.basics',
    [
      ['nconst', 'VARCHAR'],
      ['primaryName', 'VARCHAR'],
      ['birthYear', 'SMALLINT'],
      ['deathYear', 'SMALLINT'],
      ['primaryProfession', 'VARCHAR'],
      ['knownForTitles', 'VARCHAR'],
    ],
    ['nconst', 'primaryName', 'birthYear'],
  ),
];

export function tableSpec(name: TableName): TableSpec {
  const found = TABLES.find((t) => t.name === name);
  if (!found) throw new Error(`unknown table ${name}`);
  return found;
}
