/**
 * Float32 squared distances (WebAssembly SIMD, the k-means module's `dist` kernel) from one query vector
 * to a run of consecutive rows of a fixed matrix copied once into the module's memory. A scan uses them as
 * a quick lower bound (`low` × the float32 sum never exceeds the exact float64 one) and computes the
 * exact distance only for the rows that may pass.
 */
import { instantiateKernels } from './kmeans-wasm.ts';

export interface RunDistances {
  /**
   * Squared distances from the vector at `offset` of `data` (d columns) to rows from..to of the matrix,
   * in out[0 .. to − from) of a view the next call overwrites.
   */
  run(data: Float32Array, offset: number, from: number, to: number): Float32Array;
  /** Multiply a float32 distance by this for a lower bound on the exact one. */
  readonly low: number;
}

/**
 * For the n×d row-major `matrix`, or undefined where WebAssembly SIMD is missing. Costs n × ⌈d/4⌉×4
 * float32 of module memory per instance (one per thread).
 */
export function createRunDistances(matrix: Float32Array, n: number, d: number): RunDistances | undefined {
  const kernels = instantiateKernels();
  if (!kernels) return undefined;
  const { memory, dist } = kernels;
  // rows padded to a multiple of 4 columns; the padding stays zero, so it adds nothing
  const d4 = Math.ceil(d / 4) * 4;
  const query = 0;
  const rows = d4 * 4;
  const out = rows + n * d4 * 4;
  const end = out + n * 4;
  memory.grow(Math.max(0, Math.ceil(end / 65536) - memory.buffer.byteLength / 65536));
  const heap = new Float32Array(memory.buffer);
  if (d4 === d) heap.set(matrix.subarray(0, n * d), rows / 4);
  else for (let r = 0; r < n; r++) heap.set(matrix.subarray(r * d, r * d + d), rows / 4 + r * d4);
  // each float32 operation errs by at most 2⁻²⁴ of a sum of non-negative terms: d4 + 2 of them in a
  // row, so this is a safe (and still tight) lower bound on the exact distance
  const low = 1 - (d4 + 8) * 2 ** -23;
  return {
    low,
    run(data, offset, from, to) {
      for (let j = 0; j < d; j++) heap[j] = data[offset + j]!;
      dist(query, 1, d4, rows + from * d4 * 4, to - from, out);
      return heap.subarray(out / 4, out / 4 + (to - from));
    },
  };
}
