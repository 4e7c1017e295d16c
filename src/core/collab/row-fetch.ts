/**
 * Collaborative lists read by rows (Lambda, issue 18). collab.bin is 110 MB at full scale and a
 * "similar" answer reads one row of it, the query movie's (its explanations' "liked by 41% of …" and
 * the co-like part of their pair scores), so a lazily loaded model holds the per-movie columns (row
 * starts, like counts) and reads a movie's entries into the lists' own arrays before a route uses
 * them, as neighbour rows are (Neighbours.prefetch). Concurrent requests for a row share one read;
 * a failed read is forgotten, so the next request retries it. Entries never fetched read as zeros, so
 * only routes that read just their query movies' rows may skip the whole lists (src/server/route-sections.ts).
 */
import { COLLAB_ROW_COLUMNS } from '../model-binary.ts';
import type { SparseColumnFile } from '../sparse-columns.ts';
import type { CollabLists } from './lists.ts';

/** Reads these movies' rows (nothing once `whole()` says the lists were read whole). */
export type FetchCollabRows = (movies: readonly number[]) => Promise<void>;

export function collabRowFetch(
  lists: CollabLists,
  file: SparseColumnFile,
  whole: () => boolean,
): FetchCollabRows {
  const movies = lists.offsets.length - 1;
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
        read = file.loadRows(COLLAB_ROW_COLUMNS, from, to).then(
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
