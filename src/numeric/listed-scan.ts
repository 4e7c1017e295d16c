/**
 * The neighbour precomputation's scan of IVF-listed rows in WebAssembly (listed-scan.wat beside this
 * file: what it decides, in what order). The matrix in list order, each listed row's bonus and row
 * number, and the visit stamps live in the module's memory; a run's heap is copied in and back out.
 * A scan of every movie spends most of its time here, in rows that are ruled out unread.
 */
import { embeddedModule, reserve, type WasmMemory } from './wasm-module.ts';

const WASM_BASE64 =
  'AGFzbQEAAAABQgVgEX9/f39/f39/f39/f398fHx8AX9gBnt7e3x8fAF7YA9/fH9/f39/f39/f39/fHwBf2AGf39/f399AX9gAXsBfQMGBQABAgMEBQMBAAEHEQIGbWVtb3J5AgAEc2NhbgAACtkOBd0HAwV/CnsDfyACQQJ0IRIgAyERIAEgAyASbGohEwJAA0AgEUEEaiAESw0B/QwAAAAAAAAAAAAAAAAAAAAAIRj9DAAAAAAAAAAAAAAAAAAAAAAhGf0MAAAAAAAAAAAAAAAAAAAAACEa/QwAAAAAAAAAAAAAAAAAAAAAIRsgEyASaiEgICAgEmohISAhIBJqISJBACEUAkADQCAUIBJPDQEgACAUav0ABAAhFiAWIBMgFGr9AAQA/eUBIRcgGCAXIBf95gH95AEhGCAWICAgFGr9AAQA/eUBIRcgGSAXIBf95gH95AEhGSAWICEgFGr9AAQA/eUBIRcgGiAXIBf95gH95AEhGiAWICIgFGr9AAQA/eUBIRcgGyAXIBf95gH95AEhGyAUQRBqIRQMAAsLIBggGf0NAAECAxAREhMICQoLGBkaGyAYIBn9DQQFBgcUFRYXDA0ODxwdHh/95AEhFiAaIBv9DQABAgMQERITCAkKCxgZGhsgGiAb/Q0EBQYHFBUWFwwNDg8cHR4f/eQBIRcgFiAX/Q0AAQIDBAUGBxAREhMUFRYXIBYgF/0NCAkKCwwNDg8YGRobHB0eH/3kASEWIBb9XyAP/RT98gEhHCAWIBb9DQgJCgsMDQ4PAAECAwQFBgf9XyAP/RT98gEhHSAKKgIAu0QAAAAAAADw/yAMIAtGG/0UIR4gBSARQQJ0av0ABAAhH0EPIBwgH/1fIB4gDSAOIBAQAf3EASAdIB8gH/0NCAkKCwwNDg8AAQIDBAUGB/1fIB4gDSAOIBAQAf3EAUECdHJzIRUgFQRAIBVBAXEEQCARIBz9IQAgACATIBIgBSAGIAcgCCAJIAogCyAMIA0gEBACIQwLIBVBAnEEQCARQQFqIBz9IQEgACAgIBIgBSAGIAcgCCAJIAogCyAMIA0gEBACIQwLIBVBBHEEQCARQQJqIB39IQAgACAhIBIgBSAGIAcgCCAJIAogCyAMIA0gEBACIQwLIBVBCHEEQCARQQNqIB39IQEgACAiIBIgBSAGIAcgCCAJIAogCyAMIA0gEBACIQwLCyATIBJBAnRqIRMgEUEEaiERDAALCwJAA0AgESAETw0B/QwAAAAAAAAAAAAAAAAAAAAAIRhBACEUAkADQCAUIBJPDQEgACAUav0ABAAgEyAUav0ABAD95QEhFyAYIBcgF/3mAf3kASEYIBRBEGohFAwACwsgGBAEuyAPov0UIRwgHP0hACAOYwRAIBEgHP0hACAAIBMgEiAFIAYgByAIIAkgCiALIAwgDSAQEAIhDAsgEyASaiETIBFBAWohEQwACwsgDAtKAQF7IAIgAf3xASEGIAAgBP0U/UwgBkQAAAAAAAAAAP0U/UogAEQAAAAAAADwP/0U/fABIAb98gEgBf0U/fIBIAP9FP1M/U79UAuGAwIDfwV8IAUgAEECdGoqAgC7IRJEAAAAAAAA8H8hFCAMIAtGBEAgCioCALsgEqEhEyATRAAAAAAAAAAAZARAIAFEAAAAAAAA8D+gIBOiIA6iIA1mBEAgDA8LIA0gE6NEAAAAAAAA8D+hIRQLCyAGIABBAnRqKAIAIRAgByAQQQJ0aiERIBEoAgAgCEYEQCAMDwsgESAINgIAIBREAAAAAAAAAABlBEAgDA8LIAEgFGYEQCAMDwtEAAAAAAAAAAAhFQJAA0AgDyAETw0BIBUgFGNFDQEgAiAPaioCALsgAyAPaioCALuhIRYgFSAWIBaioCEVIAIgD2oqAgS7IAMgD2oqAgS7oSEWIBUgFiAWoqAhFSACIA9qKgIIuyADIA9qKgIIu6EhFiAVIBYgFqKgIRUgAiAPaioCDLsgAyAPaioCDLuhIRYgFSAWIBaioCEVIA9BEGohDwwACwsgFSAUY0UEQCAMDwsgCSAKIAsgDCAQIA1EAAAAAAAA8D8gFaCjIBKgthADC4oDBQV/AX0BfwF9AX8gAyACSQRAIAMhBgJAA0AgBkUNASAGQQFrQQF2IQkgCUECdCEKIAEgCmoqAgAhCyAAIApqKAIAIQwgBSALXSAFIAtbIAQgDEpxckUNASAGQQJ0IQcgACAHaiAMNgIAIAEgB2ogCzgCACAJIQYMAAsLIAZBAnQhByAAIAdqIAQ2AgAgASAHaiAFOAIAIANBAWoPCyABKgIAIQsgACgCACEMIAsgBV0gCyAFWyAMIARKcXJFBEAgAw8LAkADQCAGQQF0QQFqIQggCCADTw0BIAhBAnQhCiABIApqKgIAIQsgACAKaigCACEMIAhBAWogA0kEQCABIApqKgIEIQ0gACAKaigCBCEOIA0gC10gDSALWyAOIAxKcXIEQCAIQQFqIQggDSELIA4hDAsLIAsgBV0gCyAFWyAMIARKcXJFDQEgBkECdCEHIAAgB2ogDDYCACABIAdqIAs4AgAgCCEGDAALCyAGQQJ0IQcgACAHaiAENgIAIAEgB2ogBTgCACADCxkAIAD9HwAgAP0fAZIgAP0fAiAA/R8DkpIL';

