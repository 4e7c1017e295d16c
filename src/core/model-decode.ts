/** The build's JSON columns → the in-memory typed columns serving reads. */
import { KinemaError } from './errors.ts';
import { StringColumn } from './columns.ts';
import type { Catalog, CatalogJson } from './model-catalog.ts';
import type { Csr, People, PeopleJson } from './model-people.ts';

/** An in-memory catalog from its JSON columns (the build, tests). */
export function decodeCatalog(json: CatalogJson): Catalog {
  const size = json.id.length;
  for (const key of Object.keys(json) as (keyof CatalogJson)[]) {
    if (json[key].length !== size) {
      throw new KinemaError('model', `catalog column ${key} has ${json[key].length} rows, expected ${size}`);
    }
  }
  return {
    size,
    id: StringColumn.from(json.id),
    title: StringColumn.from(json.title),
    originalTitle: StringColumn.from(json.originalTitle),
    year: Int16Array.from(json.year),
    runtime: Int16Array.from(json.runtime),
    genres: Uint32Array.from(json.genres),
    rating: Float32Array.from(json.rating),
    votes: Int32Array.from(json.votes),
    bayes: Float32Array.from(json.bayes),
    cluster: Int32Array.from(json.cluster),
    distance: Float32Array.from(json.distance),
  };
}

export function decodePeople(json: PeopleJson): People {
  const csr = (c: { offsets: number[]; items: number[] }): Csr => ({
    offsets: Int32Array.from(c.offsets),
    items: Int32Array.from(c.items),
  });
  return {
    id: StringColumn.from(json.id),
    name: StringColumn.from(json.name),
    directors: csr(json.directors),
    writers: csr(json.writers),
    cast: csr(json.cast),
    ...(json.birthYear ? { birthYear: Int16Array.from(json.birthYear) } : {}),
    ...(json.deathYear ? { deathYear: Int16Array.from(json.deathYear) } : {}),
    ...(json.professions ? { professions: StringColumn.from(json.professions) } : {}),
    ...(json.characters ? { characters: StringColumn.from(json.characters) } : {}),
    ...(json.known ? { known: csr(json.known) } : {}),
  };
}
