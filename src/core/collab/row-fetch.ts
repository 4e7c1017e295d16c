/**
 * Collaborative lists read by rows (Lambda, issue 18). collab.bin is 110 MB at full scale and a
 * "similar" answer reads one row of it, the query movie's (its explanations' "liked by 41% of …" and
 * the co-like part of their pair scores), so a lazily loaded model holds the per-movie columns (row
 * starts, like counts) and reads a movie's entries into the lists' own arrays before a route uses
 * them, as neighbour rows are (Neighbours.prefetch): one read of the row-major copy the deploy
 * uploads (rows-file.ts), else one read per column. Concurrent requests for a row share one read;
 * a failed read is forgotten, so the next request retries it. Entries never fetched read as zeros, so
 * only routes that read just their query movies' rows may skip the whole lists (src/server/route-sections.ts).
 */
import { COLLAB_ROW_COLUMNS } from '../model-binary.ts';
import type { RemoteFile } from '../neighbour-lists.ts';
import type { SparseColumnFile } from '../sparse-columns.ts';
import { rowBytes, splitRow } from './rows-file.ts';
import type { CollabLists } from './lists.ts';

/** Reads these movies' rows (nothing once `whole()` says the lists were read whole). */
export type FetchCollabRows = (movies: readonly number[]) => Promise<void>;

export function collabRowFetch(
  lists: CollabLists,
  file: SparseColumnFile,
  whole: () => boolean,
  rowsFile?: RemoteFile,
): FetchCollabRows {
  const movies = lists.offsets.length - 1;
  // another model's rows file (it is not in the manifest) cannot have this size: then the columns
  const total = lists.offsets[movies]!;
  const rows = rowsFile && rowsFile.size === rowBytes(0, total).length ? rowsFile : undefined;
  const readRow = async (from: number, to: number) => {
    if (!rows || to <= from) return file.loadRows(COLLAB_ROW_COLUMNS, from, to);
    const { offset, length } = rowBytes(from, to);
    for (const [column, bytes] of splitRow(await rows.read(offset, length))) file.place(column, from, bytes);
  };
  const fetched = new Uint8Array(movies);
  const pending = new Map<number, Promise<void>>();
  return async (wanted) => {
    if (whole()) return;
    const waits: Promise<void>[] = [];
    for (const m of new Set(wanted)) {
      if (!(Number.isInteger(m) && m >= 0 && m < movies) || fetched[m]) continue;
      const from = lists.offsets[m]!;
      const to = lists.offsets[m + 1]!;
      let read = pending.get(m);
      if (!read) {
        read = readRow(from, to).then(
          () => {
            fetched[m] = 1;
            pending.delete(m);
          },
          (error: unknown) => {
            pending.delete(m);
            throw error;
          },
        );
        pending.set(m, read);
      }
      waits.push(read);
    }
    await Promise.all(waits);
  };
}
