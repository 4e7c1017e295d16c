/**
 * The WebAssembly SIMD kernels of the k-means engine, one module instance per thread:
 * - float32 squared distances (f32x4) with nearest/second-nearest scans, where float32 accuracy is
 *   plenty: seeding, and the first guess of the exact assignment (which rescans near ties in float64);
 * - the float64 block arithmetic the exact steps must match bit for bit (column moments, partial sums by
 *   label, distances to the own centre): the same IEEE operations in the same order as the JS kernels in
 *   kmeans-block-math.ts, so results do not change, only the time (those JS loops were much of a small fit).
 * Rows are copied into the module's memory a chunk at a time (the matrix stays where it is).
 */
import { instantiateKernels } from './kmeans-wasm.ts';
import { reserve } from './wasm-module.ts';

/** Rows per call: the copied rows (≤ 1024 × d floats) stay in cache while every centre is scanned. */
export const SIMD_ROWS = 1024;

export interface SimdDistances {
  /** Loads `count` centres, rows `first`.. of the row-major `src` (d columns); at most maxCentres. */
  setCentres(src: Float32Array, first: number, count: number): void;
  /**
   * Squared distances of rows start..start+rows (rows ≤ SIMD_ROWS) of `data` to the loaded centres,
   * into `out` (row-major rows×count), which the next call overwrites.
   */
  distances(data: Float32Array, start: number, rows: number): void;
  /** As `distances`, for the rows listed in rows[0..count) (count ≤ SIMD_ROWS), in list order. */
  distancesOf(data: Float32Array, rows: Int32Array, count: number): void;
  /**
   * As `distancesOf` for m rows listed from the chunk start..start+rows: the chunk is copied in whole
   * and the module gathers the listed rows (cheaper than a JS copy a row once many are listed).
   */
  distancesOfChunk(data: Float32Array, start: number, rows: number, list: Int32Array, m: number): void;
  /** The output of the last `distances` call (a fixed view: read, do not keep). */
  readonly out: Float32Array;
  /**
   * For the first `rows` rows of `out`: row r of `near` holds [nearest, a1, a2] (`nearIndex` views
   * the same memory as integers), the two smallest distances clamped to the largest float32; ties
   * go to the lowest index.
   */
  nearest(rows: number): void;
  readonly near: Float32Array;
  readonly nearIndex: Int32Array;
  /** Starts a block's column moments, shifted by row 0 of `data` (as momentRows). */
  beginMoments(data: Float32Array): void;
  /** Adds rows start..start+rows (≤ SIMD_ROWS) to the moments. */
  moments(data: Float32Array, start: number, rows: number): void;
  /** Σ(x−x₀) into acc[0..d) and Σ(x−x₀)² into acc[d..2d) (overwritten). */
  momentsInto(acc: Float64Array): void;
  /** Starts a block's partial sums over `k` centres (≤ maxCentres). */
  beginSums(k: number): void;
  /** Adds rows start..start+rows (≤ SIMD_ROWS) to their labels' sums and counts. */
  sums(data: Float32Array, start: number, rows: number, labels: Int32Array): void;
  /** Writes the block's k×d sums and k counts to sums[sumsAt..] and counts[countsAt..]. */
  sumsInto(sums: Float64Array, sumsAt: number, counts: Float64Array, countsAt: number): void;
  /**
   * Float64 distance of rows start..start+rows (≤ SIMD_ROWS) to their labels' loaded centres into
   * `into` (float32, as ownDistances); returns the sum of their squares, added in row order.
   */
  own(data: Float32Array, start: number, rows: number, labels: Int32Array, into: Float32Array): number;
  /**
   * After `nearest` on rows start..start+rows: rows whose float32 error bounds (slack, as upperFromF32
   * and lowerFromF32) separate the two nearest take that label and those bounds in labels, upper and
   * lower; the others are listed in `ambiguous` (count first, then their offsets from start) for a
   * float64 rescan. Returns how many labels changed. With `list`, `nearest` ran on the m rows it lists
   * (row numbers within start..start+rows, after distancesOfChunk), and only they change.
   */
  settle(
    labels: Int32Array,
    upper: Float32Array,
    lower: Float32Array,
    start: number,
    rows: number,
    slack: number,
    list?: Int32Array,
    m?: number,
  ): number;
  readonly ambiguous: Int32Array;
  /** Starts a block's k-means++ candidate potentials (one for each of the loaded centres). */
  beginPotentials(): void;
  /**
   * After `distances` on rows start..start+rows: adds min(distance, best[i]) of each row to each
   * candidate's potential, in float64 and row order (as evalRowsJs does with float64 distances).
   */
  addPotentials(best: Float32Array, start: number, rows: number): void;
  /** The block's potentials into into[0..count). */
  potentialsInto(into: Float64Array): void;
  /**
   * After `distances` against one new centre on rows start..start+rows: folds it into each row's best
   * and second best squared distance and nearest centre; returns the rows' potential (best summed).
   */
  commit(
    best: Float32Array,
    second: Float32Array,
    labels: Int32Array,
    start: number,
    rows: number,
    centre: number,
  ): number;
  /** Loads Hamerly's half gaps and centre shifts (k of each) for `bounds`. */
  setShifts(half: Float64Array, shift: Float64Array, k: number): void;
  /**
   * Hamerly's bound test on rows start..start+rows (as hamerlyBounds: the rows it cannot settle go to
   * `list`, the others get their moved bounds in upper and lower); shiftMax is [largest shift, its
   * centre, second largest]. Returns the list's length.
   */
  bounds(
    labels: Int32Array,
    upper: Float32Array,
    lower: Float32Array,
    start: number,
    rows: number,
    shiftMax: Float64Array,
    list: Int32Array,
  ): number;
}

