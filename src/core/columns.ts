/**
 * The model's binary column files (catalog.bin, people.bin, franchise.bin): named little-endian
 * typed arrays and string columns in one file, so serving maps them instead of parsing JSON.
 *
 *   "KCOL" · u32 header length H · H bytes of JSON header (space padded) · columns, each 8-byte aligned
 *   header: { columns: [{ name, type, offset, length, bytes? }] }, offsets from the start of the file
 *
 * A string column is `length + 1` u32 byte offsets followed by the UTF-8 of all strings joined; a string
 * is decoded when asked for, so loading makes no JS strings and keeps no second copy of them.
 */
import { KinemaError } from './errors.ts';

export type NumericColumn = Uint8Array | Int16Array | Uint32Array | Int32Array | Float32Array;
type NumericType = 'u8' | 'i16' | 'u32' | 'i32' | 'f32';

/** Read-only strings by row: a packed column, or a plain array wrapped by stringsOf. */
export interface Strings {
  readonly length: number;
  get(i: number): string;
}

/** Strings packed as one UTF-8 blob plus byte offsets, decoded one at a time. */
export class StringColumn implements Strings {
  readonly length: number;
  constructor(
    readonly offsets: Uint32Array,
    readonly bytes: Uint8Array,
    /** The strings themselves when the column was made from them (the build, tests). */
    readonly values?: readonly string[],
  ) {
    this.length = offsets.length - 1;
  }

  static from(values: readonly string[]): StringColumn {
    // encoded in place into one buffer big enough for any text (3 bytes per UTF-16 unit at most):
    // an array per string costs more than the copy that trims the buffer
    let units = 0;
    for (const v of values) units += v.length;
    const buffer = new Uint8Array(units * 3);
    const offsets = new Uint32Array(values.length + 1);
    let at = 0;
    for (let i = 0; i < values.length; i++) {
      at += ENCODER.encodeInto(values[i]!, buffer.subarray(at)).written;
      offsets[i + 1] = at;
    }
    return new StringColumn(offsets, buffer.slice(0, at), values);
  }

  get(i: number): string {
    if (this.values) return this.values[i] ?? '';
    if (!(i >= 0 && i < this.length)) return '';
    return DECODER.decode(this.bytes.subarray(this.offsets[i], this.offsets[i + 1]));
  }
}

const DECODER = new TextDecoder();
const ENCODER = new TextEncoder();

/** IMDb ids ("tt0068646", "nm0000338") kept as numbers: 4 bytes a row instead of 9 + 4. */
export class IdColumn implements Strings {
  readonly length: number;
  constructor(
    readonly prefix: string,
    readonly numbers: Uint32Array,
  ) {
    this.length = numbers.length;
  }

  get(i: number): string {
    return i >= 0 && i < this.length ? `${this.prefix}${String(this.numbers[i]).padStart(7, '0')}` : '';
  }
}

/** The column as prefix + numbers when every value is one, exactly (so get() gives it back). */
function imdbIds(col: StringColumn): { prefix: string; numbers: Uint32Array } | undefined {
  if (col.length === 0) return undefined;
  const prefix = /^[a-z]{2}/.exec(col.get(0))?.[0];
  if (!prefix) return undefined;
  const numbers = new Uint32Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const value = col.get(i);
    const n = Number(value.slice(2));
    if (!(n >= 0 && n < 2 ** 32) || `${prefix}${String(n).padStart(7, '0')}` !== value) return undefined;
    numbers[i] = n;
  }
  return { prefix, numbers };
}

/** `length` empty strings, for a model that needs how many people there are but not their names. */
export function blankStrings(length: number): Strings {
  return { length, get: () => '' };
}

/** A plain array as Strings (tests, the build's in-memory model). */
export function stringsOf(values: readonly string[]): Strings {
  return { length: values.length, get: (i) => values[i] ?? '' };
}

export function encodeColumns(columns: Record<string, NumericColumn | StringColumn>): Uint8Array {
  const entries = Object.entries(columns);
  const parts = entries.map(([name, col]) => {
    if (!(col instanceof StringColumn)) {
      return { name, type: typeOf(col), length: col.length, data: [littleEndian(col)] };
    }
    const ids = imdbIds(col);
    return ids
      ? { name, type: 'id', prefix: ids.prefix, length: col.length, data: [littleEndian(ids.numbers)] }
      : { name, type: 'str', length: col.length, data: [littleEndian(col.offsets), col.bytes] };
  });
  // the header's own length moves the offsets: fix its size by padding offsets to 10 digits
  const headerFor = (offsets: number[]) =>
    JSON.stringify({
      columns: parts.map((p, i) => ({
        name: p.name,
        type: p.type,
        offset: offsets[i],
        length: p.length,
        ...(p.type === 'str' ? { bytes: p.data[1]!.length } : {}),
        ...('prefix' in p ? { prefix: p.prefix } : {}),
      })),
    });
  const probe = new TextEncoder().encode(headerFor(parts.map(() => 2 ** 32 - 1))).length;
  const start = align(8 + probe);
  const offsets: number[] = [];
  let at = start;
  for (const p of parts) {
    offsets.push(at);
    at = align(at + p.data.reduce((s, d) => s + d.length, 0));
  }
  const header = new TextEncoder().encode(headerFor(offsets));
  const out = new Uint8Array(at);
  out.set([0x4b, 0x43, 0x4f, 0x4c]); // "KCOL"
  new DataView(out.buffer).setUint32(4, start - 8, true);
  out.fill(0x20, 8, start);
  out.set(header, 8);
  parts.forEach((p, i) => {
    let pos = offsets[i]!;
    for (const d of p.data) {
      out.set(d, pos);
      pos += d.length;
    }
  });
  return out;
}

