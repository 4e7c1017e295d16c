/**
 * The line filter each table's feed gets (src/pipeline/id-line-filter.ts), from its spec's `prefilter`:
 * a field's text (title.basics), or the ids of the movies a catalog can hold (rated, with the build's
 * minimum of votes) and of the people credited on them, read from the tables already ingested.
 */
import type { Db } from '../db/database.ts';
import { filterIds } from '../db/ingest.ts';
import type { TableSpec } from '../db/tables.ts';
import { IdSet, type LineRule } from './id-line-filter.ts';

/** The id set of the movies or the people, read once per ingest on the caller's connection. */
export type FilterIds = (db: Db, what: 'movies' | 'people') => Promise<IdSet | null>;

export async function lineRule(db: Db, spec: TableSpec, ids: FilterIds): Promise<LineRule | undefined> {
  const prefilter = spec.prefilter;
  if (!prefilter) return undefined;
  if (typeof prefilter === 'object') {
    const column = spec.columns.findIndex(([name]) => name === prefilter.column);
    return { column, value: prefilter.value };
  }
  const movies = await ids(db, 'movies');
  if (!movies) return undefined;
  if (prefilter === 'movies') return { prefix: 'tt', ids: movies };
  const people = await ids(db, 'people');
  return people ? { prefix: 'nm', ids: people, listed: { column: 5, titles: movies } } : undefined;
}

/** Ids past this are left to DuckDB alone rather than sized into the bit set (IMDb's are near 2e7). */
const MAX_FILTER_ID = 2 ** 28;

/** The ids as a bit set; null (no filter) when one is too big for it. */
export async function idSet(db: Db, what: 'movies' | 'people', minVotes: number): Promise<IdSet | null> {
  const ids = await filterIds(db, what, minVotes);
  let max = 0;
  for (const id of ids) if (id > max) max = id;
  return max < MAX_FILTER_ID ? IdSet.from(ids, max) : null;
}
