/**
 * The ETag S3 will report for a file uploaded with a given part size, so a re-deploy can skip files that
 * are already there: the MD5 for a single PUT, MD5-of-part-MD5s plus "-parts" for a multipart upload.
 */
import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';

/** Part size of multipart uploads (S3's minimum is 5 MiB). */
export const PART_SIZE = 8 * 1024 * 1024;

/** `size` bytes of the file from `from` (a model part object is a range of its file). */
export async function expectedEtag(
  path: string,
  size: number,
  partSize = PART_SIZE,
  from = 0,
): Promise<string> {
  const file = await open(path, 'r');
  try {
    if (size <= partSize) return `"${await hashRange(file, from, size)}"`;
    const parts: Buffer[] = [];
    for (let start = 0; start < size; start += partSize) {
      parts.push(Buffer.from(await hashRange(file, from + start, Math.min(partSize, size - start)), 'hex'));
    }
    return `"${createHash('md5').update(Buffer.concat(parts)).digest('hex')}-${parts.length}"`;
  } finally {
    await file.close();
  }
}

async function hashRange(file: FileHandle, start: number, length: number): Promise<string> {
  const hash = createHash('md5');
  const buffer = Buffer.alloc(Math.min(length, 1024 * 1024));
  let done = 0;
  while (done < length) {
    const { bytesRead } = await file.read(buffer, 0, Math.min(buffer.length, length - done), start + done);
    if (bytesRead === 0) break;
    hash.update(buffer.subarray(0, bytesRead));
    done += bytesRead;
  }
  return hash.digest('hex');
}

/** The ETag of an object uploaded from bytes in one PUT. */
export function bytesEtag(bytes: Uint8Array): string {
  return `"${createHash('md5').update(bytes).digest('hex')}"`;
}