/** Byte offsets of the regions of one instance's memory, each 16-byte aligned. */
function layout(d4: number, maxCentres: number): Record<string, number> {
  const sizes: [string, number][] = [
    ['rows', SIMD_ROWS * d4 * 4],
    ['centres', maxCentres * d4 * 4],
    ['out', SIMD_ROWS * maxCentres * 4],
    ['near', SIMD_ROWS * 3 * 4],
    ['labels', SIMD_ROWS * 4],
    ['own', SIMD_ROWS * 4],
    ['x0', d4 * 4],
    ['acc', 2 * d4 * 8],
    ['sums', maxCentres * d4 * 8],
    ['counts', maxCentres * 8],
    ['upper', SIMD_ROWS * 4],
    ['lower', SIMD_ROWS * 4],
    ['ambiguous', (SIMD_ROWS + 1) * 4],
    ['list', SIMD_ROWS * 4],
    ['half', maxCentres * 8],
    ['shift', maxCentres * 8],
    ['pot', maxCentres * 8],
    ['stage', SIMD_ROWS * d4 * 4],
  ];
  const at: Record<string, number> = {};
  let next = 0;
  for (const [name, size] of sizes) {
    at[name] = next;
    next += Math.ceil(size / 16) * 16;
  }
  at.end = next;
  return at;
}

