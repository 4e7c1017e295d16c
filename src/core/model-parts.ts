/**
 * Big model files as fixed-size part objects (issue 18). A ranged GET of one big object costs some
 * object stores what reading the whole object costs (moto: ~150 ms for any 400-byte row of the 280 MB
 * neighbours.bin), and a whole file or a big range reads faster as parts in parallel (S3 serves a
 * connection ~100 MB/s), so `kinema deploy` uploads every big model file also as `<name>.parts/00000`, `00001`, … of `partSize` bytes (the last one shorter)
 * beside a small `<name>.parts/index.json` naming its size and part size. A reader maps a range to the
 * parts it covers (a row may straddle two) and joins them. Pure arithmetic; reading is passed in.
 */
import { KinemaError } from './errors.ts';

/** Bytes per part object: a neighbour row (400 bytes) or a sampled 4 KB block is one small GET. */
export const MODEL_PART_BYTES = 1 << 20;
/** Files bigger than this are also uploaded as parts (a smaller one is one cheap GET anyway). */
export const PARTED_OVER = 8 << 20;

export interface PartsIndex {
  /** Bytes of the whole file. */
  size: number;
  /** Bytes of every part but the last. */
  partSize: number;
  parts: number;
}

/** One part's share of a range: bytes [start, start + length) of part `part`, at `at` in the range. */
export interface PartSpan {
  part: number;
  start: number;
  length: number;
  at: number;
}

/**
 * Reads `into.length` bytes at `start` of part `part` into `into` (a missing part: a KinemaError
 * naming it).
 */
export type ReadPart = (part: number, start: number, into: Uint8Array) => Promise<void>;

export function partsIndexName(name: string): string {
  return `${name}.parts/index.json`;
}

export function partName(name: string, part: number): string {
  return `${name}.parts/${String(part).padStart(5, '0')}`;
}

export function partsIndex(size: number, partSize = MODEL_PART_BYTES): PartsIndex {
  return { size, partSize, parts: Math.max(1, Math.ceil(size / partSize)) };
}

/** The index object's bytes and back; a broken index names the file. */
export function encodePartsIndex(index: PartsIndex): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(index));
}

export function decodePartsIndex(bytes: Uint8Array, name: string): PartsIndex {
  let value: Partial<PartsIndex> | undefined;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes)) as Partial<PartsIndex>;
  } catch {
    value = undefined;
  }
  const { size, partSize, parts } = value ?? {};
  const whole = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
  if (!whole(size) || !whole(partSize) || partSize < 1 || parts !== partsIndex(size, partSize).parts) {
    throw new KinemaError(
      'model',
      `${partsIndexName(name)} is not a valid parts index`,
      'redeploy the model with `kinema deploy`',
    );
  }
  return { size, partSize, parts };
}

/** The parts a range covers, in order; the range must lie inside the file. */
export function partSpans(index: PartsIndex, offset: number, length: number): PartSpan[] {
  if (!(offset >= 0 && length >= 0 && offset + length <= index.size)) {
    throw new KinemaError('model', `range ${offset}+${length} is outside the file (${index.size} bytes)`);
  }
  const out: PartSpan[] = [];
  for (let at = 0; at < length;) {
    const position = offset + at;
    const part = Math.floor(position / index.partSize);
    const start = position - part * index.partSize;
    const take = Math.min(length - at, index.partSize - start);
    out.push({ part, start, length: take, at });
    at += take;
  }
  return out;
}

/**
 * The range at `offset` read part by part into `into` (all at once: the reader bounds its reads in
 * flight), each part's bytes written in place.
 */
export async function readFromParts(
  index: PartsIndex,
  offset: number,
  into: Uint8Array,
  readPart: ReadPart,
): Promise<void> {
  const spans = partSpans(index, offset, into.length);
  await Promise.all(spans.map((s) => readPart(s.part, s.start, into.subarray(s.at, s.at + s.length))));
}
