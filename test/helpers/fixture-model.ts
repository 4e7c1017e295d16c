/**
 * Small, hand-written models for tests of everything downstream of the build (recommender, search,
 * site, charts, Lambda). Features follow the kinema preset's shape (multi-hot genres + scaled numbers)
 * and clusters come from the reference k-means, so the fixture behaves like a built model.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GENRES, genreMask } from '../../src/core/genres.ts';
import { lloyd } from '../../src/numeric/kmeans.ts';
import { MODEL_FORMAT, type ModelManifest } from '../../src/core/model-manifest.ts';
import { typedArrayBytes } from '../../src/core/model-bytes.ts';
import { decodeCatalog, decodePeople } from '../../src/core/model-decode.ts';
import type { CatalogJson } from '../../src/core/model-catalog.ts';
import type { Model } from '../../src/core/model.ts';
import type { PeopleJson } from '../../src/core/model-people.ts';
import { encodeServingFiles } from '../../src/core/model-binary.ts';

export interface FixtureMovie {
  id: string;
  title: string;
  originalTitle?: string;
  year: number;
  runtime?: number;
  genres: string[];
  rating: number;
  votes: number;
  directors?: string[];
  writers?: string[];
  cast?: string[];
}

/** A dozen real, well-known films, enough for clusters, franchises and shared people. */
export const CLASSICS: FixtureMovie[] = [
  {
    id: 'tt0068646',
    title: 'The Godfather',
    year: 1972,
    runtime: 175,
    genres: ['Crime', 'Drama'],
    rating: 9.2,
    votes: 2100000,
    directors: ['Francis Ford Coppola'],
    cast: ['Marlon Brando', 'Al Pacino'],
  },
  {
    id: 'tt0071562',
    title: 'The Godfather Part II',
    year: 1974,
    runtime: 202,
    genres: ['Crime', 'Drama'],
    rating: 9.0,
    votes: 1400000,
    directors: ['Francis Ford Coppola'],
    cast: ['Al Pacino', 'Robert De Niro'],
  },
  {
    id: 'tt0099685',
    title: 'Goodfellas',
    year: 1990,
    runtime: 145,
    genres: ['Biography', 'Crime', 'Drama'],
    rating: 8.7,
    votes: 1300000,
    directors: ['Martin Scorsese'],
    cast: ['Robert De Niro', 'Ray Liotta'],
  },
  {
    id: 'tt0075148',
    title: 'Rocky',
    year: 1976,
    runtime: 120,
    genres: ['Drama', 'Sport'],
    rating: 8.1,
    votes: 650000,
    directors: ['John G. Avildsen'],
    cast: ['Sylvester Stallone'],
  },
  {
    id: 'tt0079817',
    title: 'Rocky II',
    year: 1979,
    runtime: 119,
    genres: ['Drama', 'Sport'],
    rating: 7.3,
    votes: 230000,
    directors: ['Sylvester Stallone'],
    cast: ['Sylvester Stallone'],
  },
  {
    id: 'tt0076759',
    title: 'Star Wars',
    year: 1977,
    runtime: 121,
    genres: ['Action', 'Adventure', 'Fantasy'],
    rating: 8.6,
    votes: 1500000,
    directors: ['George Lucas'],
    cast: ['Mark Hamill', 'Harrison Ford'],
  },
  {
    id: 'tt0080684',
    title: 'The Empire Strikes Back',
    originalTitle: 'Star Wars: Episode V - The Empire Strikes Back',
    year: 1980,
    runtime: 124,
    genres: ['Action', 'Adventure', 'Fantasy'],
    rating: 8.7,
    votes: 1400000,
    directors: ['Irvin Kershner'],
    cast: ['Mark Hamill', 'Harrison Ford'],
  },
  {
    id: 'tt0082971',
    title: 'Raiders of the Lost Ark',
    year: 1981,
    runtime: 115,
    genres: ['Action', 'Adventure'],
    rating: 8.4,
    votes: 1100000,
    directors: ['Steven Spielberg'],
    cast: ['Harrison Ford'],
  },
  {
    id: 'tt1160419',
    title: 'Dune',
    year: 2021,
    runtime: 155,
    genres: ['Action', 'Adventure', 'Drama'],
    rating: 8.0,
    votes: 900000,
    directors: ['Denis Villeneuve'],
    cast: ['Timothée Chalamet'],
  },
  {
    id: 'tt0087182',
    title: 'Dune',
    year: 1984,
    runtime: 137,
    genres: ['Action', 'Adventure', 'Sci-Fi'],
    rating: 6.3,
    votes: 190000,
    directors: ['David Lynch'],
    cast: ['Kyle MacLachlan'],
  },
  {
    id: 'tt0211915',
    title: 'Amélie',
    originalTitle: "Le fabuleux destin d'Amélie Poulain",
    year: 2001,
    runtime: 122,
    genres: ['Comedy', 'Romance'],
    rating: 8.3,
    votes: 800000,
    directors: ['Jean-Pierre Jeunet'],
    cast: ['Audrey Tautou'],
  },
  {
    id: 'tt0118799',
    title: 'Life Is Beautiful',
    originalTitle: 'La vita è bella',
    year: 1997,
    runtime: 116,
    genres: ['Comedy', 'Drama', 'Romance'],
    rating: 8.6,
    votes: 760000,
    directors: ['Roberto Benigni'],
    cast: ['Roberto Benigni'],
  },
  {
    id: 'tt0107048',
    title: 'Groundhog Day',
    year: 1993,
    runtime: 101,
    genres: ['Comedy', 'Drama', 'Fantasy'],
    rating: 8.0,
    votes: 690000,
    directors: ['Harold Ramis'],
    writers: ['Harold Ramis'],
    cast: ['Bill Murray'],
  },
  {
    id: 'tt0054215',
    title: 'Psycho',
    year: 1960,
    runtime: 109,
    genres: ['Horror', 'Mystery', 'Thriller'],
    rating: 8.5,
    votes: 730000,
    directors: ['Alfred Hitchcock'],
    cast: ['Anthony Perkins'],
  },
  {
    id: 'tt0081505',
    title: 'The Shining',
    year: 1980,
    runtime: 146,
    genres: ['Drama', 'Horror'],
    rating: 8.4,
    votes: 1100000,
    directors: ['Stanley Kubrick'],
    cast: ['Jack Nicholson'],
  },
  {
    id: 'tt0047396',
    title: 'Rear Window',
    year: 1954,
    runtime: 112,
    genres: ['Mystery', 'Thriller'],
    rating: 8.5,
    votes: 530000,
    directors: ['Alfred Hitchcock'],
    cast: ['James Stewart'],
  },
];

