/**
 * Principal component analysis over a flat row-major n×d Float32Array. One sparse-aware pass builds
 * the d×d covariance in Float64 (d is small: tens of features), then power iteration with deflation finds
 * the leading components. Deterministic: fixed start vectors and a sign convention (the largest
 * loading of each component is positive), so the same data always gives the same map.
 */

export interface Pca {
  /** Components kept. */
  m: number;
  d: number;
  /** Column means subtracted before projecting (length d). */
  mean: Float64Array;
  /** m×d unit vectors, row-major, strongest first. */
  components: Float64Array;
  /** Variance along each component (eigenvalues of the covariance, length m). */
  variance: Float64Array;
  /** Total variance (trace of the covariance), to report explained-variance ratios. */
  totalVariance: number;
}

export interface PcaOptions {
  /** Components to keep (default 2, at most d). */
  components?: number;
  maxIterations?: number;
  tolerance?: number;
}

export function pca(data: Float32Array, n: number, d: number, options: PcaOptions = {}): Pca {
  if (data.length !== n * d) throw new RangeError(`pca: data has ${data.length} values, expected ${n}×${d}`);
  const m = Math.min(options.components ?? 2, d);
  const mean = columnMeans(data, n, d);
  const cov = covariance(data, n, d, mean);
  let totalVariance = 0;
  for (let j = 0; j < d; j++) totalVariance += cov[j * d + j]!;
  const components = new Float64Array(m * d);
  const variance = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    const v = powerIteration(
      cov,
      d,
      components.subarray(0, c * d),
      options.maxIterations ?? 500,
      options.tolerance ?? 1e-12,
    );
    const lambda = rayleigh(cov, d, v);
    components.set(v, c * d);
    variance[c] = Math.max(0, lambda);
    // deflate: remove this component so the next iteration finds the next one
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i * d + j]! -= lambda * v[i]! * v[j]!;
  }
  return { m, d, mean, components, variance, totalVariance };
}

/** Projects rows onto the kept components: returns n×m row-major coordinates. */
export function pcaProject(model: Pca, data: Float32Array, n: number): Float32Array {
  const { m, d, mean, components } = model;
  const out = new Float32Array(n * m);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let c = 0; c < m; c++) {
      let s = 0;
      const base = c * d;
      for (let j = 0; j < d; j++) s += (data[row + j]! - mean[j]!) * components[base + j]!;
      out[i * m + c] = s;
    }
  }
  return out;
}

function columnMeans(data: Float32Array, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j]! += data[i * d + j]!;
  if (n > 0) for (let j = 0; j < d; j++) mean[j]! /= n;
  return mean;
}

/**
 * Raw second moments over each row's non-zero entries, then centred: cov = (S − n·μμᵀ)/(n − 1).
 * Model features are mostly zero (multi-hot genres), so visiting only non-zero pairs is far cheaper
 * than the dense n·d²/2; Float64 sums keep the subtraction accurate for features scaled to ~[0, 1].
 */
function covariance(data: Float32Array, n: number, d: number, mean: Float64Array): Float64Array {
  const cov = new Float64Array(d * d);
  const nz = new Int32Array(d);
  const val = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    let m = 0;
    for (let j = 0; j < d; j++) {
      const x = data[row + j]!;
      if (x !== 0) {
        nz[m] = j;
        val[m++] = x;
      }
    }
    for (let p = 0; p < m; p++) {
      const x = val[p]!;
      const base = nz[p]! * d;
      for (let q = p; q < m; q++) cov[base + nz[q]!]! += x * val[q]!;
    }
  }
  const denom = n > 1 ? n - 1 : 1;
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      const v = (cov[a * d + b]! - n * mean[a]! * mean[b]!) / denom;
      cov[a * d + b] = v;
      cov[b * d + a] = v;
    }
  }
  return cov;
}

/** Leading eigenvector of the (deflated) covariance, kept orthogonal to the components found before. */
function powerIteration(
  cov: Float64Array,
  d: number,
  previous: Float64Array,
  maxIterations: number,
  tol: number,
) {
  const c = previous.length / d;
  // fixed, non-symmetric start so it is never orthogonal to the answer by construction
  let v = new Float64Array(d);
  for (let j = 0; j < d; j++) v[j] = 1 + ((j * 7 + c * 3) % 11) / 11;
  orthogonalize(v, previous, d);
  normalize(v);
  let next = new Float64Array(d);
  for (let it = 0; it < maxIterations; it++) {
    for (let i = 0; i < d; i++) {
      let s = 0;
      for (let j = 0; j < d; j++) s += cov[i * d + j]! * v[j]!;
      next[i] = s;
    }
    // deflation alone drifts once the remaining eigenvalues are ~0 (rank-deficient one-hot columns)
    orthogonalize(next, previous, d);
    if (normalize(next) < 1e-150) break; // nothing left: data has fewer than c+1 dimensions
    let delta = 0;
    for (let j = 0; j < d; j++) delta = Math.max(delta, Math.abs(Math.abs(next[j]!) - Math.abs(v[j]!)));
    [v, next] = [next, v];
    if (delta < tol) break;
  }
  let big = 0;
  for (let j = 1; j < d; j++) if (Math.abs(v[j]!) > Math.abs(v[big]!)) big = j;
  if (v[big]! < 0) for (let j = 0; j < d; j++) v[j] = -v[j]!;
  return v;
}

function orthogonalize(v: Float64Array, previous: Float64Array, d: number): void {
  for (let p = 0; p < previous.length; p += d) {
    let dot = 0;
    for (let j = 0; j < d; j++) dot += v[j]! * previous[p + j]!;
    for (let j = 0; j < d; j++) v[j]! -= dot * previous[p + j]!;
  }
}

function rayleigh(cov: Float64Array, d: number, v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < d; i++) {
    let row = 0;
    for (let j = 0; j < d; j++) row += cov[i * d + j]! * v[j]!;
    s += v[i]! * row;
  }
  return s;
}

function normalize(v: Float64Array): number {
  let s = 0;
  for (let j = 0; j < v.length; j++) s += v[j]! * v[j]!;
  const norm = Math.sqrt(s);
  if (norm > 0) for (let j = 0; j < v.length; j++) v[j]! /= norm;
  return norm;
}
