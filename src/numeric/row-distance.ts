/**
 * Squared distances between rows of one feature matrix, with a shortcut for a leading block of
 * one-hot columns (the kinema preset's genres): when every value of each of the first B columns is 0
 * or one common c, those columns add c² per differing column, so their part is popcount(mask_a ⊕
 * mask_b)·c², then the rest is summed in column order. The result is bit-identical to sqDist: each
 * partial sum of the block is k·c² with k ≤ 32, exact in a double (c is a float32, so c² has at most
 * 48 significant bits).
 */
import { sqDist } from './distance.ts';

export type RowDistance = (a: number, b: number) => number;

/** Set bits of a 32-bit integer. */
export function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/** Fewer one-hot columns than this are not worth the masks. */
const MIN_BLOCK = 4;

export function rowDistance(features: Float32Array, n: number, d: number): RowDistance {
  const { width, c, masks } = oneHotBlock(features, n, d);
  if (width < MIN_BLOCK) return (a, b) => sqDist(features, a * d, features, b * d, d);
  const c2 = c * c;
  return (a, b) => {
    let s = popcount(masks[a]! ^ masks[b]!) * c2;
    const ao = a * d;
    const bo = b * d;
    for (let j = width; j < d; j++) {
      const t = features[ao + j]! - features[bo + j]!;
      s += t * t;
    }
    return s;
  };
}

/**
 * The leading columns (at most 32) whose every value is 0 or one common positive value c, and each
 * row's mask of those columns that are not 0. One pass over the rows, in memory order.
 */
export function oneHotBlock(
  features: Float32Array,
  n: number,
  d: number,
): { width: number; c: number; masks: Uint32Array } {
  const cols = Math.min(d, 32);
  const value = new Float64Array(cols); // each column's non-zero value, 0 while none was seen
  let bad = 0; // columns that hold another value
  const masks = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    const o = i * d;
    for (let j = 0; j < cols; j++) {
      const x = features[o + j]!;
      if (x === 0) continue;
      m |= 1 << j;
      const v = value[j]!;
      if (v === 0) value[j] = x > 0 ? x : NaN;
      else if (x !== v) bad |= 1 << j;
    }
    masks[i] = m;
  }
  let width = 0;
  let c = 0;
  for (let j = 0; j < cols; j++) {
    const v = value[j]!;
    if (bad & (1 << j) || Number.isNaN(v) || (v !== 0 && c !== 0 && v !== c)) break;
    if (v !== 0) c = v;
    width = j + 1;
  }
  if (c === 0) return { width: 0, c: 0, masks };
  const keep = width === 32 ? 0xffffffff : (1 << width) - 1;
  for (let i = 0; i < n; i++) masks[i] = masks[i]! & keep;
  return { width, c, masks };
}
