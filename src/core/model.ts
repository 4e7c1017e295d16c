/**
 * The model folder as serving sees it: JSON for the small manifest, little-endian typed arrays for the
 * rest, so the site, the CLI and Lambda map it without DuckDB and without parsing. `kinema build` writes
 * it (src/pipeline/model-write.ts); this file describes and decodes it, src/core/model-binary.ts holds
 * the column layouts. Reading bytes is an effect passed in.
 *
 *   manifest.json      ModelManifest
 *   catalog.bin        column file (src/core/columns.ts): one column per field, row i = movie i, + idOrder
 *   features.f32       n×d row-major scaled features (manifest.features.names)
 *   centroids.f32      k×d
 *   people.bin         column file (optional): people, their movies (CSR) and the people index
 *   franchise.bin      column file: title-stem groups (src/core/recommend/franchise.ts)
 *   search.bin         column file: the title search index (src/core/search/title-index.ts)
 *   collab.bin         column file (optional): per movie its top co-liked movies, scores, likes
 *   neighbours.bin     per movie: N neighbour rows (Int32, best first, -1 padded), then N scores
 *                      (Float32) (optional)
 *   movies.parquet     everything above as one table, for export and analysis
 *   build-report.json  timings and bad-row samples (not part of the deterministic model)
 */
import { KinemaError } from './errors.ts';
import { checkArtifact } from './model-id.ts';
import { LITTLE_ENDIAN, StringColumn, view, type Strings } from './columns.ts';
import {
  decodeCatalogFile,
  decodeCollabFile,
  decodeFranchiseFile,
  decodePeopleFile,
  decodeTitleIndexFile,
  sortedLookup,
} from './model-binary.ts';
import {
  bytesFile,
  neighboursFromFile,
  NEIGHBOURS_FILE,
  type Neighbours,
  type OpenModelFile,
} from './neighbour-lists.ts';
import type { FranchiseIndex } from './recommend/franchise.ts';
import type { PeopleIndex } from './recommend/people-index.ts';
import type { TitleIndex } from './search/title-index.ts';
import type { Filmography } from './people/filmography.ts';
import type { CollabLists } from './collab/lists.ts';
import { MODEL_FORMAT, type ModelManifest } from './model-manifest.ts';

export * from './model-manifest.ts';

export interface CatalogJson {
  id: string[];
  /** Display title: primaryTitle, or the English US display aka without attributes (catalog-kinema.sql). */
  title: string[];
  /** IMDb's original title, "" when equal to `title`. */
  originalTitle: string[];
  year: number[];
  /** Minutes; 0 = unknown. */
  runtime: number[];
  /** Bit mask over GENRES (src/core/genres.ts). */
  genres: number[];
  rating: number[];
  votes: number[];
  /** IMDb-style Bayesian weighted rating. */
  bayes: number[];
  cluster: number[];
  /** Euclidean distance to the cluster centroid in feature space. */
  distance: number[];
}

export interface Catalog {
  size: number;
  id: Strings;
  title: Strings;
  originalTitle: Strings;
  year: Int16Array;
  runtime: Int16Array;
  genres: Uint32Array;
  rating: Float32Array;
  votes: Int32Array;
  bayes: Float32Array;
  cluster: Int32Array;
  distance: Float32Array;
}

/** Compressed sparse rows: the items of row i are items[offsets[i] .. offsets[i+1]). */
export interface Csr {
  offsets: Int32Array;
  items: Int32Array;
}

export interface PeopleJson {
  id: string[];
  /** "" for a person missing from name.basics: kept for the similarity, never shown. */
  name: string[];
  directors: { offsets: number[]; items: number[] };
  writers: { offsets: number[]; items: number[] };
  cast: { offsets: number[]; items: number[] };
  /** 0 = unknown. */
  birthYear?: number[];
  deathYear?: number[];
  /** name.basics primaryProfession, comma-separated ("" when unknown). */
  professions?: string[];
  /** Per cast entry (aligned with cast.items): the characters played, "Bruce Wayne / Batman" or "". */
  characters?: string[];
  /** Per movie: people name.basics says are known for it (knownForTitles); pages only. */
  known?: { offsets: number[]; items: number[] };
}

export interface People {
  id: Strings;
  name: Strings;
  directors: Csr;
  writers: Csr;
  cast: Csr;
  birthYear?: Int16Array;
  deathYear?: Int16Array;
  professions?: Strings;
  characters?: Strings;
  /** Per movie: people known for it (name.basics knownForTitles), for pages, not the similarity. */
  known?: Csr;
  /** Person → catalog movies by year (people.bin); computed on first use when absent. */
  filmography?: Filmography;
  /** Search index over people's names (people.bin), decoded on first call. */
  nameIndex?: () => TitleIndex;
}

/** tconst → row (a Map in memory; a binary search over catalog.bin's idOrder when loaded). */
export interface RowLookup {
  get(id: string): number | undefined;
}

export interface Model {
  manifest: ModelManifest;
  catalog: Catalog;
  /** n×d scaled feature matrix. */
  features: Float32Array;
  d: number;
  centroids: Float32Array;
  k: number;
  people?: People;
  /** Built by `kinema build` (people.bin); when absent the recommender builds it on first use. */
  peopleIndex?: PeopleIndex;
  /** Built by `kinema build` (franchise.bin); when absent the recommender builds it on first use. */
  franchise?: FranchiseIndex;
  /** Rows best first by votes and by Bayesian rating (catalog.bin); sorted on first use when absent. */
  coldOrders?: { popular: Int32Array; topRated: Int32Array; gems?: Int32Array };
  /** Built by `kinema build` (search.bin), decoded on first call; when absent search builds it. */
  titleIndex?: () => TitleIndex;
  neighbours?: Neighbours;
  /** Collaborative neighbours from MovieLens likes (collab.bin), when the build had ratings. */
  collab?: CollabLists;
  byId: RowLookup;
}

