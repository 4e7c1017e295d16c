/**
 * Build step: the search keys of each catalog movie (its US and English akas; SQL in
 * src/db/sql/search-key*.sql) as a CSR over catalog rows, for the title index in search.bin.
 */
import type { Db } from '../db/database.ts';
import { loadSql } from '../db/database.ts';
import { stringsOf, type Strings } from '../core/columns.ts';

export interface SearchKeys {
  /** Keys of row i: values[offsets[i] .. offsets[i+1]). */
  offsets: Int32Array;
  values: Strings;
}

export async function buildSearchKeys(db: Db, movies: number): Promise<SearchKeys> {
  await db.exec(loadSql('search-keys'));
  const counts = await db.ints(loadSql('search-key-counts'));
  // strings read as joined blocks: DuckDB's API makes a native call per string it reads
  const { title } = await db.joined<{ title: string }>(loadSql('search-key-titles'));
  await db.exec('DROP TABLE search_keys');
  const offsets = new Int32Array(movies + 1);
  for (let r = 0; r < counts.rows; r++) offsets[counts.data[2 * r]! + 1] = counts.data[2 * r + 1]!;
  for (let i = 0; i < movies; i++) offsets[i + 1]! += offsets[i]!;
  // both reads are in idx order, so the values are already grouped by movie
  return { offsets, values: stringsOf(title) };
}
