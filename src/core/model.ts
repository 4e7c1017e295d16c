/**
 * The model folder as serving sees it: plain JSON and little-endian typed-array files, so the site,
 * the CLI and Lambda read it without DuckDB. `kinema build` writes it (src/pipeline/model-write.ts);
 * this file only describes and decodes it. Reading bytes is an effect passed in.
 *
 *   manifest.json      ModelManifest
 *   catalog.json       CatalogJson: one array per column, row i = movie i
 *   features.f32       n×d row-major scaled features (manifest.features.names)
 *   centroids.f32      k×d
 *   people.json        PeopleJson (optional: directors, writers, top cast per movie)
 *   neighbours.i32     n×N movie indices, best first, -1 padded (optional)
 *   neighbours.f32     n×N similarity scores (optional)
 *   movies.parquet     everything above as one table, for export and analysis
 *   build-report.json  timings and bad-row samples (not part of the deterministic model)
 */
import { KinemaError } from './errors.ts';

export const MODEL_FORMAT = 1;

export interface InputFile {
  file: string;
  size: number;
  mtime: string;
}

export interface ClusterInfo {
  id: number;
  size: number;
  /** Auto name like "Crime · Thriller · 1990s" (set by the recommender step). */
  name?: string;
}

export interface KCurvePoint {
  k: number;
  inertia: number;
  silhouette?: number;
}

export interface ModelManifest {
  format: number;
  kinemaVersion: string;
  catalog: { preset: 'kinema' | 'original'; minVotes: number; meanRating: number; bayesM: number };
  features: {
    preset: 'kinema' | 'original';
    names: string[];
    weights: Record<string, number>;
    /** Per-feature scaling applied before weighting: scaled = (raw - offset) / scale * weight. */
    offset: number[];
    scale: number[];
  };
  kmeans: {
    k: number;
    seed: number;
    algorithm: string;
    iterations: number;
    inertia: number;
    converged: boolean;
    curve?: KCurvePoint[];
  };
  inputs: InputFile[];
  counts: { movies: number; rows: Record<string, number>; badRows: Record<string, number> };
  clusters: ClusterInfo[];
  neighbours?: { n: number };
  artifacts: string[];
}

export interface CatalogJson {
  id: string[];
  /** Display title: the US/English aka where one exists, else the primary title. */
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
  id: string[];
  title: string[];
  originalTitle: string[];
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
  name: string[];
  directors: { offsets: number[]; items: number[] };
  writers: { offsets: number[]; items: number[] };
  cast: { offsets: number[]; items: number[] };
}

export interface People {
  id: string[];
  name: string[];
  directors: Csr;
  writers: Csr;
  cast: Csr;
}

export interface Neighbours {
  /** Neighbours kept per movie. */
  n: number;
  index: Int32Array;
  score: Float32Array;
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
  neighbours?: Neighbours;
  /** tconst → row index. */
  byId: Map<string, number>;
}

/** Reads one file of the model folder; resolves null when it does not exist. */
export type ReadModelFile = (name: string) => Promise<Uint8Array | null>;

export async function loadModel(read: ReadModelFile): Promise<Model> {
  const manifest = parseJson<ModelManifest>(await required(read, 'manifest.json'), 'manifest.json');
  if (manifest.format !== MODEL_FORMAT) {
    throw new KinemaError(
      'model',
      `model format ${manifest.format} is not supported (expected ${MODEL_FORMAT})`,
      'rebuild it with `kinema build --force`',
    );
  }
  const catalog = decodeCatalog(parseJson<CatalogJson>(await required(read, 'catalog.json'), 'catalog.json'));
  const d = manifest.features.names.length;
  const k = manifest.kmeans.k;
  const features = toFloat32(await required(read, 'features.f32'), 'features.f32', catalog.size * d);
  const centroids = toFloat32(await required(read, 'centroids.f32'), 'centroids.f32', k * d);
  const peopleBytes = await read('people.json');
  const people = peopleBytes ? decodePeople(parseJson<PeopleJson>(peopleBytes, 'people.json')) : undefined;
  const neighbours = await readNeighbours(read, manifest, catalog.size);
  const byId = new Map<string, number>();
  catalog.id.forEach((id, i) => byId.set(id, i));
  return { manifest, catalog, features, d, centroids, k, people, neighbours, byId };
}

export function decodeCatalog(json: CatalogJson): Catalog {
  const size = json.id.length;
  for (const key of Object.keys(json) as (keyof CatalogJson)[]) {
    if (json[key].length !== size) {
      throw new KinemaError(
        'model',
        `catalog.json column ${key} has ${json[key].length} rows, expected ${size}`,
      );
    }
  }
  return {
    size,
    id: json.id,
    title: json.title,
    originalTitle: json.originalTitle,
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
    id: json.id,
    name: json.name,
    directors: csr(json.directors),
    writers: csr(json.writers),
    cast: csr(json.cast),
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

export function toFloat32(bytes: Uint8Array, name: string, expected?: number): Float32Array {
  checkLength(bytes, name, expected);
  if (LITTLE_ENDIAN) return new Float32Array(copyBuffer(bytes));
  const out = new Float32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

export function toInt32(bytes: Uint8Array, name: string, expected?: number): Int32Array {
  checkLength(bytes, name, expected);
  if (LITTLE_ENDIAN) return new Int32Array(copyBuffer(bytes));
  const out = new Int32Array(bytes.length / 4);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < out.length; i++) out[i] = view.getInt32(i * 4, true);
  return out;
}

/** Files are little-endian; on a little-endian machine (all we deploy on) bytes are copied, not decoded. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The bytes in a buffer of their own (aligned, and not pinning a larger file buffer). */
function copyBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

// --- internal ---

async function readNeighbours(
  read: ReadModelFile,
  manifest: ModelManifest,
  size: number,
): Promise<Neighbours | undefined> {
  if (!manifest.neighbours) return undefined;
  const n = manifest.neighbours.n;
  const index = toInt32(await required(read, 'neighbours.i32'), 'neighbours.i32', size * n);
  const score = toFloat32(await required(read, 'neighbours.f32'), 'neighbours.f32', size * n);
  return { n, index, score };
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
