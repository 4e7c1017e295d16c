/**
 * Build step: the indexes serving reads, built once here instead of at every model load. First what a
 * pair score needs (the people index and the franchise stems: franchise.bin), then what only pages and
 * search read (people.bin with filmographies and the people search, search.bin over titles and akas),
 * which the build writes while the neighbour threads run.
 */
import type { Db } from '../db/database.ts';
import type { Catalog } from '../core/model-catalog.ts';
import type { People, PeopleJson } from '../core/model-people.ts';
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

/** The people and franchise indexes (franchise.bin written). */
export function buildScoreIndexes(people: PeopleJson, catalog: Catalog, writer: ModelWriter): ScoreIndexes {
  const decoded = decodePeople(people);
  const indexes = {
    catalog,
    people: decoded,
    peopleIndex: buildPeopleIndex(decoded, catalog.size),
    franchise: buildFranchiseIndex(catalog),
  };
  writer.write('franchise.bin', encodeFranchise(indexes.franchise));
  return indexes;
}

/** people.bin (people, filmographies, people search) and search.bin (titles and their akas). */
export async function writeSearchIndexes(db: Db, writer: ModelWriter, indexes: ScoreIndexes): Promise<void> {
  const { catalog } = indexes;
  writer.write('people.bin', encodePeople(indexes.people, indexes.peopleIndex, catalog));
  const keys = await buildSearchKeys(db, catalog.size);
  writer.write('search.bin', encodeTitleIndex(buildTitleIndex({ ...catalog, keys })));
}
