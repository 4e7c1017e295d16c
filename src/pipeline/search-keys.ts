/**
 * Build step: the search keys of each catalog movie (its US and English akas; SQL in
 * src/db/sql/search-keys.sql) as a CSR over catalog rows, for the title index in search.bin.
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
  const { idx, title } = await db.columns<{ idx: number; title: string }>(loadSql('search-keys'));
  const offsets = new Int32Array(movies + 1);
  for (const i of idx) offsets[i + 1]!++;
  for (let i = 0; i < movies; i++) offsets[i + 1]! += offsets[i]!;
  // rows arrive in idx order, so the values are already grouped by movie
  return { offsets, values: stringsOf(title) };
}
