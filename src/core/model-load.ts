/**
 * Loads a model folder (src/core/model.ts lists its files): the manifest first, its format checked,
 * then every artifact checked against the manifest's sizes and hashes as it is decoded. The artifacts
 * are read all at once (from S3 each read is a transfer; there are fewer than ten) and decoded in a
 * fixed order, so the first bad file named is always the same one.
 */
import { KinemaError } from './errors.ts';
import { checkArtifact } from './model-id.ts';
import { toFloat32 } from './model-bytes.ts';
import {
  decodeCatalogFile,
  decodeCollabFile,
  decodeFranchiseFile,
  decodePeopleFile,
  decodeTitleIndexFile,
  sortedLookup,
} from './model-binary.ts';
import { MODEL_FORMAT, type ModelManifest } from './model-manifest.ts';
import type { Model, ReadModelFile } from './model.ts';
import {
  bytesFile,
  neighboursFromFile,
  NEIGHBOURS_FILE,
  type Neighbours,
  type OpenModelFile,
  type OpenRemoteModelFile,
  type RangeFile,
  type RemoteFile,
} from './neighbour-lists.ts';
import { remoteNeighbours } from './remote-neighbours.ts';

export interface LoadOptions {
  /**
   * Opens files for reads at an offset: the neighbour lists are then read a row per request instead of
   * held in memory (a long-running server, Lambda from its bundle). Without it they are read whole.
   */
  open?: OpenModelFile;
  /** Opens remote files for ranged reads (S3): the neighbour rows a request needs are fetched for it. */
  openRemote?: OpenRemoteModelFile;
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
  const files = startReads(read, [
    'catalog.bin',
    'features.f32',
    'centroids.f32',
    'people.bin',
    'franchise.bin',
    'search.bin',
    ...(manifest.collab ? ['collab.bin'] : []),
  ]);
  const neighbours = openNeighbours(read, options, manifest);
  neighbours.catch(() => undefined); // reported at its turn, below
  const { catalog, idOrder, coldOrders } = decodeCatalogFile(await files.required('catalog.bin'));
  const d = manifest.features.names.length;
  const k = manifest.kmeans.k;
  const features = toFloat32(await files.required('features.f32'), 'features.f32', catalog.size * d);
  const centroids = toFloat32(await files.required('centroids.f32'), 'centroids.f32', k * d);
  const peopleBytes = await files.optional('people.bin');
  const people = peopleBytes ? decodePeopleFile(peopleBytes, catalog.size) : undefined;
  const franchise = decodeFranchiseFile(await files.required('franchise.bin'), catalog.size);
  const titleIndex = decodeTitleIndexFile(await files.required('search.bin'), catalog.size);
  const lists = (await neighbours)?.(catalog.size);
  const collab = manifest.collab
    ? decodeCollabFile(await files.required('collab.bin'), catalog.size)
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
    neighbours: lists,
    collab,
    byId,
  };
}

// --- internal ---

/** Every read started now; each awaited by name, in the order the decoder needs them. */
function startReads(read: ReadModelFile, names: string[]) {
  const reads = new Map(names.map((name) => [name, read(name)]));
  // a read that fails before its turn is reported at its turn, not as an unhandled rejection
  for (const pending of reads.values()) pending.catch(() => undefined);
  const optional = (name: string) => reads.get(name)!;
  return {
    optional,
    required: async (name: string) => {
      const bytes = await optional(name);
      if (!bytes) throw missing(name);
      return bytes;
    },
  };
}

/** Opens (or reads) neighbours.bin, checked against the manifest; the lists need the catalog's size. */
async function openNeighbours(
  read: ReadModelFile,
  options: LoadOptions,
  manifest: ModelManifest,
): Promise<((size: number) => Neighbours) | undefined> {
  if (!manifest.neighbours) return undefined;
  const n = manifest.neighbours.n;
  const opened = async <F extends RangeFile | RemoteFile>(open: (name: string) => Promise<F | null>) => {
    const file = await open(NEIGHBOURS_FILE);
    if (!file) throw missing(NEIGHBOURS_FILE);
    await checkArtifact(manifest.files, NEIGHBOURS_FILE, file);
    return file;
  };
  if (options.openRemote) {
    const file = await opened(options.openRemote);
    return (size) => remoteNeighbours(n, size, file);
  }
  const file = options.open ? await opened(options.open) : bytesFile(await required(read, NEIGHBOURS_FILE));
  return (size) => neighboursFromFile(n, size, file);
}

async function required(read: ReadModelFile, name: string): Promise<Uint8Array> {
  const bytes = await read(name);
  if (!bytes) throw missing(name);
  return bytes;
}

function missing(name: string): KinemaError {
  return new KinemaError('model', `model file ${name} is missing`, 'run `kinema build`');
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
