/** Typed arrays ↔ the model's little-endian bytes, with a length check naming the file. */
import { KinemaError } from './errors.ts';
import { LITTLE_ENDIAN, view } from './columns.ts';

/** Little-endian bytes of a typed array (the model's on-disk layout on every platform). */
export function typedArrayBytes(a: Float32Array | Int32Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
  const out = new Uint8Array(a.length * 4);
  const view = new DataView(out.buffer);
  if (a instanceof Float32Array) for (let i = 0; i < a.length; i++) view.setFloat32(i * 4, a[i]!, true);
  else for (let i = 0; i < a.length; i++) view.setInt32(i * 4, a[i]!, true);
  return out;
}

/** A view on the file's bytes when aligned on a little-endian host (no copy), else a decoded copy. */
export function toFloat32(bytes: Uint8Array, name: string, expected?: number): Float32Array {
  checkLength(bytes, name, expected);
  return view(
    bytes,
    'f32',
    0,
    bytes.length / 4,
    (why) => new KinemaError('model', `${name} ${why}`),
  ) as Float32Array;
}

// --- internal ---

function checkLength(bytes: Uint8Array, name: string, expected: number | undefined): void {
  if (bytes.length % 4 !== 0 || (expected !== undefined && bytes.length !== expected * 4)) {
    throw new KinemaError(
      'model',
      `model file ${name} has ${bytes.length} bytes, expected ${expected === undefined ? 'a multiple of 4' : expected * 4}`,
      'rebuild with `kinema build --force`',
    );
  }
}
