/**
 * A SYNTHETIC full-scale model folder for the Lambda cold-start benchmark: the same files and layout
 * as `kinema build` writes (manifest, catalog, features, centroids, people, neighbours), sized like the
 * full IMDb movie catalog (700k movies, 32 features, 50 neighbours, ~1M people) with collaborative
 * lists for ml-32m's share of it (87,585 movies with likes, 100 entries each, blend weights as a
 * MovieLens build chooses them), filled from a seeded generator. Nothing in it is real data; only the
 * sizes and shapes matter for load time and serving cost.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENRES } from '../src/core/genres.ts';
import { DEFAULT_WEIGHTS } from '../src/core/features.ts';
import { nearestCentroid } from '../src/numeric/distance.ts';
import { encodeCollab, encodeServingFiles } from '../src/core/model-binary.ts';
import { CollabListsBuilder, type CollabLists } from '../src/core/collab/lists.ts';
import { encodeNeighbours, NEIGHBOURS_FILE } from '../src/core/neighbour-lists.ts';
import { MODEL_FORMAT, type ModelManifest } from '../src/core/model-manifest.ts';
import { decodeCatalog, decodePeople } from '../src/core/model-decode.ts';
import { typedArrayBytes } from '../src/core/model-bytes.ts';
import type { CatalogJson } from '../src/core/model-catalog.ts';
import type { PeopleJson } from '../src/core/model-people.ts';

export interface SyntheticSize {
  movies: number;
  people: number;
  k: number;
  neighbours: number;
  /** Movies with collaborative lists (0: a build without MovieLens). */
  collabMovies?: number;
}

/** ~1M people is an assumption (directors, writers, top cast of the catalog's movies), not a count. */
export const FULL_SCALE: SyntheticSize = {
  movies: 700_000,
  people: 1_000_000,
  k: 12,
  neighbours: 50,
  collabMovies: 87_585,
};
const COLLAB_K = 100;
/** 2: features shaped like the kinema preset (one-hot genres, scaled numbers; 1 was uniform noise). */
const FEATURE_SHAPE = 2;
const ML_USERS = 200_948;

