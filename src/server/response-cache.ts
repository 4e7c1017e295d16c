/**
 * Rendered GET responses of one model, least recently used first, bounded by bytes: entry counts let a
 * few hundred large SVGs take hundreds of MB. Lives on the LoadedModel and is dropped with it.
 */
import type { CachedResponse } from './respond.ts';

/** Map, key and header bookkeeping per entry, beside its body. */
const ENTRY_OVERHEAD = 200;

export class ResponseCache {
  #entries = new Map<string, CachedResponse>();
  #bytes = 0;

  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  keys(): IterableIterator<string> {
    return this.#entries.keys();
  }

  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
  }

  /** The entry, marked most recently used. */
  get(key: string): CachedResponse | undefined {
    const hit = this.#entries.get(key);
    if (hit) {
      this.#entries.delete(key);
      this.#entries.set(key, hit);
    }
    return hit;
  }

  /** Keeps the entry unless it alone is over a tenth of `maxBytes`; evicts the oldest to fit. */
  set(key: string, entry: CachedResponse, maxBytes: number): void {
    const cost = costOf(key, entry);
    if (this.#entries.has(key) || cost > maxBytes / 10) return;
    this.#entries.set(key, entry);
    this.#bytes += cost;
    for (const [oldKey, old] of this.#entries) {
      if (this.#bytes <= maxBytes) break;
      this.#entries.delete(oldKey);
      this.#bytes -= costOf(oldKey, old);
    }
  }
}

function costOf(key: string, entry: CachedResponse): number {
  return entry.body.byteLength + key.length * 2 + ENTRY_OVERHEAD;
}
