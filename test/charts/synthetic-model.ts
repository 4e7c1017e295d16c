/**
 * A bigger, deterministic SYNTHETIC model for chart tests and the explore bench: movies drawn from
 * k latent groups (each with its own core genres, era and rating), laid out like the kinema preset
 * (28 genre flags + year, runtime, bayes, logVotes scaled to 0..1 = 32 features). No real titles.
 * Clusters are the latent groups and centroids their feature means (running k-means on 700k rows
 * would dominate the bench); the optional k curve is computed for real with the reference k-means
 * and an exact silhouette on a subsample.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENRES, genreNames } from '../../src/core/genres.ts';
import { MODEL_FORMAT, type KCurvePoint, type ModelManifest } from '../../src/core/model-manifest.ts';
import { decodeCatalog } from '../../src/core/model-decode.ts';
import { typedArrayBytes } from '../../src/core/model-bytes.ts';
import type { CatalogJson } from '../../src/core/model-catalog.ts';
import type { Model } from '../../src/core/model.ts';
import { encodeServingFiles } from '../../src/core/model-binary.ts';
import { lloyd } from '../../src/numeric/kmeans.ts';
import { createRandom, type Random } from '../../src/numeric/random.ts';

export interface SyntheticOptions {
  n: number;
  k?: number;
  seed?: number;
  /** Also compute a real inertia/silhouette curve for k = 2..kMax on a subsample of this size. */
  curveSample?: number;
  kMax?: number;
  /** Give clusters recommender-style names ("Crime · Thriller · 1990s"). */
  named?: boolean;
}

// latent groups: core genres, typical year and rating
const GROUPS: { genres: string[]; year: number; spread: number; rating: number }[] = [
  { genres: ['Drama', 'Romance'], year: 1995, spread: 18, rating: 6.5 },
  { genres: ['Comedy'], year: 2005, spread: 14, rating: 5.9 },
  { genres: ['Horror', 'Thriller'], year: 2010, spread: 10, rating: 4.9 },
  { genres: ['Documentary'], year: 2014, spread: 7, rating: 7.2 },
  { genres: ['Action', 'Adventure', 'Sci-Fi'], year: 2008, spread: 12, rating: 6.0 },
  { genres: ['Crime', 'Drama', 'Mystery'], year: 1988, spread: 20, rating: 6.6 },
  { genres: ['Western'], year: 1958, spread: 12, rating: 6.1 },
  { genres: ['Animation', 'Family'], year: 2012, spread: 9, rating: 6.4 },
  { genres: ['Drama', 'War', 'History'], year: 1975, spread: 22, rating: 6.9 },
  { genres: ['Music', 'Musical'], year: 1965, spread: 25, rating: 6.3 },
  { genres: ['Film-Noir', 'Crime'], year: 1948, spread: 5, rating: 6.8 },
  { genres: ['Sport', 'Biography'], year: 2010, spread: 12, rating: 6.7 },
];

export function syntheticModel(options: SyntheticOptions): Model {
  return buildSynthetic(options).model;
}

/** Writes the synthetic model as a model folder loadModel can read. */
export function writeSyntheticModel(dir: string, options: SyntheticOptions): Model {
  const { model } = buildSynthetic(options);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(encodeServingFiles(model))) {
    writeFileSync(join(dir, name), bytes);
  }
  writeFileSync(join(dir, 'features.f32'), typedArrayBytes(model.features));
  writeFileSync(join(dir, 'centroids.f32'), typedArrayBytes(model.centroids));
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(model.manifest, null, 2));
  return model;
}