export interface ColumnFile {
  numeric<T extends NumericColumn>(name: string, type: NumericType, length?: number): T;
  strings(name: string, length?: number): Strings;
  has(name: string): boolean;
  /** Every column's name, in file order. */
  names(): string[];
  /** Where a column's bytes lie in the file (for reading a file by columns); undefined: no such column. */
  extent(name: string): { offset: number; bytes: number; length: number } | undefined;
}

/** Bytes of a column file's magic, length and header: what must be read before any column. */
export function columnHeaderBytes(head: Uint8Array): number | undefined {
  if (head.length < 8) return undefined;
  return 8 + new DataView(head.buffer, head.byteOffset, 8).getUint32(4, true);
}

/** Parses the header; columns are typed-array views on `bytes` (copied only when misaligned or big-endian). */
export function decodeColumns(bytes: Uint8Array, file: string): ColumnFile {
  const bad = (why: string) =>
    new KinemaError('model', `model file ${file} ${why}`, 'rebuild with `kinema build --force`');
  if (bytes.length < 8 || String.fromCharCode(...bytes.subarray(0, 4)) !== 'KCOL') {
    throw bad('is not a kinema column file');
  }
  const size = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
  let header: {
    columns: {
      name: string;
      type: string;
      offset: number;
      length: number;
      bytes?: number;
      prefix?: string;
    }[];
  };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + size))) as typeof header;
  } catch {
    throw bad('has a broken header');
  }
  const byName = new Map(header.columns.map((c) => [c.name, c]));
  const find = (name: string, type: string, length: number | undefined) => {
    const c = byName.get(name);
    if (!c) throw bad(`has no column ${name}`);
    if (c.type !== type && !(type === 'str' && c.type === 'id')) {
      throw bad(`column ${name} is ${c.type}, expected ${type}`);
    }
    if (length !== undefined && c.length !== length) {
      throw bad(`column ${name} has ${c.length} rows, expected ${length}`);
    }
    return c;
  };
  return {
    has: (name) => byName.has(name),
    names: () => header.columns.map((c) => c.name),
    extent(name) {
      const c = byName.get(name);
      if (!c) return undefined;
      const { offset, length } = c;
      if (c.type === 'str') return { offset, bytes: 4 * (length + 1) + (c.bytes ?? 0), length };
      const width = c.type === 'id' ? 4 : (WIDTH[c.type as NumericType] ?? 1);
      return { offset, bytes: length * width, length };
    },
    numeric<T extends NumericColumn>(name: string, type: NumericType, length?: number): T {
      const c = find(name, type, length);
      return view(bytes, type, c.offset, c.length, bad) as T;
    },
    strings(name, length) {
      const c = find(name, 'str', length);
      if (c.type === 'id')
        return new IdColumn(c.prefix ?? '', view(bytes, 'u32', c.offset, c.length, bad) as Uint32Array);
      const offsets = view(bytes, 'u32', c.offset, c.length + 1, bad) as Uint32Array;
      const start = c.offset + 4 * (c.length + 1);
      if (c.bytes === undefined || start + c.bytes > bytes.length) throw bad(`column ${name} is truncated`);
      return new StringColumn(offsets, bytes.subarray(start, start + c.bytes));
    },
  };
}

/** Files are little-endian; on a little-endian machine (all we deploy on) bytes are viewed, not decoded. */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// --- internal ---

const WIDTH: Record<NumericType, number> = { u8: 1, i16: 2, u32: 4, i32: 4, f32: 4 };
const ARRAYS = { u8: Uint8Array, i16: Int16Array, u32: Uint32Array, i32: Int32Array, f32: Float32Array };

function align(n: number): number {
  return Math.ceil(n / 8) * 8;
}

function typeOf(col: NumericColumn): NumericType {
  if (col instanceof Uint8Array) return 'u8';
  if (col instanceof Int16Array) return 'i16';
  if (col instanceof Uint32Array) return 'u32';
  if (col instanceof Int32Array) return 'i32';
  return 'f32';
}

/** The column's bytes in file order (little-endian on every host). */
function littleEndian(col: NumericColumn): Uint8Array {
  const width = col.BYTES_PER_ELEMENT;
  const bytes = new Uint8Array(col.buffer, col.byteOffset, col.byteLength);
  if (LITTLE_ENDIAN || width === 1) return bytes;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += width) {
    for (let b = 0; b < width; b++) out[i + b] = bytes[i + width - 1 - b]!;
  }
  return out;
}

/** A typed array over bytes[offset ..]: a view when aligned on a little-endian host, else a copy. */
export function view(
  bytes: Uint8Array,
  type: NumericType,
  offset: number,
  length: number,
  bad: (why: string) => Error,
): NumericColumn {
  const width = WIDTH[type];
  if (offset < 0 || offset + length * width > bytes.length) throw bad(`is truncated (${type} at ${offset})`);
  const at = bytes.byteOffset + offset;
  if (LITTLE_ENDIAN && at % width === 0) return new ARRAYS[type](bytes.buffer as ArrayBuffer, at, length);
  const copy = new Uint8Array(length * width);
  if (LITTLE_ENDIAN) copy.set(bytes.subarray(offset, offset + length * width));
  else {
    for (let i = 0; i < copy.length; i += width) {
      for (let b = 0; b < width; b++) copy[i + b] = bytes[offset + i + width - 1 - b]!;
    }
  }
  return new ARRAYS[type](copy.buffer, 0, length);
}
