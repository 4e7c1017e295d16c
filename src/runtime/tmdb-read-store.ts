/**
 * A read-only TMDB cache over any file reader: the bundle folder or an S3 prefix on Lambda, where the
 * cache a server or `kinema tmdb prefetch` filled is shipped beside the model. Nothing is fetched from
 * TMDB and nothing is written, so a cold start costs TMDB no request.
 */
import type { ReadModelFile } from '../core/model.ts';
import { TITLE_ID } from '../core/title-id.ts';
import { parseEntry } from '../server/tmdb/details.ts';
import type { TmdbStore } from '../server/tmdb/provider.ts';

export function readOnlyTmdbStore(read: ReadModelFile): TmdbStore {
  return {
    async get(id) {
      if (!TITLE_ID.test(id)) return undefined;
      const bytes = await read(`${id}.json`);
      if (!bytes) return undefined;
      try {
        return parseEntry(JSON.parse(new TextDecoder().decode(bytes)), id);
      } catch {
        return undefined;
      }
    },
    // a provider without a client never writes; nothing to do
    put: async () => {},
  };
}
