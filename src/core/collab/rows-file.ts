/**
 * collab.bin's entries laid out by row, which `kinema deploy` derives and uploads beside it as part
 * objects (issue 18): in collab.bin a movie's entries are three ranges 35 MB apart at full scale
 * (items, scores, shared), so reading one row from S3 takes three GETs; here row a's n entries are
 * 12n contiguous bytes at 12 × offsets[a], its items, then its scores, then its shares. Lambda reads a
 * row with one GET when the object is there, and from the three columns when it is not.
 */
import { KinemaError } from '../errors.ts';
import { decodeColumns } from '../columns.ts';
import { COLLAB_ROW_COLUMNS, decodeCollabColumns } from '../model-binary.ts';
import type { CollabLists } from './lists.ts';

export const COLLAB_ROWS_FILE = 'collab.bin.rows';
/** Bytes an entry takes: an Int32 item, a Float32 score and a Float32 share. */
export const ENTRY_BYTES = 12;

/** The rows file's bytes (little-endian, as collab.bin). */
export function encodeCollabRows(lists: CollabLists): Uint8Array {
  const total = lists.offsets[lists.offsets.length - 1]!;
  const out = new Uint8Array(total * ENTRY_BYTES);
  const data = new DataView(out.buffer);
  for (let a = 0; a + 1 < lists.offsets.length; a++) {
    const from = lists.offsets[a]!;
    const n = lists.offsets[a + 1]! - from;
    const base = from * ENTRY_BYTES;
    for (let j = 0; j < n; j++) {
      data.setInt32(base + 4 * j, lists.items[from + j]!, true);
      data.setFloat32(base + 4 * (n + j), lists.scores[from + j]!, true);
      data.setFloat32(base + 4 * (2 * n + j), lists.shared[from + j]!, true);
    }
  }
  return out;
}

/** The rows file of a collab.bin (the deploy, which has no catalog at hand: the file's row count). */
export function collabRowsOf(collabBin: Uint8Array): Uint8Array {
  const file = decodeColumns(collabBin, 'collab.bin');
  const movies = (file.extent('offsets')?.length ?? 1) - 1;
  return encodeCollabRows(decodeCollabColumns(file, movies));
}

/** Where row [from, to) lies in the rows file. */
export function rowBytes(from: number, to: number): { offset: number; length: number } {
  return { offset: from * ENTRY_BYTES, length: (to - from) * ENTRY_BYTES };
}

/** A row's bytes split by column, in COLLAB_ROW_COLUMNS order (items, scores, shared). */
export function splitRow(bytes: Uint8Array): [string, Uint8Array][] {
  if (bytes.length % ENTRY_BYTES !== 0) {
    throw new KinemaError('model', `${COLLAB_ROWS_FILE}: a row of ${bytes.length} bytes`);
  }
  const n = (bytes.length / ENTRY_BYTES) * 4;
  return COLLAB_ROW_COLUMNS.map((column, c) => [column, bytes.subarray(c * n, (c + 1) * n)]);
}
