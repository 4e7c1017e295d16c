/**
 * A SYNTHETIC full-scale model for the recommender benchmark, built in memory from a seed: the kinema
 * feature layout (28 multi-hot genres + year, runtime, Bayesian rating, log votes, scaled and weighted as
 * the build does), clusters from a sample-trained k-means, Zipf-distributed directors/writers/cast and
 * about 4% sequels ("<title> 2"). Nothing here is real data.
 */
import { rng } from './_run.ts';
import { GENRES } from '../src/core/genres.ts';
import { StringColumn } from '../src/core/columns.ts';
import { MODEL_FORMAT } from '../src/core/model-manifest.ts';
import { decodePeople } from '../src/core/model-decode.ts';
import type { Model } from '../src/core/model.ts';
import type { PeopleJson } from '../src/core/model-people.ts';
import { trainIvf } from '../src/core/recommend/ivf.ts';

/** Genre frequencies roughly as in IMDb movies (Drama most common). */
const GENRE_WEIGHT: Record<string, number> = {
  Drama: 40,
  Comedy: 25,
  Action: 10,
  Romance: 10,
  Thriller: 10,
  Crime: 9,
  Horror: 8,
  Documentary: 8,
  Adventure: 6,
  Mystery: 4,
  Family: 4,
  Fantasy: 3,
  Biography: 3,
  History: 3,
  'Sci-Fi': 3,
  Music: 3,
  Animation: 2,
  War: 2,
  Musical: 1.5,
  Western: 1.5,
  Sport: 1,
  'Film-Noir': 0.3,
  News: 0.2,
};