/** Reads one file of the model folder; resolves null when it does not exist. */
export type ReadModelFile = (name: string) => Promise<Uint8Array | null>;

export type { Neighbours, NeighbourRow, OpenModelFile, RangeFile } from './neighbour-lists.ts';
export { neighboursInMemory } from './neighbour-lists.ts';

export interface LoadOptions {
  /**
   * Opens files for reads at an offset: the neighbour lists are then read a row per request instead of
   * held in memory (a long-running server, Lambda from its bundle). Without it they are read whole.
   */
  open?: OpenModelFile;
}

export async function loadModel(readFile: ReadModelFile, options: LoadOptions = {}): Promise<Model> {
  const manifest = parseJson<ModelManifest>(await required(readFile, 'manifest.json'), 'manifest.json');
  // every file is checked against the manifest, so one build's manifest never pairs another's catalog
  const read: ReadModelFile = async (name) => {
    const bytes = await readFile(name);
    if (bytes) await checkArtifact(manifest.files, name, bytes);
    return bytes;
  };
  if (manifest.format !== MODEL_FORMAT) {
    throw new KinemaError(
      'model',
      `model format ${manifest.format} is not supported (expected ${MODEL_FORMAT})${manifest.format < MODEL_FORMAT ? ': the folder was written by an older kinema' : ''}`,
      'rebuild it with `kinema build --force`',
    );
  }
  const { catalog, idOrder, coldOrders } = decodeCatalogFile(await required(read, 'catalog.bin'));
  const d = manifest.features.names.length;
  const k = manifest.kmeans.k;
  const features = toFloat32(await required(read, 'features.f32'), 'features.f32', catalog.size * d);
  const centroids = toFloat32(await required(read, 'centroids.f32'), 'centroids.f32', k * d);
  const peopleBytes = await read('people.bin');
  const people = peopleBytes ? decodePeopleFile(peopleBytes, catalog.size) : undefined;
  const franchise = decodeFranchiseFile(await required(read, 'franchise.bin'), catalog.size);
  const titleIndex = decodeTitleIndexFile(await required(read, 'search.bin'), catalog.size);
  const neighbours = await readNeighbours(read, options.open, manifest, catalog.size);
  const collab = manifest.collab
    ? decodeCollabFile(await required(read, 'collab.bin'), catalog.size)
    : undefined;
  const byId = sortedLookup(catalog.id, idOrder);
  return {
    manifest,
    catalog,
    features,
    d,
    centroids,
    k,
    people: people?.people,
    peopleIndex: people?.index,
    franchise,
    coldOrders,
    titleIndex,
    neighbours,
    collab,
    byId,
  };
}

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

/** Little-endian bytes of a typed array (the model's on-disk layout on every platform). */
export function typedArrayBytes(a: Float32Array | Int32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
  const out = new Uint8Array(a.length * 4);
  const view = new DataView(out.buffer);
  if (a instanceof Float32Array) for (let i = 0; i < a.length; i++) view.setFloat32(i * 4, a[i]!, true);
  else for (let i = 0; i < a.length; i++) view.setInt32(i * 4, a[i]!, true);
  return out;
}

/** A view on the file's bytes when aligned on a little-endian host (no copy), else a decoded copy. */
export function toFloat32(bytes: Uint8Array, name: string, expected?: number): Float32Array {
  checkLength(bytes, name, expected);
  return view(
    bytes,
    'f32',
    0,
    bytes.length / 4,
    (why) => new KinemaError('model', `${name} ${why}`),
  ) as Float32Array;
}

export function toInt32(bytes: Uint8Array, name: string, expected?: number): Int32Array {
  checkLength(bytes, name, expected);
  return view(
    bytes,
    'i32',
    0,
    bytes.length / 4,
    (why) => new KinemaError('model', `${name} ${why}`),
  ) as Int32Array;
}

// --- internal ---

async function readNeighbours(
  read: ReadModelFile,
  open: OpenModelFile | undefined,
  manifest: ModelManifest,
  size: number,
): Promise<Neighbours | undefined> {
  if (!manifest.neighbours) return undefined;
  const n = manifest.neighbours.n;
  if (open) {
    const file = await open(NEIGHBOURS_FILE);
    if (!file) {
      throw new KinemaError('model', `model file ${NEIGHBOURS_FILE} is missing`, 'run `kinema build`');
    }
    await checkArtifact(manifest.files, NEIGHBOURS_FILE, file);
    return neighboursFromFile(n, size, file);
  }
  return neighboursFromFile(n, size, bytesFile(await required(read, NEIGHBOURS_FILE)));
}

async function required(read: ReadModelFile, name: string): Promise<Uint8Array> {
  const bytes = await read(name);
  if (!bytes) throw new KinemaError('model', `model file ${name} is missing`, 'run `kinema build`');
  return bytes;
}

function parseJson<T>(bytes: Uint8Array, name: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (error) {
    throw new KinemaError(
      'model',
      `model file ${name} is not valid JSON`,
      'rebuild with `kinema build --force`',
      {
        cause: error,
      },
    );
  }
}

function checkLength(bytes: Uint8Array, name: string, expected: number | undefined): void {
  if (bytes.length % 4 !== 0 || (expected !== undefined && bytes.length !== expected * 4)) {
    throw new KinemaError(
      'model',
      `model file ${name} has ${bytes.length} bytes, expected ${expected === undefined ? 'a multiple of 4' : expected * 4}`,
      'rebuild with `kinema build --force`',
    );
  }
}
