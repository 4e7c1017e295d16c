/**
 * The TMDB cache on disk: one small JSON per movie (tt0068646.json) in a folder beside the model, so
 * rebuilding the model keeps it. Writes go through a temporary sibling and a rename (readers never see
 * half a file); the folder is bounded by bytes, the oldest fetches going first. A file that does not
 * parse is treated as missing and refetched, never trusted.
 */
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseEntry, type CacheEntry } from '../server/tmdb/details.ts';
import type { TmdbStore } from '../server/tmdb/provider.ts';
import { tempSibling } from '../io/atomic.ts';
import { TITLE_ID } from '../core/title-id.ts';

export const DEFAULT_CACHE_BYTES = 128 * 1024 * 1024;

/** The cache folder for a model folder: ./model → ./model-tmdb (a sibling, outside the swapped folder). */
export function tmdbCacheDirFor(modelDir: string): string {
  const model = resolve(modelDir);
  return join(dirname(model), `${model.split(/[\\/]/).pop()}-tmdb`);
}

const FILE = /^(tt\d{7,10})\.json$/;

export interface DiskStore extends TmdbStore {
  readonly dir: string;
  entries(): AsyncIterable<CacheEntry>;
  /** Bytes the folder holds, as far as this process knows (after the first write or `entries`). */
  bytes(): Promise<number>;
}

export function diskTmdbStore(dir: string, maxBytes = DEFAULT_CACHE_BYTES): DiskStore {
  // id → [fetchedAt, bytes]; built from the folder on the first write
  let index: Map<string, [number, number]> | undefined;
  let total = 0;
  let temp = 0;

  async function scan(): Promise<Map<string, [number, number]>> {
    if (index) return index;
    const found = new Map<string, [number, number]>();
    total = 0;
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      const id = FILE.exec(name)?.[1];
      if (!id) continue;
      const s = await stat(join(dir, name)).catch(() => undefined);
      if (!s) continue;
      found.set(id, [s.mtimeMs, s.size]);
      total += s.size;
    }
    return (index ??= found);
  }

  async function get(id: string): Promise<CacheEntry | undefined> {
    if (!TITLE_ID.test(id)) return undefined;
    let text: string;
    try {
      text = await readFile(join(dir, `${id}.json`), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      return parseEntry(JSON.parse(text), id);
    } catch {
      return undefined;
    }
  }

  return {
    dir,
    get,
    async put(entry) {
      if (!TITLE_ID.test(entry.id)) return;
      const body = `${JSON.stringify(entry)}\n`;
      const size = Buffer.byteLength(body);
      await mkdir(dir, { recursive: true });
      const known = await scan();
      const path = join(dir, `${entry.id}.json`);
      // the project's hidden temp sibling, numbered: two writes of one id may overlap in a process
      const tmp = `${tempSibling(path)}-${temp++}`;
      await writeFile(tmp, body);
      await rename(tmp, path);
      total += size - (known.get(entry.id)?.[1] ?? 0);
      known.delete(entry.id);
      known.set(entry.id, [entry.fetchedAt, size]);
      if (total > maxBytes) await evict(known);
    },
    async *entries() {
      const names = await readdir(dir).catch(() => [] as string[]);
      for (const name of names) {
        const id = FILE.exec(name)?.[1];
        const entry = id ? await get(id) : undefined;
        if (entry) yield entry;
      }
    },
    async bytes() {
      await scan();
      return total;
    },
  };

  /** Oldest fetches first, down to 90% of the bound so each write does not evict again. */
  async function evict(known: Map<string, [number, number]>): Promise<void> {
    const oldest = [...known].sort((a, b) => a[1][0] - b[1][0]);
    for (const [id, [, size]] of oldest) {
      if (total <= maxBytes * 0.9) break;
      await rm(join(dir, `${id}.json`), { force: true });
      known.delete(id);
      total -= size;
    }
  }
}
