/**
 * A catalog's id → row lookup without a Map of 700k strings at load: a binary search over the rows in
 * id order, on digits when the ids are kept as numbers, turning into a hash table once lookups are many.
 */
import { IdColumn, type Strings } from './columns.ts';
import type { RowLookup } from './model-catalog.ts';

/** id → row by binary search over rows sorted by id: no 700k-entry Map of strings at load. */
export function sortedLookup(ids: Strings, order: Int32Array): RowLookup {
  if (ids instanceof IdColumn) return numericLookup(ids, order);
  return {
    get(id: string) {
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (ids.get(order[mid]!) < id) lo = mid + 1;
        else hi = mid;
      }
      const row = order[lo];
      return row !== undefined && ids.get(row) === id ? row : undefined;
    },
  };
}

/**
 * sortedLookup over ids kept as numbers: the same binary search in the same (string) order, with
 * the strings compared as digits, so a lookup builds no string per step (a taste request looks up
 * hundreds of ids in a 700k catalog).
 */
function numericLookup(ids: IdColumn, order: Int32Array): RowLookup {
  const { prefix, numbers } = ids;
  let lookups = 0;
  let table: HashTable | undefined;
  const search = (n: number): number | undefined => {
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareIdDigits(numbers[order[mid]!]!, n) < 0) lo = mid + 1;
      else hi = mid;
    }
    const row = order[lo];
    return row !== undefined && numbers[row] === n ? row : undefined;
  };
  return {
    get(id: string) {
      if (!id.startsWith(prefix)) return undefined;
      const n = Number(id.slice(prefix.length));
      // only the canonical spelling names a row (ids.get(row) === id)
      if (!Number.isInteger(n) || n < 0 || `${prefix}${String(n).padStart(7, '0')}` !== id) return undefined;
      // a binary search misses the cache at every step; once lookups are many (taste requests
      // resolve hundreds of ids), a hash table of the numbers answers in one or two reads
      if (!table && ++lookups > HASH_AFTER) table = hashNumbers(numbers);
      return table ? table.get(n) : search(n);
    },
  };
}

/** Binary-searched lookups before the hash table is built (a cold start that resolves one id never builds it). */
const HASH_AFTER = 256;

interface HashTable {
  get(n: number): number | undefined;
}

/** Open addressing over the (distinct) id numbers: slot = row + 1, 0 empty; at most half full. */
function hashNumbers(numbers: Uint32Array): HashTable {
  let bits = 1;
  while (1 << bits < 2 * numbers.length) bits++;
  const mask = (1 << bits) - 1;
  const slots = new Int32Array(1 << bits);
  const home = (n: number) => Math.imul(n, 0x9e3779b1) >>> (32 - bits);
  for (let row = 0; row < numbers.length; row++) {
    let at = home(numbers[row]!);
    while (slots[at] !== 0) at = (at + 1) & mask;
    slots[at] = row + 1;
  }
  return {
    get(n) {
      for (let at = home(n); ; at = (at + 1) & mask) {
        const row = slots[at]! - 1;
        if (row < 0) return undefined;
        if (numbers[row] === n) return row;
      }
    },
  };
}

/** Powers of ten an id number can need (ids have at most 10 digits; 2^53 bounds them anyway). */
const POW10 = Array.from({ length: 17 }, (_, i) => 10 ** i);

/** Digits of an id number as written (zero-padded to 7), without building the string. */
function paddedDigits(x: number): number {
  let digits = 7;
  while (x >= POW10[digits]!) digits++;
  return digits;
}

/** How two ids' digit strings (zero-padded to 7) compare as strings: < 0, 0 or > 0. */
export function compareIdDigits(a: number, b: number): number {
  // the common case, both under 10 million (7 digits): string order is number order
  if (a < 1e7 && b < 1e7) return a - b;
  const la = paddedDigits(a);
  const lb = paddedDigits(b);
  if (la === lb) return a - b;
  const k = Math.min(la, lb);
  const pa = Math.floor(a / POW10[la - k]!);
  const pb = Math.floor(b / POW10[lb - k]!);
  return pa !== pb ? pa - pb : la - lb;
}
