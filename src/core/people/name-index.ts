/**
 * People's names as a search index: the title index's machinery (src/core/search/title-index.ts) over
 * one "title" per person, ranked by the votes of their catalog movies, so "nolan" finds Christopher
 * Nolan before a namesake with one small film. Unnamed people (missing from name.basics) have no words.
 */
import type { Catalog } from '../model-catalog.ts';
import type { People } from '../model-people.ts';
import { stringsOf } from '../columns.ts';
import { buildTitleIndex, type TitleIndex } from '../search/title-index.ts';
import type { Filmography } from './filmography.ts';

export function buildNameIndex(
  people: People,
  filmography: Filmography,
  catalog: Pick<Catalog, 'votes'>,
): TitleIndex {
  const persons = people.id.length;
  const votes = new Int32Array(persons);
  for (let p = 0; p < persons; p++) {
    let sum = 0;
    for (let k = filmography.offsets[p]!; k < filmography.offsets[p + 1]!; k++) {
      sum += catalog.votes[filmography.movies[k]!]!;
    }
    votes[p] = Math.min(sum, 2 ** 31 - 1);
  }
  const names = Array.from({ length: persons }, (_, p) => people.name.get(p));
  return buildTitleIndex({
    size: persons,
    title: stringsOf(names),
    originalTitle: stringsOf(new Array<string>(persons).fill('')),
    votes,
    rating: new Float32Array(persons),
  });
}
