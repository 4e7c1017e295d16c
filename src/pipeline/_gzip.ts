/** Gzip checks for downloaded and copied IMDb files: a cheap magic-number test and a full read-through. */
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

/**
 * Decompresses the whole file and discards the output; resolves to the uncompressed size, or rejects
 * with zlib's error on a truncated or corrupt stream (the CRC and length trailer are checked at the end).
 */
export async function verifyGzip(path: string): Promise<number> {
  if (!(await hasGzipMagic(path))) throw new Error('not a gzip file (missing the 1f 8b magic bytes)');
  let size = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      callback();
    },
  });
  await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), createGunzip(), sink);
  return size;
}
