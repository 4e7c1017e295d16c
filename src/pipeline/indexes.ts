/**
 * Build step: the indexes serving reads, built once here instead of at every model load. What needs
 * the catalog only (the franchise stems: franchise.bin; the title search: search.bin) is built while
 * the people SQL runs on its own connection; then what a pair score needs (the people index), and last
 * what only pages and search read (people.bin with filmographies and the people search), which the
 * build writes while the neighbour threads run.
 */
import type { Db } from '../db/database.ts';
import type { Catalog } from '../core/model-catalog.ts';
import type { People, PeopleJson } from '../core/model-people.ts';
import { blankStrings } from '../core/columns.ts';
import type { PeopleLists } from './people.ts';
import type { FranchiseIndex } from '../core/recommend/franchise.ts';
import type { PeopleIndex } from '../core/recommend/people-index.ts';
import { decodePeople } from '../core/model-decode.ts';
import { encodeFranchise, encodePeople, encodeTitleIndex } from '../core/model-binary.ts';
import { buildFranchiseIndex } from '../core/recommend/franchise.ts';
import { buildPeopleIndex } from '../core/recommend/people-index.ts';
import { buildTitleIndex } from '../core/search/title-index.ts';
import type { ModelWriter } from './model-write.ts';
import { buildSearchKeys } from './search-keys.ts';

export interface ScoreIndexes {
  catalog: Catalog;
  people: People;
  peopleIndex: PeopleIndex;
  franchise: FranchiseIndex;
}

/** The franchise index (franchise.bin written). */
export function writeFranchise(catalog: Catalog, writer: ModelWriter): FranchiseIndex {
  const franchise = buildFranchiseIndex(catalog);
  writer.write('franchise.bin', encodeFranchise(franchise));
  return franchise;
}

/** search.bin: the title index over titles and their akas. */
export async function writeTitleSearch(db: Db, writer: ModelWriter, catalog: Catalog): Promise<void> {
  const keys = await buildSearchKeys(db, catalog.size);
  writer.write('search.bin', encodeTitleIndex(buildTitleIndex({ ...catalog, keys })));
}

/** The people index, from who is in each movie (their names come later, for people.bin only). */
export function buildScoreIndexes(
  lists: PeopleLists,
  catalog: Catalog,
  franchise: FranchiseIndex,
): ScoreIndexes {
  const csr = (c: PeopleLists['cast']) => ({
    offsets: Int32Array.from(c.offsets),
    items: Int32Array.from(c.items),
  });
  const people: People = {
    id: blankStrings(lists.persons),
    name: blankStrings(lists.persons),
    directors: csr(lists.directors),
    writers: csr(lists.writers),
    cast: csr(lists.cast),
    known: csr(lists.known),
  };
  return { catalog, people, peopleIndex: buildPeopleIndex(people, catalog.size), franchise };
}

/** people.bin: people with their names and details, filmographies and the people search. */
export function writePeopleSearch(writer: ModelWriter, indexes: ScoreIndexes, details: PeopleJson): void {
  writer.write('people.bin', encodePeople(decodePeople(details), indexes.peopleIndex, indexes.catalog));
}
