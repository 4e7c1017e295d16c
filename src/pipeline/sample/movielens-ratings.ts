/**
 * ratings.csv rows for a range of users, a pure function of (seed, user): any split of the users across
 * threads gives the same bytes. The shape follows ml-32m:
 *  - activity: every user has at least 20 ratings (MovieLens's own rule), the rest log-normal (median
 *    ~80, mean ~160, a few thousand for the heaviest), capped at 35% of the catalog;
 *  - popularity: movies are drawn by rank with Zipf–Mandelbrot weights (rank + r0)^-1.45, the most rated
 *    movie in about half the users' lists, the tail with a handful of ratings;
 *  - values: 0.5–5 stars, ~3.5 on average (4.0 the most common), from the movie's IMDb rating, the user's own bias and noise;
 *    40% of users use whole stars only (as before MovieLens allowed half stars);
 *  - time: each user is active for a stretch (mean 200 days) between 1995 and 2023.
 * Rows are sorted by userId, then movieId, as in the real file.
 */
import { RowRandom } from './row-random.ts';

export interface RatingsInput {
  seed: number;
  /** MovieLens ids by popularity rank. */
  movieIds: Int32Array;
  /** IMDb quality (z-score) by popularity rank. */
  quality: Float32Array;
}

export interface RatingsGenerator {
  /** Lines for users [from, to) (1-based userIds), as bytes with their own memory; adds to `count.rows`. */
  rows(from: number, to: number, count: { rows: number }): Uint8Array;
}

const SALT_USER = 0x6a09e667;
const MIN_PER_USER = 20;
const FIRST = 789_652_009; // 1995-01-09, ml-32m's first rating
const LAST = 1_697_164_147; // 2023-10-13, its last
/** Sort key span: movieId × RANK_SPAN + rank stays exact in a double for ids below 2^32. */
const RANK_SPAN = 2 ** 21;

export function ratingsGenerator(input: RatingsInput): RatingsGenerator {
  const n = input.movieIds.length;
  const alias = aliasTable(n);
  const seen = new Int32Array(n).fill(-1);
  const cap = Math.max(1, Math.floor(n * 0.35));
  const keys = new Float64Array(cap);
  const r = new RowRandom();
  let buf: Uint8Array = new Uint8Array(1 << 20);
  return {
    rows(from, to, count) {
      let pos = 0;
      for (let user = from; user < to; user++) {
        r.at(input.seed, SALT_USER, user);
        const wanted = Math.min(cap, MIN_PER_USER + Math.floor(Math.exp(4.15 + 1.25 * r.normal())));
        const whole = r.chance(0.4);
        const bias = 0.45 * r.normal();
        const start = FIRST + Math.floor(r.next() * (LAST - FIRST - 86_400));
        const span = Math.min(LAST - start, Math.floor(-200 * 86_400 * Math.log(1 - r.next())) + 600);
        let got = 0;
        // rejection of repeats; the attempt limit only matters for the heaviest users of a tiny catalog
        for (let tries = 0; got < wanted && tries < wanted * 60; tries++) {
          const rank = alias.draw(r);
          if (seen[rank] === user) continue;
          seen[rank] = user;
          keys[got++] = input.movieIds[rank]! * RANK_SPAN + rank;
        }
        const sorted = keys.subarray(0, got).sort();
        if (pos + got * MAX_LINE > buf.length) buf = grow(buf, pos, pos + got * MAX_LINE);
        for (let k = 0; k < got; k++) {
          const key = sorted[k]!;
          const rank = key % RANK_SPAN;
          const x = 3.62 + 0.55 * input.quality[rank]! + bias + 0.85 * r.normal();
          const stars = whole
            ? 2 * Math.min(5, Math.max(1, Math.round(x)))
            : Math.min(10, Math.max(1, Math.round(2 * x)));
          const time = start + Math.floor(r.next() * span);
          pos = putInt(buf, pos, user);
          buf[pos++] = COMMA;
          pos = putInt(buf, pos, (key - rank) / RANK_SPAN);
          buf[pos++] = COMMA;
          buf[pos++] = DIGIT0 + (stars >> 1);
          buf[pos++] = DOT;
          buf[pos++] = stars & 1 ? DIGIT0 + 5 : DIGIT0;
          buf[pos++] = COMMA;
          pos = putInt(buf, pos, time);
          buf[pos++] = NEWLINE;
        }
        count.rows += got;
      }
      return new Uint8Array(buf.subarray(0, pos));
    },
  };
}

// --- internal ---

const COMMA = 0x2c;
const NEWLINE = 0x0a;

/** Longest line: userId, movieId and time of up to 10 digits, "x.y" and 4 separators. */
const MAX_LINE = 37;
const DIGIT0 = 0x30;
const DOT = 0x2e;

/**
 * Writes a non-negative integer (< 2^31) in decimal at `pos`; returns the position after it. Formatting
 * 32M rows straight into bytes is much cheaper than through strings.
 */
function putInt(buf: Uint8Array, pos: number, n: number): number {
  let len = 1;
  for (let m = n; m >= 10; m = (m / 10) | 0) len++;
  const end = pos + len;
  let p = end;
  do {
    const q = (n / 10) | 0;
    buf[--p] = DIGIT0 + n - q * 10;
    n = q;
  } while (n > 0);
  return end;
}

function grow(buf: Uint8Array, used: number, need: number): Uint8Array {
  const grown = new Uint8Array(Math.max(buf.length * 2, need));
  grown.set(buf.subarray(0, used));
  return grown;
}

interface Alias {
  draw(r: RowRandom): number;
}

/** Walker's alias method over Zipf–Mandelbrot weights: one uniform, one comparison a draw. */
function aliasTable(n: number): Alias {
  const r0 = 1 + (150 * n) / 87_585;
  const weights = new Float64Array(n);
  let sum = 0;
  for (let k = 0; k < n; k++) sum += weights[k] = (k + 1 + r0) ** -1.45;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let k = 0; k < n; k++) {
    prob[k] = (weights[k]! * n) / sum;
    (prob[k]! < 1 ? small : large).push(k);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large[large.length - 1]!;
    alias[s] = l;
    prob[l] = prob[l]! + prob[s]! - 1;
    if (prob[l]! < 1) small.push(large.pop()!);
  }
  for (const k of [...small, ...large]) prob[k] = 1;
  return {
    draw(r) {
      const x = r.next() * n;
      const k = Math.floor(x);
      return x - k < prob[k]! ? k : alias[k]!;
    },
  };
}
