/**
 * Recommender benchmark on a SYNTHETIC full-scale model built in memory (seeded): the kinema feature
 * layout (28 multi-hot genres + year, runtime, Bayesian rating, log votes, scaled and weighted as the
 * build does), k-means clusters, Zipf-distributed directors/writers/cast and ~4% sequels. Measured, in
 * one run, against the anchors (lookup ≤ 0.1 ms, taste of 10 ≤ 20 ms p99, precompute in minutes):
 *   - similar-list lookup from precomputed neighbours (limit 10, with explanations), p50/p99
 *   - the live IVF similar list (no precompute) for comparison
 *   - taste profile of 10 liked movies, p50/p99
 *   - neighbour precomputation: time, memory, and recall@10 against an exact full scan of sampled movies
 *
 *   node --import tsx bench/recommend.ts [--size 700000] [--n 50] [--queries 2000] [--threads 2] [--exact 200]
 *     [--json FILE] (rows for bench/run.ts)
 */
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createRecommender, computeNeighbours } from '../src/core/recommend/index.ts';
import { createSimilarity } from '../src/core/recommend/similarity.ts';
import { TopN } from '../src/core/top-n.ts';
import { neighboursInMemory } from '../src/core/neighbour-lists.ts';
import { syntheticModel } from './recommend-model.ts';
import { computeNeighboursThreaded } from '../src/pipeline/neighbours-threads.ts';
import { machine, table, writeRows, numberArg, rng, timeCalls } from './_run.ts';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => numberArg(args, name, fallback);
const SIZE = arg('size', 700_000);
const N = arg('n', 50);
const QUERIES = arg('queries', 2000);
const EXACT = arg('exact', 200);
const THREADS = arg('threads', 2);

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const fmt = (ms: number) => (ms < 1 ? ms.toFixed(3) : ms.toFixed(1));

