/**
 * A column file (columns.ts) read column by column over ranged reads (Lambda: people.bin, whose person
 * pages and name search need half its bytes and a "similar" answer never does). The header is read
 * first; the columns asked for are then read into one buffer of the whole file's size, at their own
 * offsets, so decodeColumns views them as it would the whole file. The buffer's other pages are never
 * written, so they are never resident. Reading a column not loaded gives zeros: the caller (model-load)
 * guards those fields until their section is loaded.
 */
import { columnHeaderBytes, decodeColumns, type ColumnFile } from './columns.ts';
import { KinemaError } from './errors.ts';
import { limiter } from './limiter.ts';
import type { RemoteFile } from './neighbour-lists.ts';

export interface SparseColumnFile {
  /** The columns loaded so far, as decodeColumns sees the file. */
  columns: ColumnFile;
  /** Reads these columns (absent ones are skipped; loaded ones not read again). */
  load(names: readonly string[]): Promise<void>;
  /** Reads rows [from, to) of these numeric columns (one list's entries; no check they were read). */
  loadRows(names: readonly string[], from: number, to: number): Promise<void>;
  /** Writes rows of a numeric column from `from` on, read elsewhere (a row-major copy of them). */
  place(name: string, from: number, bytes: Uint8Array): void;
}

/** First read: most headers fit, so opening a file is one round trip. */
const HEAD_GUESS = 64 * 1024;
/** A read at most this long, at most READS_AT_ONCE of them: a load holds a few MB besides the file. */
const CHUNK = 4 * 1024 * 1024;
const READS_AT_ONCE = 4;

/** The whole file, read in chunks at once into one buffer (its parts in parallel, from S3). */
export async function readWhole(file: RemoteFile): Promise<Uint8Array> {
  const out = new Uint8Array(file.size);
  const limited = limiter(READS_AT_ONCE);
  const chunks: Promise<void>[] = [];
  for (let at = 0; at < file.size; at += CHUNK) {
    const length = Math.min(CHUNK, file.size - at);
    chunks.push(limited(() => readAt(file, at, out.subarray(at, at + length))));
  }
  await Promise.all(chunks);
  return out;
}

export async function openSparseColumns(file: RemoteFile, name: string): Promise<SparseColumnFile> {
  let head = await file.read(0, Math.min(file.size, HEAD_GUESS));
  const headerBytes = columnHeaderBytes(head);
  if (headerBytes === undefined || headerBytes > file.size) {
    throw new KinemaError('model', `model file ${name} is not a kinema column file`);
  }
  if (headerBytes > head.length) head = await file.read(0, headerBytes);
  const buffer = new Uint8Array(file.size);
  buffer.set(head.subarray(0, Math.min(head.length, file.size)));
  const columns = decodeColumns(buffer, name);
  // column → its whole read, done or in flight (a concurrent load waits for it; a failed one is dropped)
  const columnReads = new Map<string, Promise<void>>();
  const limited = limiter(READS_AT_ONCE);
  const into = (offset: number, length: number) =>
    readAt(file, offset, buffer.subarray(offset, offset + length));
  const readColumn = (column: string, extent: { offset: number; bytes: number }) => {
    const chunks: Promise<void>[] = [];
    for (let at = 0; at < extent.bytes; at += CHUNK) {
      const offset = extent.offset + at;
      const length = Math.min(CHUNK, extent.bytes - at);
      chunks.push(limited(() => into(offset, length)));
    }
    const read = Promise.all(chunks).then(() => undefined);
    read.catch(() => columnReads.delete(column));
    return read;
  };
  return {
    columns,
    place(name, from, bytes) {
      const extent = columns.extent(name);
      if (!extent) throw new KinemaError('model', `model file ${name} has no column ${name}`);
      const at = extent.offset + from * (extent.bytes / extent.length);
      if (at + bytes.length > extent.offset + extent.bytes) {
        throw new KinemaError('model', `${bytes.length} bytes at row ${from} overrun column ${name}`);
      }
      buffer.set(bytes, at);
    },
    async loadRows(names, from, to) {
      const reads: Promise<void>[] = [];
      for (const column of names) {
        const extent = columns.extent(column);
        const whole = columnReads.get(column);
        if (whole) reads.push(whole);
        else if (extent && to > from) {
          const width = extent.bytes / extent.length;
          reads.push(into(extent.offset + from * width, (to - from) * width));
        }
      }
      await Promise.all(reads);
    },
    async load(names) {
      const reads: Promise<void>[] = [];
      for (const column of names) {
        const extent = columns.extent(column);
        if (!extent) continue;
        let read = columnReads.get(column);
        if (!read) {
          read = readColumn(column, extent);
          columnReads.set(column, read);
        }
        reads.push(read);
      }
      await Promise.all(reads);
    },
  };
}

// --- internal ---

/** `into.length` bytes at `offset` into `into`: in place when the file can, else read and copied. */
async function readAt(file: RemoteFile, offset: number, into: Uint8Array): Promise<void> {
  if (file.readInto) await file.readInto(offset, into);
  else into.set(await file.read(offset, into.length));
}
