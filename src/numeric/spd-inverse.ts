/**
 * In-place inverse of a symmetric positive definite n×n matrix (row-major Float64Array) by
 * Gauss–Jordan elimination without pivoting: SPD pivots stay positive, so no row swaps are needed.
 * n³ multiply-adds, each an axpy over a contiguous row (the loop V8 compiles best).
 */
export function invertSpd(
  a: Float64Array,
  n: number,
  onProgress?: (done: number, total: number) => void,
): void {
  if (a.length !== n * n) throw new RangeError(`expected ${n}×${n} values, got ${a.length}`);
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    const pivot = a[rk + k]!;
    if (!(pivot > 0)) throw new RangeError(`matrix is not positive definite (pivot ${k} is ${pivot})`);
    const inv = 1 / pivot;
    a[rk + k] = 1;
    for (let j = 0; j < n; j++) a[rk + j]! *= inv;
    for (let i = 0; i < n; i++) {
      if (i === k) continue;
      const ri = i * n;
      const f = a[ri + k]!;
      if (f === 0) continue;
      a[ri + k] = 0;
      axpy(a, ri, rk, -f, n);
    }
    if (onProgress && (k % 256 === 255 || k === n - 1)) onProgress(k + 1, n);
  }
}

/** a[dst..dst+n) += f · a[src..src+n). */
function axpy(a: Float64Array, dst: number, src: number, f: number, n: number): void {
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    a[dst + j] = a[dst + j]! + f * a[src + j]!;
    a[dst + j + 1] = a[dst + j + 1]! + f * a[src + j + 1]!;
    a[dst + j + 2] = a[dst + j + 2]! + f * a[src + j + 2]!;
    a[dst + j + 3] = a[dst + j + 3]! + f * a[src + j + 3]!;
  }
  for (; j < n; j++) a[dst + j] = a[dst + j]! + f * a[src + j]!;
}