console.log(
  `load average at start: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} (2 cores shared with other work)`,
);
console.log(
  `recommender bench: SYNTHETIC model of ${SIZE.toLocaleString('en-US')} movies, N=${N}; ${machine()}`,
);
let t = performance.now();
const model = syntheticModel(SIZE);
console.log(`synthetic model built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
const r = rng(99);
const pick = () => Math.floor(r() * SIZE);

// live recommender first (no neighbours): lazy indexes built once, outside the timings
t = performance.now();
process.stderr.write('  live recommender…\n');
const live = createRecommender(model);
live.similar(0, { limit: 10 });
const warm = (performance.now() - t) / 1000;
const liveSimilar = timeCalls(Math.min(QUERIES, 100), () => live.similar(pick(), { limit: 10 }));

gc();
const before = process.memoryUsage();
t = performance.now();
const cpu0 = process.cpuUsage();
let peakRss = before.rss;
let lastLog = 0;
const progress = (done: number, total: number) => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (performance.now() - lastLog > 30_000) {
    lastLog = performance.now();
    process.stderr.write(`  precompute ${done}/${total} after ${((lastLog - t) / 1000).toFixed(0)} s\n`);
  }
};
const nb =
  THREADS > 1
    ? await computeNeighboursThreaded(model, { n: N, onProgress: progress }, THREADS)
    : computeNeighbours(model, { n: N, onProgress: progress });
const precomputeS = (performance.now() - t) / 1000;
const cpu1 = process.cpuUsage(cpu0);
const precomputeCpuS = (cpu1.user + cpu1.system) / 1e6;
const after = process.memoryUsage();

// recall@10 of the precomputed lists against an exact scan of every movie, on sampled movies
const sim = createSimilarity(model);
let hits = 0;
t = performance.now();
const exactTop = new TopN(10);
for (let q = 0; q < EXACT; q++) {
  const a = pick();
  exactTop.clear();
  for (let b = 0; b < SIZE; b++) if (b !== a) exactTop.push(b, sim.score(a, b));
  const exact = new Set(exactTop.sorted().index);
  for (let j = 0; j < 10; j++) if (exact.has(nb.index[a * N + j]!)) hits++;
}
const exactPerMovieMs = (performance.now() - t) / EXACT;
const recall = hits / (EXACT * 10);

process.stderr.write('  lookups and taste…\n');
const served = createRecommender({ ...model, neighbours: neighboursInMemory(N, nb.index, nb.score) });
served.similar(0, { limit: 10 });
const lookup = timeCalls(QUERIES * 5, () => served.similar(pick(), { limit: 10 }));
const tasteQueries = Array.from({ length: Math.min(QUERIES, 500) }, () => Array.from({ length: 10 }, pick));
const tasteServed = timeCalls(tasteQueries.length, (q) =>
  served.taste({ liked: tasteQueries[q]! }, { limit: 10 }),
);
const tasteLive = timeCalls(Math.min(100, tasteQueries.length), (q) =>
  live.taste({ liked: tasteQueries[q]! }, { limit: 10 }),
);

console.log(`\nlazy people + franchise indexes: ${warm.toFixed(1)} s on first use`);
console.log(
  table(
    ['measure', 'kinema p50', 'kinema p99', 'anchor (issue 4)', 'p99 / anchor'],
    [
      [
        'similar, precomputed lookup (ms)',
        fmt(lookup.p50),
        fmt(lookup.p99),
        '≤ 0.1',
        (lookup.p99 / 0.1).toFixed(2),
      ],
      ['similar, live IVF, no precompute (ms)', fmt(liveSimilar.p50), fmt(liveSimilar.p99), '—', '—'],
      [
        'taste of 10 liked, with neighbours (ms)',
        fmt(tasteServed.p50),
        fmt(tasteServed.p99),
        '≤ 20',
        (tasteServed.p99 / 20).toFixed(2),
      ],
      [
        'taste of 10 liked, live (ms)',
        fmt(tasteLive.p50),
        fmt(tasteLive.p99),
        '≤ 20',
        (tasteLive.p99 / 20).toFixed(2),
      ],
    ],
  ),
);
const exactTotal = (exactPerMovieMs * SIZE) / 1000;
console.log(
  `\nprecompute top-${N} for ${SIZE.toLocaleString('en-US')} movies: ${precomputeS.toFixed(1)} s wall, ${precomputeCpuS.toFixed(1)} s CPU (${THREADS} thread${THREADS > 1 ? 's' : ''}), ` +
    `recall@10 vs exact ${(recall * 100).toFixed(1)}% on ${EXACT} sampled movies; an exact full scan would take ` +
    `≈ ${(exactTotal / 60).toFixed(0)} min (${exactPerMovieMs.toFixed(0)} ms per movie), ${(exactTotal / precomputeS).toFixed(0)}× longer`,
);
console.log(
  `memory: outputs ${mb(nb.index.byteLength + nb.score.byteLength)}; RSS ${mb(before.rss)} → peak ${mb(peakRss)} → ${mb(after.rss)}; ` +
    `heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}`,
);
console.log(
  `load average at end: ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}`,
);

const synthetic = `${SIZE.toLocaleString('en-US')} synthetic movies`;
const rssMb = peakRss / 2 ** 20;
const latency = (what: string, t: { p99: number }, runs: number, goal?: number) => ({
  bench: 'recommender',
  case: `${synthetic}: ${what}`,
  metric: 'p99 ms',
  kinema: t.p99,
  anchor: goal === undefined ? '' : `goal ≤ ${goal} ms (issue 4)`,
  anchorValue: goal,
  runs,
});
writeRows(args, [
  latency('similar, precomputed lookup (limit 10)', lookup, QUERIES * 5, 0.1),
  latency('similar, live IVF (no precompute)', liveSimilar, Math.min(QUERIES, 100)),
  latency('taste of 10 liked, with neighbours', tasteServed, tasteQueries.length, 20),
  latency('taste of 10 liked, live', tasteLive, Math.min(100, tasteQueries.length), 20),
  {
    bench: 'recommender',
    case: `${synthetic}: precompute top-${N} on ${THREADS} thread(s), recall@10 ${(recall * 100).toFixed(1)}%`,
    metric: 'wall s',
    kinema: precomputeS,
    anchor: `exact scan (extrapolated from ${EXACT} movies)`,
    anchorValue: exactTotal,
    kinemaRssMb: rssMb,
    runs: 1,
  },
]);
