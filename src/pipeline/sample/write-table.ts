/**
 * Streams one generated table through gzip into a temporary sibling, then renames it into place
 * (io/atomic.ts).
 * Rows are produced in batches of units (a few MB of text each) and written with backpressure; between
 * batches the loop yields, so several tables interleave and keep zlib's thread pool busy.
 */
import { createWriteStream } from 'node:fs';
import { replaceAtomic } from '../../io/atomic.ts';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Logger } from '../../core/log.ts';
import { imdbTable } from '../../core/tables.ts';
import type { SampleTable } from './table.ts';
import type { SampleShape } from './titles.ts';

/**
 * Units per batch: 256 titles is ~100 KB of principals text. Small batches die young in V8's scavenger;
 * larger ones get promoted and cost more CPU in garbage collection.
 */
const BATCH = 256;

export interface WrittenTable {
  rows: number;
  /** Uncompressed bytes. */
  textBytes: number;
}

export async function writeTable(
  table: SampleTable,
  shape: SampleShape,
  path: string,
  level: number,
  log: Logger,
): Promise<WrittenTable> {
  const count = { rows: 0 };
  let textBytes = 0;
  await replaceAtomic(path, async (temp) => {
    const gzip = createGzip({ level, memLevel: 9 });
    const finished = pipeline(gzip, createWriteStream(temp));
    // a write error surfaces through `finished`; until then it must not count as unhandled
    finished.catch(() => undefined);
    const write = async (text: string) => {
      const bytes = Buffer.from(text); // encode once: its length is the uncompressed size
      textBytes += bytes.length;
      if (!gzip.write(bytes)) await Promise.race([new Promise((ok) => gzip.once('drain', ok)), finished]);
    };
    try {
      await write(`${imdbTable(table.name).columns.join('\t')}\n`);
      const units = table.units(shape);
      for (let from = 1; from <= units; from += BATCH) {
        const to = Math.min(from + BATCH, units + 1);
        await write(table.rows(shape, from, to, count));
        log.progress?.(`${table.name}`, to - 1, units);
        await new Promise((ok) => setImmediate(ok));
      }
      gzip.end();
      await finished;
    } catch (error) {
      gzip.destroy();
      throw error;
    }
  });
  return { rows: count.rows, textBytes };
}