type ScanFn = (
  q: number,
  rows: number,
  d4: number,
  from: number,
  to: number,
  bonus: number,
  items: number,
  stamp: number,
  epoch: number,
  hi: number,
  hs: number,
  cap: number,
  size: number,
  wf: number,
  most: number,
  low: number,
  safe: number,
) => number;

const instantiate = embeddedModule<{ memory: WasmMemory; scan: ScanFn }>(WASM_BASE64);

/** A top-k heap (src/core/top-n.ts with float32 scores): worst kept item at 0. */
export interface ListedHeap {
  readonly index: Int32Array;
  readonly score: Float32Array;
  size: number;
  readonly capacity: number;
}

export interface ListedRows {
  /** n×d rows in list order. */
  vectors: Float32Array;
  /** The row number of each listed row. */
  items: Int32Array;
  /** The bonus added to the score of each listed row. */
  bonus: Float32Array;
  d: number;
  /** Rows in all (the stamps' length). */
  rows: number;
  /** A lower bound is shrunk by this before the bonus test rules a row out. */
  safe: number;
}

export interface ListedScan {
  /** Visit stamps by row, in the module's memory: the JavaScript paths mark the same array. */
  readonly stamp: Uint32Array;
  /** The largest heap a scan takes. */
  readonly capacity: number;
  /**
   * For the query at `offset` of `data`: each listed row from..to not stamped `epoch` and not ruled
   * out is stamped, and pushed into `heap` with score wf / (1 + squared distance) + bonus when its
   * distance is below the limit the heap leaves it; rows at a float32 distance of `most` or more
   * (times the bound on its rounding) are passed over.
   */
  scan(
    data: Float32Array,
    offset: number,
    from: number,
    to: number,
    heap: ListedHeap,
    epoch: number,
    wf: number,
    most: number,
  ): void;
}

/** Undefined where WebAssembly SIMD is missing. `capacity`: the largest heap it will take. */
export function createListedScan(listed: ListedRows, capacity = 1000): ListedScan | undefined {
  const kernel = instantiate();
  if (!kernel) return undefined;
  const { vectors, items, bonus, d, rows, safe } = listed;
  const n = items.length;
  // rows padded to a multiple of 4 columns; the padding stays zero, so it adds nothing
  const d4 = Math.ceil(d / 4) * 4;
  const at = { q: 0, hi: d4 * 4, hs: d4 * 4 + capacity * 4, rows: 0, bonus: 0, items: 0, stamp: 0, end: 0 };
  at.rows = Math.ceil((at.hs + capacity * 4) / 16) * 16;
  at.bonus = at.rows + n * d4 * 4;
  at.items = at.bonus + n * 4;
  at.stamp = at.items + n * 4;
  at.end = at.stamp + rows * 4;
  reserve(kernel.memory, at.end);
  const buffer = kernel.memory.buffer;
  const heap = new Float32Array(buffer);
  if (d4 === d) heap.set(vectors.subarray(0, n * d), at.rows / 4);
  else for (let r = 0; r < n; r++) heap.set(vectors.subarray(r * d, r * d + d), at.rows / 4 + r * d4);
  heap.set(bonus.subarray(0, n), at.bonus / 4);
  new Int32Array(buffer, at.items, n).set(items.subarray(0, n));
  const heapIndex = new Int32Array(buffer, at.hi, capacity);
  const heapScore = new Float32Array(buffer, at.hs, capacity);
  // each float32 operation errs by at most 2⁻²⁴ of a sum of non-negative terms: d4 + 2 of them in a
  // row, so this is a safe (and still tight) lower bound on the exact distance
  const low = 1 - (d4 + 8) * 2 ** -23;
  return {
    stamp: new Uint32Array(buffer, at.stamp, rows),
    capacity,
    scan(data, offset, from, to, top, epoch, wf, most) {
      for (let j = 0; j < d; j++) heap[j] = data[offset + j]!;
      heapIndex.set(top.index.subarray(0, top.size));
      heapScore.set(top.score.subarray(0, top.size));
      const size = kernel.scan(
        at.q,
        at.rows,
        d4,
        from,
        to,
        at.bonus,
        at.items,
        at.stamp,
        epoch,
        at.hi,
        at.hs,
        top.capacity,
        top.size,
        wf,
        most,
        low,
        safe,
      );
      top.index.set(heapIndex.subarray(0, size));
      top.score.set(heapScore.subarray(0, size));
      top.size = size;
    },
  };
}
