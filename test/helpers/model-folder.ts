/**
 * The fixture model's folder in memory, neighbour lists included (and for the 400-movie ratings world,
 * collaborative lists trained on its ratings and blend weights that use them), behind reads that are
 * recorded (for tests of what a load and a route read) and that can be made to fail per file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bytesFile,
  encodeNeighbours,
  type OpenModelFile,
  type RemoteFile,
} from '../../src/core/neighbour-lists.ts';
import { computeNeighbours } from '../../src/core/recommend/neighbours.ts';
import { trainCollab } from '../../src/core/collab/train.ts';
import { encodeCollab, encodeServingFiles } from '../../src/core/model-binary.ts';
import { typedArrayBytes } from '../../src/core/model-bytes.ts';
import { writeFixtureModel } from './fixture-model.ts';
import { world } from './ratings-world.ts';

export const FOLDER_NEIGHBOURS = 5;

export function fixtureFolder(): Map<string, Uint8Array> {
  const root = mkdtempSync(join(tmpdir(), 'kinema-folder-'));
  try {
    const fixture = writeFixtureModel(root);
    const files = new Map<string, Uint8Array>(
      readdirSync(root).map((name) => [name, new Uint8Array(readFileSync(join(root, name)))]),
    );
    const lists = computeNeighbours(fixture, { n: FOLDER_NEIGHBOURS });
    files.set('neighbours.bin', encodeNeighbours(FOLDER_NEIGHBOURS, lists.index, lists.score));
    const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as object;
    const withLists = { ...manifest, neighbours: { n: FOLDER_NEIGHBOURS } };
    files.set('manifest.json', new TextEncoder().encode(JSON.stringify(withLists)));
    return files;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The ratings world (400 movies) as a folder with collab.bin and a blend that reads it. */
export function collabFolder(): Map<string, Uint8Array> {
  const { model, ratings } = world();
  const collab = trainCollab(ratings);
  const files = new Map<string, Uint8Array>(Object.entries(encodeServingFiles(model)));
  files.set('features.f32', typedArrayBytes(model.features));
  files.set('centroids.f32', typedArrayBytes(model.centroids));
  files.set('collab.bin', encodeCollab(collab));
  const lists = computeNeighbours(model, { n: FOLDER_NEIGHBOURS });
  files.set('neighbours.bin', encodeNeighbours(FOLDER_NEIGHBOURS, lists.index, lists.score));
  const likedMovies = collab.likes.filter((n) => n > 0).length;
  const manifest = {
    ...model.manifest,
    neighbours: { n: FOLDER_NEIGHBOURS },
    collab: { method: 'ease', k: collab.k, ratings: 7500, users: collab.users, movies: likedMovies },
    blend: { similar: { collab: 1, alsoLiked: 2, fallback: 1, confidence: 10 }, taste: {} },
  };
  files.set('manifest.json', new TextEncoder().encode(JSON.stringify(manifest)));
  return files;
}

/** Whole reads and ranged reads of `files`, each recorded; a file in `fail` throws on every read. */
export function recordingFolder(files: Map<string, Uint8Array>) {
  const whole: string[] = [];
  const ranged: [string, number, number][] = [];
  const fail = new Set<string>();
  const read = async (name: string) => {
    if (fail.has(name)) throw new Error(`cannot read ${name}`);
    whole.push(name);
    return files.get(name) ?? null;
  };
  const openRemote = async (name: string): Promise<RemoteFile | null> => {
    const bytes = files.get(name);
    if (!bytes) return null;
    return {
      size: bytes.length,
      async read(offset, length) {
        if (fail.has(name)) throw new Error(`cannot read ${name}`);
        ranged.push([name, offset, length]);
        return bytes.slice(offset, offset + length);
      },
    };
  };
  return { read, openRemote, whole, ranged, fail };
}

/** Synchronous ranged reads of `files` (a model loaded whole, lists read from the "open file"). */
export function openFolder(files: Map<string, Uint8Array>): OpenModelFile {
  return async (name) => (files.has(name) ? bytesFile(files.get(name)!) : null);
}
