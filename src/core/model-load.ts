/**
 * Loads a model folder (src/core/model.ts lists its files): the manifest first, its format checked,
 * then every artifact checked against the manifest's sizes and hashes as it is decoded. The artifacts
 * are read all at once (from S3 each read is a transfer; there are fewer than ten) and decoded in a
 * fixed order, so the first bad file named is always the same one. With `lazy` (Lambda) the feature
 * matrix, people's credits and details and the title search are read when a route asks for them
 * (model-lazy.ts).
 */
import { KinemaError } from './errors.ts';
import { checkArtifact } from './model-id.ts';
import { toFloat32 } from './model-bytes.ts';
import {
  CATALOG_LATER_COLUMNS,
  decodeCatalogColumns,
  decodeCatalogFile,
  COLLAB_CORE_COLUMNS,
  decodeCollabColumns,
  decodeCollabFile,
  decodeFranchiseFile,
  decodePeopleCore,
  decodePeopleFile,
  decodeTitleIndexFile,
  PEOPLE_CORE_COLUMNS,
} from './model-binary.ts';
import { sortedLookup } from './id-lookup.ts';
import { CATALOG_FILE, COLLAB_FILE, lazySections, PEOPLE_FILE } from './model-lazy.ts';
import { COLLAB_ROWS_FILE } from './collab/rows-file.ts';
import type { People } from './model-people.ts';
import type { PeopleIndex } from './recommend/people-index.ts';
import { openSparseColumns, readWhole, type SparseColumnFile } from './sparse-columns.ts';
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
  /**
   * Read at load only what a "similar" answer needs; the rest on model.sections.load (model-lazy.ts).
   * Needs `open` or `openRemote` (people.bin is read by columns); without either it is ignored.
   */
  lazy?: boolean;
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
  const ranges = options.lazy ? rangeOpener(options) : undefined;
  // lazily loaded (Lambda from S3): a big file's parts in parallel beat one stream of the whole object
  const whole = ranges ? wholeReader(read, ranges, manifest) : read;
  const files = startReads(whole, [
    ...(ranges ? [] : ['catalog.bin']),
    ...(ranges ? [] : ['features.f32']),
    'centroids.f32',
    ...(ranges ? [] : ['people.bin']),
    'franchise.bin',
    ...(ranges ? [] : ['search.bin']),
    ...(manifest.collab && !ranges ? [COLLAB_FILE] : []),
  ]);
  const catalogFile = ranges
    ? openColumns(ranges, manifest, CATALOG_FILE, (names) =>
        names.filter((n) => !CATALOG_LATER_COLUMNS.includes(n)),
      )
    : undefined;
  catalogFile?.catch(() => undefined); // reported at its turn, below
  const peopleFile = ranges
    ? openColumns(ranges, manifest, PEOPLE_FILE, () => PEOPLE_CORE_COLUMNS)
    : undefined;
  peopleFile?.catch(() => undefined); // reported at its turn, below
  const collabFile =
    ranges && manifest.collab
      ? openColumns(ranges, manifest, COLLAB_FILE, () => COLLAB_CORE_COLUMNS)
      : undefined;
  collabFile?.catch(() => undefined);
  // the deploy's row-major copy of collab.bin's entries (collab/rows-file.ts), when it made one
  // (optional: a stack without s3:ListBucket gets 403 for a missing key; then the columns serve)
  const collabRows = ranges && manifest.collab ? ranges(COLLAB_ROWS_FILE).catch(() => null) : undefined;
  const neighbours = openNeighbours(read, options, manifest);
  neighbours.catch(() => undefined); // reported at its turn, below
  const sparseCatalog = await catalogFile;
  if (catalogFile && !sparseCatalog) throw missing(CATALOG_FILE);
  const { catalog, idOrder, coldOrders } = sparseCatalog
    ? decodeCatalogColumns(sparseCatalog.columns)
    : decodeCatalogFile(await files.required(CATALOG_FILE));
  const d = manifest.features.names.length;
  const k = manifest.kmeans.k;
  const features = ranges
    ? undefined
    : toFloat32(await files.required('features.f32'), 'features.f32', catalog.size * d);
  const centroids = toFloat32(await files.required('centroids.f32'), 'centroids.f32', k * d);
  const sparsePeople = await peopleFile;
  let people: { people: People; index: PeopleIndex } | undefined;
  if (sparsePeople) {
    const core = decodePeopleCore(sparsePeople.columns, catalog.size);
    // the rest of both is read by the people section (model-lazy.ts), guarded until then
    people = { people: { id: core.id, name: core.name } as People, index: core.index as PeopleIndex };
  } else if (!ranges) {
    const bytes = await files.optional('people.bin');
    people = bytes ? decodePeopleFile(bytes, catalog.size) : undefined;
  }
  const franchise = decodeFranchiseFile(await files.required('franchise.bin'), catalog.size);
  const titleIndex = ranges
    ? undefined
    : decodeTitleIndexFile(await files.required('search.bin'), catalog.size);
  const lists = (await neighbours)?.(catalog.size);
  const sparseCollab = await collabFile;
  if (collabFile && !sparseCollab) throw missing(COLLAB_FILE);
  const collab = sparseCollab
    ? decodeCollabColumns(sparseCollab.columns, catalog.size)
    : manifest.collab
      ? decodeCollabFile(await files.required(COLLAB_FILE), catalog.size)
      : undefined;
  const byId = sortedLookup(catalog.id, idOrder);
  const model: Model = {
    manifest,
    catalog,
    features: features ?? new Float32Array(0),
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
  if (ranges) {
    const files = {
      catalog: sparseCatalog,
      people: sparsePeople,
      collab: sparseCollab,
      collabRows: (await collabRows) ?? undefined,
    };
    model.sections = lazySections(model, (name) => required(whole, name), files);
  }
  return model;
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

/** A column file opened for reads by column, checked, these columns read (undefined: no such file). */
async function openColumns(
  open: OpenRemoteModelFile,
  manifest: ModelManifest,
  name: string,
  pick: (names: string[]) => readonly string[],
): Promise<SparseColumnFile | undefined> {
  const file = await open(name);
  if (!file) return undefined;
  await checkArtifact(manifest.files, name, file);
  const sparse = await openSparseColumns(file, name);
  await sparse.load(pick(sparse.columns.names()));
  return sparse;
}

/** Reads a file whole: in parallel chunks when its reads are (part objects), else with one read. */
function wholeReader(read: ReadModelFile, open: OpenRemoteModelFile, manifest: ModelManifest): ReadModelFile {
  return async (name) => {
    const file = await open(name);
    if (!file?.parallel) return read(name);
    const bytes = await readWhole(file);
    await checkArtifact(manifest.files, name, bytes);
    return bytes;
  };
}

/** Ranged reads of a model file, local or remote, as one async shape. */
function rangeOpener(options: LoadOptions): OpenRemoteModelFile | undefined {
  if (options.openRemote) return options.openRemote;
  const open = options.open;
  if (!open) return undefined;
  return async (name) => {
    const file = await open(name);
    return file && { size: file.size, read: async (offset, length) => file.read(offset, length) };
  };
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