export function syntheticModel(size: number, k = 20, seed = 7): Model {
  const r = rng(seed);
  const genreList = GENRES.map((g, i) => ({ i, w: GENRE_WEIGHT[g] ?? 0 })).filter((x) => x.w > 0);
  const totalW = genreList.reduce((s, x) => s + x.w, 0);
  const pickGenre = () => {
    let u = r() * totalW;
    for (const x of genreList) if ((u -= x.w) <= 0) return x.i;
    return genreList[0]!.i;
  };
  const d = GENRES.length + 4;
  const title: string[] = [];
  const year = new Int16Array(size);
  const runtime = new Int16Array(size);
  const genres = new Uint32Array(size);
  const rating = new Float32Array(size);
  const votes = new Int32Array(size);
  const bayes = new Float32Array(size);
  const zipf = (pool: number, skew: number) => Math.floor(pool * r() ** skew);
  const directors: number[][] = [];
  const writers: number[][] = [];
  const cast: number[][] = [];
  const DIRECTORS = Math.round(size * 0.3);
  const WRITERS = Math.round(size * 0.5);
  const ACTORS = Math.round(size * 1.5);
  for (let i = 0; i < size; i++) {
    const sequelOf = i > 100 && r() < 0.04 ? Math.floor(r() * i) : -1;
    if (sequelOf >= 0) {
      title.push(`${title[sequelOf]!.replace(/ \d+$/, '')} ${2 + Math.floor(r() * 4)}`);
      genres[i] = genres[sequelOf]!;
      directors.push(r() < 0.5 ? [...directors[sequelOf]!] : [zipf(DIRECTORS, 2)]);
      cast.push([...cast[sequelOf]!.slice(0, 2), zipf(ACTORS, 3)]);
    } else {
      title.push(`Film ${i.toString(36)} ${['of', 'and', 'the'][i % 3]} ${(i * 7919).toString(36)}`);
      let mask = 1 << pickGenre();
      const extra = r() < 0.6 ? (r() < 0.5 ? 1 : 2) : 0;
      for (let e = 0; e < extra; e++) mask |= 1 << pickGenre();
      genres[i] = mask >>> 0;
      directors.push([zipf(DIRECTORS, 2)]);
      cast.push(Array.from({ length: 1 + Math.floor(r() * 5) }, () => zipf(ACTORS, 3)));
    }
    writers.push(r() < 0.7 ? [zipf(WRITERS, 2)] : []);
    year[i] = Math.round(2025 - 110 * r() ** 1.8);
    runtime[i] = Math.max(45, Math.round(95 + 20 * (r() + r() + r() - 1.5)));
    rating[i] = Math.min(10, Math.max(1, Math.round((6.2 + 2.2 * (r() + r() - 1)) * 10) / 10));
    votes[i] = Math.round(100 / (1 - r() * 0.99999) ** 1.1);
  }
  const meanRating = rating.reduce((s, x) => s + x, 0) / size;
  for (let i = 0; i < size; i++)
    bayes[i] = (votes[i]! / (votes[i]! + 1000)) * rating[i]! + (1000 / (votes[i]! + 1000)) * meanRating;
  const features = new Float32Array(size * d);
  const numeric = [
    { v: (i: number) => year[i]!, lo: 1920, hi: 2024, w: 1 },
    { v: (i: number) => runtime[i]!, lo: 60, hi: 180, w: 0.5 },
    { v: (i: number) => bayes[i]!, lo: 4, hi: 8.5, w: 1 },
    { v: (i: number) => Math.log10(1 + votes[i]!), lo: 2, hi: 6, w: 0.75 },
  ];
  for (let i = 0; i < size; i++) {
    for (let g = 0; g < GENRES.length; g++) features[i * d + g] = genres[i]! & (1 << g) ? 1 : 0;
    numeric.forEach((x, j) => {
      const t = Math.min(1, Math.max(0, (x.v(i) - x.lo) / (x.hi - x.lo)));
      features[i * d + GENRES.length + j] = t * x.w;
    });
  }
  // clusters: the build's k-means, stood in for by a sample-trained IVF of k lists
  const ivf = trainIvf(features, size, d, { lists: k, seed, sample: 20_000, iterations: 15 });
  const cluster = new Int32Array(size);
  for (let c = 0; c < ivf.k; c++)
    for (let j = ivf.offsets[c]!; j < ivf.offsets[c + 1]!; j++) cluster[ivf.items[j]!] = c;
  const csr = (lists: number[][]) => {
    const offsets = [0];
    const items: number[] = [];
    for (const l of lists) {
      for (const p of new Set(l)) items.push(p);
      offsets.push(items.length);
    }
    return { offsets, items };
  };
  const persons = DIRECTORS + WRITERS + ACTORS;
  const peopleJson: PeopleJson = {
    id: Array.from({ length: persons }, (_, p) => `nm${p}`),
    name: Array.from({ length: persons }, (_, p) => `Person ${p}`),
    directors: csr(directors),
    writers: csr(writers.map((l) => l.map((p) => DIRECTORS + p))),
    cast: csr(cast.map((l) => l.map((p) => DIRECTORS + WRITERS + p))),
  };
  const id = Array.from({ length: size }, (_, i) => `tt${String(i + 1).padStart(8, '0')}`);
  return {
    manifest: {
      format: MODEL_FORMAT,
      kinemaVersion: 'synthetic',
      catalog: { preset: 'kinema', minVotes: 100, meanRating, bayesM: 1000 },
      features: { preset: 'kinema', names: [], weights: {}, offset: [], scale: [] },
      kmeans: { k: ivf.k, seed, algorithm: 'sample-ivf', iterations: 15, inertia: 0, converged: true },
      inputs: [],
      counts: { movies: size, rows: {}, badRows: {} },
      clusters: [],
      artifacts: [],
    },
    catalog: {
      size,
      // packed columns, as a built model has: the threaded neighbour precomputation clones them to workers
      id: StringColumn.from(id),
      title: StringColumn.from(title),
      originalTitle: StringColumn.from(title.map(() => '')),
      year,
      runtime,
      genres,
      rating,
      votes,
      bayes,
      cluster,
      distance: new Float32Array(size),
    },
    features,
    d,
    centroids: ivf.centroids,
    k: ivf.k,
    people: decodePeople(peopleJson),
    byId: new Map(id.map((x, i) => [x, i])),
  };
}