/** Writes the folder unless one of this size is already there; returns its path. */
export function syntheticModel(dir: string, size: SyntheticSize = FULL_SCALE, seed = 7): string {
  const stamp = join(dir, 'synthetic.json');
  const key = JSON.stringify({
    ...size,
    seed,
    format: MODEL_FORMAT,
    neighbours: NEIGHBOURS_FILE,
    features: FEATURE_SHAPE,
  });
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === key) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  let state = seed >>> 0 || 1;
  const rand = () => {
    // xorshift32: fast, seeded, good enough for filler
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const n = size.movies;
  const names = [...GENRES.map((g) => `genre:${g}`), 'year', 'runtime', 'bayes', 'logVotes'];
  const d = names.length;
  const words = Array.from({ length: 5000 }, (_, i) => syllables(i));
  const pick = () => words[Math.floor(rand() ** 2 * words.length)]!;
  const catalog: CatalogJson = {
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
  for (let i = 0; i < n; i++) {
    const wordsInTitle = 1 + Math.floor(rand() * 4);
    catalog.id.push(`tt${String(i + 1).padStart(7, '0')}`);
    catalog.title.push(Array.from({ length: wordsInTitle }, pick).join(' '));
    catalog.originalTitle.push(rand() < 0.15 ? `${pick()} ${pick()}` : '');
    catalog.year.push(1900 + Math.floor(rand() * 126));
    catalog.runtime.push(60 + Math.floor(rand() * 90));
    catalog.genres.push(
      (1 << Math.floor(rand() * GENRES.length)) | (1 << Math.floor(rand() * GENRES.length)),
    );
    const rating = Math.round((3 + rand() * 6) * 10) / 10;
    const votes = Math.floor(10 ** (1 + rand() * 5));
    catalog.rating.push(rating);
    catalog.votes.push(votes);
    catalog.bayes.push(Math.round(((votes * rating + 1000 * 6.2) / (votes + 1000)) * 1000) / 1000);
  }
  // the kinema preset's shape, as a build writes it: one-hot genres, then the four numbers scaled to
  // [0, 1] and weighted; clusters are the nearest of k seeded rows taken as centres
  const weights = DEFAULT_WEIGHTS.kinema;
  const features = new Float32Array(n * d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < GENRES.length; j++) features[i * d + j] = (catalog.genres[i]! >>> j) & 1;
    const o = i * d + GENRES.length;
    features[o] = ((catalog.year[i]! - 1900) / 125) * weights['year']!;
    features[o + 1] = ((catalog.runtime[i]! - 60) / 89) * weights['runtime']!;
    features[o + 2] = ((catalog.bayes[i]! - 3) / 6) * weights['bayes']!;
    features[o + 3] = ((Math.log10(catalog.votes[i]!) - 1) / 5) * weights['logVotes']!;
  }
  const centroids = new Float32Array(size.k * d);
  for (let c = 0; c < size.k; c++) {
    const row = Math.floor(rand() * n);
    centroids.set(features.subarray(row * d, row * d + d), c * d);
  }
  for (let i = 0; i < n; i++) {
    const [c, dist] = nearestCentroid(features, i * d, centroids, size.k, d);
    catalog.cluster.push(c);
    catalog.distance.push(Math.round(Math.sqrt(dist) * 1e6) / 1e6);
  }
  const csr = (perMovie: number) => {
    const offsets = [0];
    const items: number[] = [];
    for (let i = 0; i < n; i++) {
      const count = Math.floor(rand() * perMovie * 2);
      for (let j = 0; j < count; j++) items.push(Math.floor(rand() ** 1.5 * size.people));
      offsets.push(items.length);
    }
    return { offsets, items };
  };
  const people: PeopleJson = {
    id: Array.from({ length: size.people }, (_, i) => `nm${String(i + 1).padStart(7, '0')}`),
    name: Array.from({ length: size.people }, () => `${pick()} ${pick()}`),
    directors: csr(1),
    writers: csr(1.5),
    cast: csr(4),
  };
  const collab = syntheticCollab(n, Math.min(n, size.collabMovies ?? 0), rand);
  const index = new Int32Array(n * size.neighbours).map(() => Math.floor(rand() * n));
  const score = new Float32Array(n * size.neighbours).map(() => rand());
  const manifest: ModelManifest = {
    format: MODEL_FORMAT,
    kinemaVersion: 'synthetic-bench',
    catalog: { preset: 'kinema', minVotes: 0, meanRating: 6.2, bayesM: 1000 },
    features: { preset: 'kinema', names, weights, offset: names.map(() => 0), scale: names.map(() => 1) },
    kmeans: { k: size.k, seed, algorithm: 'synthetic', iterations: 0, inertia: 0, converged: true },
    inputs: [],
    counts: { movies: n, rows: {}, badRows: {} },
    clusters: Array.from({ length: size.k }, (_, id) => ({
      id,
      size: catalog.cluster.filter((c) => c === id).length,
    })),
    neighbours: { n: size.neighbours },
    ...(collab
      ? {
          collab: {
            method: 'ease',
            k: COLLAB_K,
            ratings: 32_000_000,
            users: ML_USERS,
            movies: collab.movies,
          },
          blend: {
            similar: {
              collab: 1,
              alsoLiked: 2,
              fallback: 1,
              confidence: 10,
              popularity: 1,
              people: 2,
              franchise: 1.2,
            },
            taste: { collab: 16, fallback: 1, confidence: 1, popularity: 0, peak: 0 },
          },
        }
      : {}),
    artifacts: [
      'manifest.json',
      'catalog.bin',
      'features.f32',
      'centroids.f32',
      'people.bin',
      'franchise.bin',
      'search.bin',
      NEIGHBOURS_FILE,
      ...(collab ? ['collab.bin'] : []),
    ],
  };
  // the binary files as the build writes them, people and franchise indexes included
  const served = encodeServingFiles({ catalog: decodeCatalog(catalog), people: decodePeople(people) });
  for (const [name, bytes] of Object.entries(served)) writeFileSync(join(tmp, name), bytes);
  writeFileSync(join(tmp, 'features.f32'), typedArrayBytes(features));
  writeFileSync(join(tmp, 'centroids.f32'), typedArrayBytes(centroids));
  writeFileSync(join(tmp, NEIGHBOURS_FILE), encodeNeighbours(size.neighbours, index, score));
  if (collab) writeFileSync(join(tmp, 'collab.bin'), encodeCollab(collab.lists));
  writeFileSync(join(tmp, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(tmp, 'synthetic.json'), key);
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return dir;
}

function syllables(i: number): string {
  const parts = [
    'ka',
    'lo',
    'mi',
    'ren',
    'sa',
    'tor',
    'vi',
    'nel',
    'dra',
    'quo',
    'bel',
    'zen',
    'ar',
    'is',
    'um',
  ];
  let s = '';
  let x = i + 1;
  while (x > 0) {
    s += parts[x % parts.length];
    x = Math.floor(x / parts.length);
  }
  return s[0]!.toUpperCase() + s.slice(1);
}

/**
 * Lists for `movies` random movies, each linking to up to 100 others of them (popular ones more
 * often), with heavy-tailed like counts: the shape a 32M-rating build leaves.
 */
function syntheticCollab(
  n: number,
  movies: number,
  rand: () => number,
): { lists: CollabLists; movies: number } | undefined {
  if (movies === 0) return undefined;
  const rated = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [rated[i], rated[j]] = [rated[j]!, rated[i]!];
  }
  const chosen = rated.subarray(0, movies);
  const likes = new Int32Array(n);
  for (const m of chosen) likes[m] = 1 + Math.floor(10 ** (rand() * 4.5));
  const builder = new CollabListsBuilder(n, COLLAB_K);
  const acc = new Float64Array(n);
  const co = new Float64Array(n);
  const touched: number[] = [];
  for (const a of chosen) {
    touched.length = 0;
    for (let e = 0; e < COLLAB_K; e++) {
      const b = chosen[Math.floor(rand() ** 2 * movies)]!;
      if (b === a || co[b]! > 0) continue;
      touched.push(b);
      acc[b] = rand();
      co[b] = 1 + Math.floor(rand() * likes[a]!);
    }
    builder.setRow(a, acc, touched, co, likes[a]!);
    for (const b of touched) acc[b] = co[b] = 0;
  }
  return { lists: builder.finish(likes, ML_USERS), movies };
}
