/**
 * A model's identity and integrity. The build records every artifact's size and SHA-256 in the manifest
 * (`files`) and derives one content id from them (`id`): the same artifacts give the same id, so
 * /healthz, ETags and the deploy's S3 prefix name a model the same way everywhere. A loader checks each
 * file against the manifest, so a folder caught mid-swap or copied in part is never served mixed.
 */
import { KinemaError } from './errors.ts';
import { murmur3 } from '../numeric/hash.ts';

export interface ArtifactInfo {
  size: number;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
}

/** Files up to this size are hashed at load; bigger ones (a full-size feature matrix) are size-checked. */
export const HASHED_AT_LOAD = 32 * 1024 * 1024;

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

/** Throws ModelMismatchError when `bytes` are not the file the manifest describes (unlisted: accepted). */
export async function checkArtifact(
  files: Record<string, ArtifactInfo> | undefined,
  name: string,
  bytes: Uint8Array | { size: number },
): Promise<void> {
  const expected = files?.[name];
  if (!expected) return;
  const size = bytes instanceof Uint8Array ? bytes.byteLength : bytes.size;
  if (size !== expected.size) throw new ModelMismatchError(name, `${size} bytes, expected ${expected.size}`);
  if (bytes instanceof Uint8Array && size <= HASHED_AT_LOAD) {
    const hash = await sha256Hex(bytes);
    if (hash !== expected.sha256) throw new ModelMismatchError(name, 'its SHA-256 differs');
  }
}