function buildSynthetic(options: SyntheticOptions) {
  const { n, seed = 7 } = options;
  const k = Math.min(options.k ?? GROUPS.length, GROUPS.length);
  const rnd = createRandom(seed);
  const G = GENRES.length;
  const d = G + 4;
  const catalogJson: CatalogJson = {
    id: [],
    title: [],
    originalTitle: [],
    year: [],
    runtime: [],
    genres: [],
    rating: [],
    votes: [],
    bayes: [],
    cluster: [],
    distance: [],
  };
  const logVotes: number[] = [];
  for (let i = 0; i < n; i++) {
    const g = Math.min(k - 1, Math.floor(skewed(rnd) * k));
    const group = GROUPS[g]!;
    let mask = 0;
    for (const name of group.genres) if (rnd.next() < 0.8) mask |= 1 << GENRES.indexOf(name as never);
    if (rnd.next() < 0.35) mask |= 1 << rnd.int(G);
    if (mask === 0) mask = 1 << GENRES.indexOf(group.genres[0] as never);
    let year = group.year + normal(rnd) * group.spread;
    while (year < 1900 || year > 2025.4) year = group.year + normal(rnd) * group.spread;
    year = Math.round(year);
    const votes = Math.max(5, Math.round(10 ** (2.2 + Math.abs(normal(rnd)) * 1.1)));
    const rating = Math.round(Math.min(10, Math.max(1, group.rating + normal(rnd) * 1.1)) * 10) / 10;
    catalogJson.id.push(`tt9${String(i).padStart(7, '0')}`);
    catalogJson.title.push(`Synthetic movie ${i}`);
    catalogJson.originalTitle.push('');
    catalogJson.year.push(year);
    catalogJson.runtime.push(Math.round(Math.max(45, 95 + normal(rnd) * 18)));
    catalogJson.genres.push(mask >>> 0);
    catalogJson.rating.push(rating);
    catalogJson.votes.push(votes);
    catalogJson.bayes.push(Math.round(((votes * rating + 1000 * 6.2) / (votes + 1000)) * 1000) / 1000);
    catalogJson.cluster.push(g);
    logVotes.push(Math.log10(1 + votes));
  }
  const numeric = [catalogJson.year, catalogJson.runtime, catalogJson.bayes, logVotes];
  const names = [...GENRES.map((g) => `genre:${g}`), 'year', 'runtime', 'bayes', 'logVotes'];
  const offset = names.map(() => 0);
  const scale = names.map(() => 1);
  numeric.forEach((col, j) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of col) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    offset[G + j] = lo;
    scale[G + j] = hi > lo ? hi - lo : 1;
  });
  const features = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    const mask = catalogJson.genres[i]!;
    for (let b = 0; b < G; b++) if (mask & (1 << b)) features[i * d + b] = 1;
    numeric.forEach((col, j) => (features[i * d + G + j] = (col[i]! - offset[G + j]!) / scale[G + j]!));
  }
  const centroids = new Float32Array(k * d);
  const size = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const c = catalogJson.cluster[i]!;
    size[c]!++;
    for (let j = 0; j < d; j++) centroids[c * d + j]! += features[i * d + j]!;
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) if (size[c]) centroids[c * d + j]! /= size[c]!;
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    const c = catalogJson.cluster[i]!;
    let s = 0;
    for (let j = 0; j < d; j++) s += (features[i * d + j]! - centroids[c * d + j]!) ** 2;
    inertia += s;
    catalogJson.distance.push(Math.round(Math.sqrt(s) * 1e6) / 1e6);
  }
  const curve = options.curveSample
    ? kCurve(features, n, d, options.curveSample, options.kMax ?? k, seed)
    : undefined;
  const manifest: ModelManifest = {
    format: MODEL_FORMAT,
    kinemaVersion: 'synthetic',
    catalog: { preset: 'kinema', minVotes: 0, meanRating: 6.2, bayesM: 1000 },
    features: { preset: 'kinema', names, weights: {}, offset, scale },
    kmeans: {
      k,
      seed,
      algorithm: 'synthetic',
      iterations: 0,
      inertia,
      converged: true,
      ...(curve ? { curve } : {}),
    },
    inputs: [],
    counts: { movies: n, rows: {}, badRows: {} },
    clusters: size.map((s, id) => ({
      id,
      size: s,
      ...(options.named ? { name: clusterName(catalogJson, id) } : {}),
    })),
    artifacts: [
      'manifest.json',
      'catalog.bin',
      'features.f32',
      'centroids.f32',
      'franchise.bin',
      'search.bin',
    ],
  };
  const catalog = decodeCatalog(catalogJson);
  const model: Model = {
    manifest,
    catalog,
    features,
    d,
    centroids,
    k,
    byId: new Map(catalogJson.id.map((id, i) => [id, i])),
  };
  return { model, catalogJson };
}

/** Smaller groups are rarer, as real genres are. */
function skewed(rnd: Random): number {
  return rnd.next() ** 1.6;
}

function normal(rnd: Random): number {
  const u = 1 - rnd.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.next());
}

function clusterName(catalog: CatalogJson, id: number): string {
  const counts = new Map<string, number>();
  const years: number[] = [];
  catalog.cluster.forEach((c, i) => {
    if (c !== id) return;
    for (const g of genreNames(catalog.genres[i]!)) counts.set(g, (counts.get(g) ?? 0) + 1);
    years.push(catalog.year[i]!);
  });
  const top = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 2);
  years.sort((a, b) => a - b);
  const decade = Math.floor((years[years.length >> 1] ?? 2000) / 10) * 10;
  return [...top.map(([g]) => g), `${decade}s`].join(' · ');
}

/** Real inertia (reference k-means) and exact mean silhouette for k = 2..kMax on the first m rows. */
function kCurve(features: Float32Array, n: number, d: number, m: number, kMax: number, seed: number) {
  const rows = Math.min(n, m);
  const sample = features.subarray(0, rows * d);
  const points: KCurvePoint[] = [];
  for (let k = 2; k <= kMax; k++) {
    const km = lloyd(sample, rows, d, { k, seed });
    points.push({
      k,
      inertia: Math.round(km.inertia * 1000) / 1000,
      silhouette: Math.round(silhouette(sample, rows, d, km.labels, k) * 1e4) / 1e4,
    });
  }
  return points;
}

function silhouette(data: Float32Array, n: number, d: number, labels: ArrayLike<number>, k: number): number {
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) sizes[labels[i]!]!++;
  let total = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      let s = 0;
      for (let t = 0; t < d; t++) s += (data[i * d + t]! - data[j * d + t]!) ** 2;
      sums[labels[j]!]! += Math.sqrt(s);
    }
    const own = labels[i]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]) b = Math.min(b, sums[c]! / sizes[c]!);
    total += (b - a) / Math.max(a, b);
  }
  return total / n;
}
