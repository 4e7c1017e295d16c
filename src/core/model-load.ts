/**
 * Loads a model folder (src/core/model.ts lists its files): the manifest first, its format checked,
 * then every artifact checked against the manifest's sizes and hashes as it is decoded.
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
} from './neighbour-lists.ts';

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
