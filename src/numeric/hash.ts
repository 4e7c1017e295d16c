/**
 * MurmurHash3 (x86, 32-bit) of a byte array: fast, well mixed, not cryptographic. ETags and model
 * versions use it; it reads whole little-endian words, four bytes per step, so hashing every response body stays
 * cheap next to a byte loop.
 */
export function murmur3(bytes: Uint8Array, seed = 0): number {
  const n = bytes.length;
  const words = n >>> 2;
  let h = seed | 0;
  for (let i = 0; i < words; i++) {
    const o = i << 2;
    let k = bytes[o]! | (bytes[o + 1]! << 8) | (bytes[o + 2]! << 16) | (bytes[o + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = n & 3;
  if (tail > 0) {
    const o = words << 2;
    let k = bytes[o]!;
    if (tail > 1) k |= bytes[o + 1]! << 8;
    if (tail > 2) k |= bytes[o + 2]! << 16;
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
  }
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
