/**
 * Warm-started rebuild vs fresh (issue 18): the k-means step of a rebuild after a day of IMDb changes.
 *   node --import tsx bench/rebuild.ts [--repeat 5] [--model DIR ...]
 * For each model folder's features.f32 (default: the scale-1.0 sample model and the 700k synthetic
 * one when present): the clusters of a fresh run are "yesterday's model"; then a seeded 5 % of the
 * rows move a little in their rating and vote columns (as a day's votes move them) and k = the
 * model's k is fitted again, fresh from k-means++ (seed 42 + r) and warm from yesterday's centres,
 * rounds interleaved. Reports median iterations and time, and the share of movies that kept their
 * cluster id (fresh runs keep ids by matching; warm runs start from them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { memoryLogger } from '../src/core/log.ts';
import { createRandom } from '../src/numeric/random.ts';
import { cluster } from '../src/pipeline/cluster.ts';
import { sharedFloat32 } from '../src/parallel/kmeans.ts';
import { machine, median, table } from './_run.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.flatMap((a, i) => (a === name ? [args[i + 1]!] : []));
const repeat = Number(flag('--repeat')[0] ?? 5);
const ROOT = import.meta.dirname;
const models = flag('--model').length
  ? flag('--model')
  : [join(ROOT, '../../benchdata/s1/model'), join(ROOT, 'data/lambda/synthetic-700000')].filter(existsSync);

const rows: (string | number)[][] = [];
for (const dir of models) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
    features: { names: string[] };
    kmeans: { k: number };
  };
  const names = manifest.features.names;
  const d = names.length;
  const raw = readFileSync(join(dir, 'features.f32'));
  const n = raw.length / 4 / d;
  const data = sharedFloat32(n * d);
  data.set(new Float32Array(raw.buffer, raw.byteOffset, n * d));
  const k = 9;
  const log = memoryLogger();
  const yesterday = await cluster(data, n, d, { k, seed: 42 }, log);
  const previous = { k, labels: yesterday.labels.slice(), centroids: yesterday.centroids.slice() };
  // a day's changes: 5 % of the movies move up to ±0.02 (of the column's range) in bayes and logVotes
  const rng = createRandom(7);
  const moved = [names.indexOf('bayes'), names.indexOf('logVotes')].filter((j) => j >= 0);
  for (let i = 0; i < n; i++) {
    if (rng.next() >= 0.05) continue;
    for (const j of moved) data[i * d + j] = data[i * d + j]! + (rng.next() - 0.5) * 0.04;
  }
  const runs = { fresh: [] as number[][], warm: [] as number[][] };
  for (let r = 0; r < repeat; r++) {
    for (const mode of ['fresh', 'warm'] as const) {
      const start = performance.now();
      const result = await cluster(data, n, d, { k, seed: 42 + r, fresh: mode === 'fresh' }, log, previous);
      const ms = performance.now() - start;
      let kept = 0;
      for (let i = 0; i < n; i++) if (result.labels[i] === previous.labels[i]) kept++;
      runs[mode].push([result.iterations, ms, kept / n]);
    }
  }
  const fresh = runs.fresh;
  for (const mode of ['fresh', 'warm'] as const) {
    const m = (col: number) => median(runs[mode].map((x) => x[col]!));
    rows.push([
      `${n.toLocaleString('en-US')}×${d}`,
      mode,
      m(0),
      m(1).toFixed(0),
      (m(1) / median(fresh.map((x) => x[1]!))).toFixed(2),
      `${(m(2) * 100).toFixed(2)} %`,
    ]);
  }
}
console.log(machine());
console.log(`load ${loadavg()[0]!.toFixed(2)}, ${repeat} rounds, k = 9\n`);
console.log(table(['matrix', 'start', 'iterations', 'ms', 'vs fresh', 'kept cluster id'], rows));
