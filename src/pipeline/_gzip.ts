/**
 * Gzip checks for downloaded, copied and about-to-be-ingested IMDb files: a cheap magic-number test, a
 * full read-through to the trailer, and a content hash of the compressed bytes for the ingest cache.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** True when the file starts with the gzip magic bytes 1f 8b. */
export async function hasGzipMagic(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

export interface GzipStats {
  /** Uncompressed bytes. */
  size: number;
  /** Newline characters in the uncompressed text: the file's line count. */
  lines: number;
}

/**
 * Decompresses the whole file and discards the output; resolves to its size and line count, or rejects
 * with zlib's error on a truncated or corrupt stream (the CRC and length trailer are checked at the end).
 */
export async function verifyGzip(path: string): Promise<GzipStats> {
  if (!(await hasGzipMagic(path))) throw new Error('not a gzip file (missing the 1f 8b magic bytes)');
  const stats: GzipStats = { size: 0, lines: 0 };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      countText(stats, chunk);
      callback();
    },
  });
  await pipeline(
    createReadStream(path, { highWaterMark: 1 << 20 }),
    createGunzip({ chunkSize: 1 << 20 }),
    sink,
  );
  return stats;
}

/** Adds a chunk of uncompressed text to the size and line count. */
export function countText(stats: GzipStats, chunk: Buffer): void {
  stats.size += chunk.length;
  for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) stats.lines++;
}

/** SHA-256 of the file's bytes (hex, 16 characters): what the ingest cache is keyed on. */
export async function contentHash(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 16);
}
