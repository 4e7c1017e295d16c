/**
 * A model's identity and integrity. The build records every artifact's size and SHA-256 in the manifest
 * (`files`) and derives one content id from them (`id`): the same artifacts give the same id, so
 * /healthz, ETags and the deploy's S3 prefix name a model the same way everywhere. A loader checks each
 * file against the manifest, so a folder caught mid-swap or copied in part is never served mixed.
 */
import { KinemaError } from './errors.ts';
import { murmur3 } from '../numeric/hash.ts';
import { bytesFile, type RangeFile, type RemoteFile } from './neighbour-lists.ts';

export interface ArtifactInfo {
  size: number;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
  /**
   * Hex SHA-256 of SAMPLE_BLOCKS blocks spread over the file, for files over HASHED_AT_LOAD: another
   * build's file of the same size (the same catalog size gives the same sizes) differs in nearly every
   * block, and the check reads 256 KB instead of the whole file.
   */
  sample?: string;
}

/** Files up to this size are hashed whole at load; bigger ones are checked by size and a sample. */
export const HASHED_AT_LOAD = 32 * 1024 * 1024;
const SAMPLE_BLOCKS = 64;
const SAMPLE_BLOCK = 4096;

/** A model file that does not match its manifest: the folder is changing or incomplete; try again. */
export class ModelMismatchError extends KinemaError {
  constructor(name: string, why: string) {
    super(
      'model',
      `model file ${name} does not match manifest.json (${why}): the folder is being replaced or was copied in part`,
      'wait for the build or copy to finish; a running server retries by itself',
    );
  }
}

/** The content id of a set of artifacts: SHA-256 over their names, sizes and hashes (16 hex digits). */
export async function contentId(files: Record<string, ArtifactInfo>): Promise<string> {
  const lines = Object.keys(files)
    .sort()
    .map((name) => `${name} ${files[name]!.size} ${files[name]!.sha256}\n`)
    .join('');
  return (await sha256Hex(new TextEncoder().encode(lines))).slice(0, 16);
}

/**
 * The model's id: the one the build wrote. A folder without one (written before kinema recorded ids,
 * or by a test fixture) gets a hash of its manifest, which changes with every rebuild all the same.
 */
export function modelId(manifest: { id?: string }): string {
  if (typeof manifest.id === 'string' && manifest.id) return manifest.id;
  return murmur3(new TextEncoder().encode(JSON.stringify(manifest)))
    .toString(16)
    .padStart(8, '0');
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the manifest records for a file: size, SHA-256, and the sampled hash of a big one. */
export async function describeArtifact(bytes: Uint8Array): Promise<ArtifactInfo> {
  const info: ArtifactInfo = { size: bytes.byteLength, sha256: await sha256Hex(bytes) };
  if (bytes.byteLength > HASHED_AT_LOAD) info.sample = await sampleHash(bytesFile(bytes));
  return info;
}

/**
 * Throws ModelMismatchError when the file (its bytes, or an open file read at offsets, local or remote)
 * is not the one the manifest describes (unlisted: accepted). An open file is read whole only when it
 * is small enough to hash at load: same-size files of two builds must not pass on their size alone. A
 * big remote file the store keeps immutable (RemoteFile.immutable: S3 under the model's content id)
 * is checked by size: a folder that changes under a reader is what the sample is for.
 */
export async function checkArtifact(
  files: Record<string, ArtifactInfo> | undefined,
  name: string,
  file: Uint8Array | RangeFile | RemoteFile,
): Promise<void> {
  const expected = files?.[name];
  if (!expected) return;
  const size = file instanceof Uint8Array ? file.byteLength : file.size;
  if (size !== expected.size) throw new ModelMismatchError(name, `${size} bytes, expected ${expected.size}`);
  if (size <= HASHED_AT_LOAD) {
    const hash = await sha256Hex(file instanceof Uint8Array ? file : await file.read(0, size));
    if (hash !== expected.sha256) throw new ModelMismatchError(name, 'its SHA-256 differs');
  } else if (expected.sample !== undefined && !isImmutable(file)) {
    const sample = await sampleHash(file instanceof Uint8Array ? bytesFile(file) : file);
    if (sample !== expected.sample) throw new ModelMismatchError(name, 'a sample of its bytes differs');
  }
}

// --- internal ---

function isImmutable(file: Uint8Array | RangeFile | RemoteFile): boolean {
  return !(file instanceof Uint8Array) && 'immutable' in file && file.immutable === true;
}

/**
 * SHA-256 of SAMPLE_BLOCKS blocks at even offsets from the first byte to the last. A remote file's
 * blocks are read all at once (the reads overlap the other files' transfers at load).
 */
async function sampleHash(file: RangeFile | RemoteFile): Promise<string> {
  const block = Math.min(SAMPLE_BLOCK, file.size);
  const out = new Uint8Array(SAMPLE_BLOCKS * block);
  const span = file.size - block;
  await Promise.all(
    Array.from({ length: SAMPLE_BLOCKS }, async (_, i) => {
      out.set(await file.read(Math.floor((span * i) / (SAMPLE_BLOCKS - 1)), block), i * block);
    }),
  );
  return sha256Hex(out);
}
