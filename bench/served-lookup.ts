/**
 * Served-path latency (issue 4 figures) from a model FOLDER as `kinema serve` loads it: similar-list
 * lookups and taste profiles of 10 liked movies, with the neighbour lists read a row per request from
 * the open file (the server's way since model format 2) side by side with the lists held in memory
 * (the anchor: the old way), same model, same queries, interleaved runs, medians of the runs.
 * The model is the SYNTHETIC full-scale folder of bench/lambda-model.ts (700k movies, written once).
 *
 *   node --import tsx bench/served-lookup.ts [--runs 3] [--lookups 10000] [--tastes 300] [--movies 700000]
 *     [--json FILE] (rows for bench/run.ts)
 */
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { loadModel } from '../src/core/model-load.ts';
import { createRecommender, type Recommender } from '../src/core/recommend/index.ts';
import { fileModelReader, fileRangeOpener } from '../src/runtime/files.ts';
import { FULL_SCALE, syntheticModel } from './lambda-model.ts';
import { machine, median, table, writeRows, numberArg, timeCalls } from './_run.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => numberArg(args, name, fallback);
const RUNS = arg('runs', 3);
const LOOKUPS = arg('lookups', 10_000);
const TASTES = arg('tastes', 300);
const MOVIES = arg('movies', FULL_SCALE.movies);

const people = Math.round((FULL_SCALE.people * MOVIES) / FULL_SCALE.movies);
const dir = syntheticModel(join(resolve(import.meta.dirname, 'data/lambda'), `synthetic-${MOVIES}`), {
  ...FULL_SCALE,
  movies: MOVIES,
  people,
});
const onFile = createRecommender(await loadModel(fileModelReader(dir), { open: fileRangeOpener(dir) }));
const inMemory = createRecommender(await loadModel(fileModelReader(dir)));
const loaded = await loadModel(fileModelReader(dir));
const size = loaded.catalog.size;
// taste profiles are made of movies people rate: the ones with collaborative lists, when there are any
const rated = loaded.collab
  ? Int32Array.from({ length: size }, (_, i) => i).filter((i) => loaded.collab!.likes[i]! > 0)
  : Int32Array.from({ length: size }, (_, i) => i);

let state = 12345;
const pick = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state % size;
};
const lookups = Array.from({ length: LOOKUPS }, pick);
const tastes = Array.from({ length: TASTES }, () =>
  Array.from({ length: 10 }, () => rated[pick() % rated.length]!),
);

const results = new Map<string, { p50: number[]; p99: number[] }>();
const record = (name: string, r: { p50: number; p99: number }) => {
  const row = results.get(name) ?? { p50: [], p99: [] };
  row.p50.push(r.p50);
  row.p99.push(r.p99);
  results.set(name, row);
};
const targets: [string, Recommender][] = [
  ['neighbours read from the file (served)', onFile],
  ['neighbours in memory (anchor)', inMemory],
];
for (const [, rec] of targets) rec.taste({ liked: tastes[0]! }, { limit: 10 }); // lazy indexes, once
const load0 = loadavg()[0]!;
for (let run = 0; run < RUNS; run++) {
  for (const [name, rec] of targets) {
    record(
      `similar lookup, ${name}`,
      timeCalls(LOOKUPS, (q) => rec.similar(lookups[q]!, { limit: 10 })),
    );
    record(
      `taste of 10, ${name}`,
      timeCalls(TASTES, (q) => rec.taste({ liked: tastes[q]! }, { limit: 10 })),
    );
  }
}
const fmt = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms.toFixed(1));
console.log(
  `served lookups on a SYNTHETIC ${size.toLocaleString('en-US')}-movie model folder` +
    (loaded.collab
      ? ` with collaborative lists for ${rated.length.toLocaleString('en-US')} (tastes drawn from them)`
      : '') +
    `; ${machine()}; ` +
    `load average ${load0.toFixed(1)} → ${loadavg()[0]!.toFixed(1)}; medians of ${RUNS} runs`,
);
console.log(
  table(
    ['measure', 'p50 ms', 'p99 ms', 'anchor (issue 4)'],
    [...results].map(([name, r]) => [
      name,
      fmt(median(r.p50)),
      fmt(median(r.p99)),
      name.startsWith('similar') ? '≤ 0.1 ms' : '≤ 20 ms p99',
    ]),
  ),
);

const p99Of = (name: string) => median(results.get(name)!.p99);
writeRows(
  args,
  ['similar lookup', 'taste of 10'].map((what) => ({
    bench: 'served lookup',
    case: `${size.toLocaleString('en-US')} synthetic movies (model folder): ${what}, neighbours read from the file`,
    metric: 'p99 ms',
    kinema: p99Of(`${what}, ${targets[0]![0]}`),
    anchor: 'neighbour lists in memory (the old way)',
    anchorValue: p99Of(`${what}, ${targets[1]![0]}`),
    runs: RUNS,
  })),
);