/** A kernel for d columns and up to maxCentres centres, or undefined where WebAssembly SIMD is missing. */
export function createSimdDistances(d: number, maxCentres: number): SimdDistances | undefined {
  const x = instantiateKernels();
  if (!x) return undefined;
  const memory = x.memory;
  const { dist, near: nearFn, moments: momentsFn, sums: sumsFn, own: ownFn } = x;
  const { settle: settleFn, bounds: boundsFn, evalpot: evalPotFn, commit: commitFn, gather: gatherFn } = x;
  // rows and centres padded to a multiple of 4 columns; the padding stays zero, so it adds nothing
  const d4 = Math.ceil(d / 4) * 4;
  const at = layout(d4, maxCentres) as Record<string, number> & { end: number };
  reserve(memory, at.end);
  const heap = new Float32Array(memory.buffer);
  const ints = new Int32Array(memory.buffer);
  const wide = new Float64Array(memory.buffer);
  const view = <T extends Float32Array | Int32Array | Float64Array>(
    a: T,
    region: string,
    length: number,
  ): T => a.subarray(at[region]! / a.BYTES_PER_ELEMENT, at[region]! / a.BYTES_PER_ELEMENT + length) as T;
  const f32 = (region: string, length: number): Float32Array => view(heap, region, length);
  let count = 0;
  let sumCentres = 0;
  // which rows of the (unchanging) matrix the rows region holds, so the block kernels that read the
  // chunk the distances were just taken for do not copy it again
  let loadedFrom: Float32Array | null = null;
  let loadedStart = -1;
  let loadedRows = 0;
  const copy = (src: Float32Array, first: number, rows: number, to: number): void => {
    if (d4 === d && rows > 1) {
      heap.set(src.subarray(first * d, (first + rows) * d), to / 4);
      return;
    }
    // a plain loop: a single row is too short to pay for a subarray view
    for (let r = 0, o = to / 4; r < rows; r++, o += d4) {
      const from = (first + r) * d;
      for (let j = 0; j < d; j++) heap[o + j] = src[from + j]!;
    }
  };
  const load = (data: Float32Array, start: number, rows: number): void => {
    if (loadedFrom === data && loadedStart === start && loadedRows === rows) return;
    copy(data, start, rows, at.rows!);
    loadedFrom = data;
    loadedStart = start;
    loadedRows = rows;
  };
  const labelsIn = (labels: Int32Array, start: number, rows: number): void => {
    ints.set(labels.subarray(start, start + rows), at.labels! / 4);
  };
  const boundsOut = (
    labels: Int32Array,
    upper: Float32Array,
    lower: Float32Array,
    start: number,
    rows: number,
  ): void => {
    labels.set(ints.subarray(at.labels! / 4, at.labels! / 4 + rows), start);
    upper.set(heap.subarray(at.upper! / 4, at.upper! / 4 + rows), start);
    lower.set(heap.subarray(at.lower! / 4, at.lower! / 4 + rows), start);
  };
  return {
    setCentres(src, first, n) {
      if (n > maxCentres) throw new RangeError(`${n} centres > the ${maxCentres} this kernel holds`);
      copy(src, first, n, at.centres!);
      count = n;
    },
    distances(data, start, rows) {
      // always copied: callers such as mini-batch refill one array between calls
      loadedFrom = null;
      load(data, start, rows);
      dist(at.rows!, rows, d4, at.centres!, count, at.out!);
    },
    distancesOf(data, list, n) {
      loadedFrom = null;
      for (let r = 0, o = at.rows! / 4; r < n; r++, o += d4) {
        const from = list[r]! * d;
        for (let j = 0; j < d; j++) heap[o + j] = data[from + j]!;
      }
      dist(at.rows!, n, d4, at.centres!, count, at.out!);
    },
    distancesOfChunk(data, start, rows, list, m) {
      loadedFrom = null;
      copy(data, start, rows, at.stage!);
      ints.set(list.subarray(0, m), at.list! / 4);
      gatherFn(at.stage!, at.list!, m, start, d4, at.rows!);
      dist(at.rows!, m, d4, at.centres!, count, at.out!);
    },
    out: f32('out', SIMD_ROWS * maxCentres),
    nearest(rows) {
      nearFn(at.out!, rows, count, at.near!);
    },
    near: f32('near', SIMD_ROWS * 3),
    nearIndex: view(ints, 'near', SIMD_ROWS * 3),
    beginMoments(data) {
      copy(data, 0, 1, at.x0!);
      wide.fill(0, at.acc! / 8, at.acc! / 8 + 2 * d4);
    },
    moments(data, start, rows) {
      load(data, start, rows);
      momentsFn(at.rows!, rows, d4, at.x0!, at.acc!);
    },
    momentsInto(acc) {
      const from = at.acc! / 8;
      acc.set(wide.subarray(from, from + d), 0);
      acc.set(wide.subarray(from + d4, from + d4 + d), d);
    },
    beginSums(k) {
      if (k > maxCentres) throw new RangeError(`${k} centres > the ${maxCentres} this kernel holds`);
      sumCentres = k;
      wide.fill(0, at.sums! / 8, at.sums! / 8 + k * d4);
      wide.fill(0, at.counts! / 8, at.counts! / 8 + k);
    },
    sums(data, start, rows, labels) {
      load(data, start, rows);
      labelsIn(labels, start, rows);
      sumsFn(at.rows!, rows, d4, at.labels!, at.sums!, at.counts!);
    },
    sumsInto(sums, sumsAt, counts, countsAt) {
      const from = at.sums! / 8;
      if (d4 === d) sums.set(wide.subarray(from, from + sumCentres * d), sumsAt);
      else
        for (let c = 0; c < sumCentres; c++) {
          sums.set(wide.subarray(from + c * d4, from + c * d4 + d), sumsAt + c * d);
        }
      counts.set(wide.subarray(at.counts! / 8, at.counts! / 8 + sumCentres), countsAt);
    },
    own(data, start, rows, labels, into) {
      load(data, start, rows);
      labelsIn(labels, start, rows);
      const total = ownFn(at.rows!, rows, d, d4, at.labels!, at.centres!, at.own!);
      into.set(heap.subarray(at.own! / 4, at.own! / 4 + rows), start);
      return total;
    },
    settle(labels, upper, lower, start, rows, slack, list, m) {
      labelsIn(labels, start, rows);
      if (list) {
        // only the listed rows change: the others keep their bounds
        heap.set(upper.subarray(start, start + rows), at.upper! / 4);
        heap.set(lower.subarray(start, start + rows), at.lower! / 4);
        ints.set(list.subarray(0, m), at.list! / 4);
      }
      const listed = list ? (m ?? 0) : rows;
      const changed = settleFn(
        at.near!,
        listed,
        1 + slack,
        1 - slack,
        at.labels!,
        at.upper!,
        at.lower!,
        at.ambiguous!,
        list ? at.list! : -1,
        start,
      );
      boundsOut(labels, upper, lower, start, rows);
      return changed;
    },
    ambiguous: view(ints, 'ambiguous', SIMD_ROWS + 1),
    beginPotentials() {
      wide.fill(0, at.pot! / 8, at.pot! / 8 + count);
    },
    addPotentials(best, start, rows) {
      heap.set(best.subarray(start, start + rows), at.upper! / 4);
      evalPotFn(at.out!, rows, count, at.upper!, at.pot!);
    },
    potentialsInto(into) {
      into.set(wide.subarray(at.pot! / 8, at.pot! / 8 + count));
    },
    commit(best, second, labels, start, rows, centre) {
      heap.set(best.subarray(start, start + rows), at.upper! / 4);
      heap.set(second.subarray(start, start + rows), at.lower! / 4);
      labelsIn(labels, start, rows);
      const potential = commitFn(at.out!, rows, centre, at.upper!, at.lower!, at.labels!);
      boundsOut(labels, best, second, start, rows);
      return potential;
    },
    setShifts(half, shift, k) {
      wide.set(half.subarray(0, k), at.half! / 8);
      wide.set(shift.subarray(0, k), at.shift! / 8);
    },
    bounds(labels, upper, lower, start, rows, shiftMax, list) {
      labelsIn(labels, start, rows);
      heap.set(upper.subarray(start, start + rows), at.upper! / 4);
      heap.set(lower.subarray(start, start + rows), at.lower! / 4);
      const m = boundsFn(
        rows,
        at.labels!,
        at.upper!,
        at.lower!,
        at.half!,
        at.shift!,
        shiftMax[0]!,
        shiftMax[1]!,
        shiftMax[2]!,
        at.list!,
        start,
      );
      upper.set(heap.subarray(at.upper! / 4, at.upper! / 4 + rows), start);
      lower.set(heap.subarray(at.lower! / 4, at.lower! / 4 + rows), start);
      list.set(ints.subarray(at.list! / 4, at.list! / 4 + m));
      return m;
    },
  };
}
