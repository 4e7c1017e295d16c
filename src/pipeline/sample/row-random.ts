/**
 * Counter-based randomness for the sample generator: the draws for row i of a table depend only on
 * (seed, salt, i), never on what was generated before. So each table can be written on its own, in any
 * order or concurrently, and the tables still agree on every title's type, year and title text.
 */

/** murmur3's 32-bit finalizer: a cheap, well-mixed integer hash. */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Salts keep the streams of different purposes independent for the same row. */
export const SALT = {
  type: 0x1b873593,
  id: 0x2c1b3c6d,
  title: 0x297a2d39,
  year: 0x68e31da4,
  basics: 0x4cf5ad43,
  akas: 0x5f356495,
  ratings: 0x3c6ef372,
  crew: 0x7f4a7c15,
  principals: 0x1f83d9ab,
  names: 0x5be0cd19,
} as const;

export class RowRandom {
  private state = 0;

  /** Positions the stream at row `i` of the purpose named by `salt`. */
  at(seed: number, salt: number, i: number): this {
    this.state = mix32((seed ^ mix32((Math.imul(i, 0x9e3779b1) + salt) | 0)) >>> 0);
    return this;
  }

  /** Uniform in [0, 1): mulberry32. */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box–Muller; one value per call keeps the stream position simple). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Index drawn from cumulative weights (`cdf` ascending, last entry = total). */
  weighted(cdf: Float64Array): number {
    const x = this.next() * cdf[cdf.length - 1]!;
    let i = 0;
    while (cdf[i]! <= x) i++;
    return i;
  }
}

/** Cumulative sums of weights, for RowRandom.weighted. */
export function cumulative(weights: readonly number[]): Float64Array {
  const cdf = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (cdf[i] = sum += w));
  return cdf;
}
