/**
 * The sections of a lazily loaded model (model-sections.ts): what loadModel leaves out with `lazy`
 * and how each is read when a route first asks for it. features.f32 and search.bin are read whole;
 * people.bin was opened by columns at load (its ids, names and index), and its other columns (credits,
 * details, filmographies, the name index) are read into the same buffer. Until then those fields
 * throw. collab.bin was opened by columns too (row starts, like counts): its entries are read a row
 * at a time for the movies a route names (collab/row-fetch.ts), or whole by the collab section.
 */
import { collabRowFetch } from './collab/row-fetch.ts';
import {
  CATALOG_LATER_COLUMNS,
  COLLAB_ROW_COLUMNS,
  decodePeopleDetails,
  decodePeoplePostings,
  decodeTitleIndexFile,
  PEOPLE_CORE_COLUMNS,
  type PeopleDetails,
  type PeoplePostings,
} from './model-binary.ts';
import { toFloat32 } from './model-bytes.ts';
import type { Model } from './model.ts';
import { guardField, modelSections, settleField, type ModelSections } from './model-sections.ts';
import type { RemoteFile } from './neighbour-lists.ts';
import type { SparseColumnFile } from './sparse-columns.ts';

export const CATALOG_FILE = 'catalog.bin';
export const PEOPLE_FILE = 'people.bin';
export const COLLAB_FILE = 'collab.bin';

const PEOPLE_DETAILS: readonly (keyof PeopleDetails & string)[] = [
  'directors',
  'writers',
  'cast',
  'birthYear',
  'deathYear',
  'professions',
  'characters',
  'known',
  'filmography',
  'nameIndex',
];

const POSTINGS: readonly (keyof PeoplePostings)[] = ['postingOffsets', 'postings'];

/**
 * Guards the fields left out and returns their loaders; `required` reads a file that must exist,
 * `people` and `collab` are the files opened by columns (undefined: the model has none).
 */
export function lazySections(
  model: Model,
  required: (name: string) => Promise<Uint8Array>,
  files: {
    catalog?: SparseColumnFile;
    people?: SparseColumnFile;
    collab?: SparseColumnFile;
    collabRows?: RemoteFile;
  },
): ModelSections {
  const { people, collab } = files;
  const movies = model.catalog.size;
  // decoded already (views on the file's buffer): their bytes are read by the catalog section
  const { catalog } = model;
  const later = {
    originalTitle: catalog.originalTitle,
    distance: catalog.distance,
    coldOrders: model.coldOrders,
  };
  if (files.catalog) {
    guardField(catalog, 'originalTitle', 'catalog');
    guardField(catalog, 'distance', 'catalog');
    guardField(model, 'coldOrders', 'catalog');
  }
  guardField(model, 'features', 'features');
  guardField(model, 'titleIndex', 'search');
  const person = model.people;
  const index = model.peopleIndex;
  if (person) for (const key of PEOPLE_DETAILS) guardField(person, key, 'people');
  if (person && index) for (const key of POSTINGS) guardField(index, key, 'people');
  const lists = model.collab;
  const rows =
    lists && collab
      ? collabRowFetch(lists, collab, () => sections.loaded('collab'), files.collabRows)
      : undefined;
  const sections = modelSections(
    {
      catalog: async () => {
        if (!files.catalog) return;
        await files.catalog.load(CATALOG_LATER_COLUMNS);
        settleField(catalog, 'originalTitle', later.originalTitle);
        settleField(catalog, 'distance', later.distance);
        settleField(model, 'coldOrders', later.coldOrders);
      },
      features: async () => {
        const bytes = await required('features.f32');
        settleField(model, 'features', toFloat32(bytes, 'features.f32', movies * model.d));
      },
      people: async () => {
        if (!people || !person) return;
        const core = new Set(PEOPLE_CORE_COLUMNS);
        await people.load(people.columns.names().filter((name) => !core.has(name)));
        const details = decodePeopleDetails(people.columns, movies, person.id.length);
        for (const key of PEOPLE_DETAILS) settleField(person, key, details[key]);
        const postings = decodePeoplePostings(people.columns, person.id.length);
        for (const key of POSTINGS) settleField(index!, key, postings[key]);
      },
      search: async () => {
        const index = decodeTitleIndexFile(await required('search.bin'), movies);
        settleField(model, 'titleIndex', index);
      },
      collab: async () => {
        await collab?.load(COLLAB_ROW_COLUMNS);
      },
    },
    async (wanted) => rows?.(wanted),
  );
  return sections;
}