const NUMERIC = ['year', 'runtime', 'bayes', 'logVotes'] as const;

/** Builds an in-memory Model (and the JSON/bytes of its folder) from fixture movies. */
export function fixtureModel(movies: FixtureMovie[] = CLASSICS, k = 4, seed = 1): Model {
  return buildFixture(movies, k, seed).model;
}

/** Writes the fixture model as a real model folder, for loaders and servers. */
export function writeFixtureModel(dir: string, movies: FixtureMovie[] = CLASSICS, k = 4, seed = 1): Model {
  const { model, files } = buildFixture(movies, k, seed);
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
  return model;
}

function buildFixture(movies: FixtureMovie[], k: number, seed: number) {
  const n = movies.length;
  const meanRating = movies.reduce((s, m) => s + m.rating, 0) / n;
  const m = 1000;
  const bayes = movies.map((x) => (x.votes / (x.votes + m)) * x.rating + (m / (x.votes + m)) * meanRating);
  const raw: Record<(typeof NUMERIC)[number], number[]> = {
    year: movies.map((x) => x.year),
    runtime: movies.map((x) => x.runtime ?? 0),
    bayes,
    logVotes: movies.map((x) => Math.log10(1 + x.votes)),
  };
  const names = [...GENRES.map((g) => `genre:${g}`), ...NUMERIC];
  const d = names.length;
  const offset = names.map(() => 0);
  const scale = names.map(() => 1);
  NUMERIC.forEach((key, j) => {
    const values = raw[key];
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    offset[GENRES.length + j] = lo;
    scale[GENRES.length + j] = hi > lo ? hi - lo : 1;
  });
  const features = new Float32Array(n * d);
  movies.forEach((movie, i) => {
    const mask = genreMask(movie.genres);
    GENRES.forEach((_, g) => (features[i * d + g] = mask & (1 << g) ? 1 : 0));
    NUMERIC.forEach((key, j) => {
      const col = GENRES.length + j;
      features[i * d + col] = (raw[key][i]! - offset[col]!) / scale[col]!;
    });
  });
  const km = lloyd(features, n, d, { k, seed });
  const catalogJson: CatalogJson = {
    id: movies.map((x) => x.id),
    title: movies.map((x) => x.title),
    originalTitle: movies.map((x) => (x.originalTitle && x.originalTitle !== x.title ? x.originalTitle : '')),
    year: movies.map((x) => x.year),
    runtime: movies.map((x) => x.runtime ?? 0),
    genres: movies.map((x) => genreMask(x.genres)),
    rating: movies.map((x) => x.rating),
    votes: movies.map((x) => x.votes),
    bayes: bayes.map((b) => Math.round(b * 1000) / 1000),
    cluster: Array.from(km.labels),
    distance: Array.from(km.distances, (v) => Math.round(v * 1e6) / 1e6),
  };
  const peopleJson = fixturePeople(movies);
  const manifest: ModelManifest = {
    format: MODEL_FORMAT,
    kinemaVersion: 'fixture',
    catalog: { preset: 'kinema', minVotes: 0, meanRating, bayesM: m },
    features: { preset: 'kinema', names, weights: {}, offset, scale },
    kmeans: {
      k: km.k,
      seed,
      algorithm: 'lloyd',
      iterations: km.iterations,
      inertia: km.inertia,
      converged: km.converged,
    },
    inputs: [],
    counts: { movies: n, rows: {}, badRows: {} },
    clusters: Array.from({ length: km.k }, (_, id) => ({
      id,
      size: km.labels.filter((l) => l === id).length,
    })),
    artifacts: [
      'manifest.json',
      'catalog.bin',
      'features.f32',
      'centroids.f32',
      'people.bin',
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
    centroids: km.centroids,
    k: km.k,
    people: decodePeople(peopleJson),
    byId: new Map(movies.map((x, i) => [x.id, i])),
  };
  const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const files: Record<string, Uint8Array> = {
    'manifest.json': json(manifest),
    ...encodeServingFiles(model),
    'features.f32': typedArrayBytes(features),
    'centroids.f32': typedArrayBytes(km.centroids),
  };
  return { model, files };
}

function fixturePeople(movies: FixtureMovie[]): PeopleJson {
  const ids = new Map<string, number>();
  const person = (name: string) => {
    if (!ids.has(name)) ids.set(name, ids.size);
    return ids.get(name)!;
  };
  const csr = (pick: (m: FixtureMovie) => string[] | undefined) => {
    const offsets = [0];
    const items: number[] = [];
    for (const movie of movies) {
      for (const name of pick(movie) ?? []) items.push(person(name));
      offsets.push(items.length);
    }
    return { offsets, items };
  };
  const directors = csr((m) => m.directors);
  const writers = csr((m) => m.writers);
  const cast = csr((m) => m.cast);
  const names = [...ids.keys()];
  return {
    id: names.map((_, i) => `nm${String(i + 1).padStart(7, '0')}`),
    name: names,
    directors,
    writers,
    cast,
  };
}
