/**
 * Person page benchmark, in process: GET /person/:id (HTML) and GET /api/people/:id through the app
 * (createApp → app.request, response cache off so every request renders) on the SYNTHETIC 700k-movie
 * model of bench/recommend-model.ts. people.bin goes through its real encoding (filmography and name
 * index included) as a build writes it. The model's "more like this" neighbour lists are SYNTHETIC too
 * (50 random rows of the same cluster a movie, made here in seconds instead of the build's ~14 min):
 * a page reads them exactly as it reads real ones, so the cost is the same; their content is not.
 * Budget (issue 15): person page p99 ≤ 5 ms.
 *
 *   node --import tsx bench/person.ts [--size 700000] [--queries 500] [--json FILE]
 */
import { loadavg } from 'node:os';
import { StringColumn } from '../src/core/columns.ts';
import { memoryLogger } from '../src/core/log.ts';
import { decodePeopleFile, encodePeople } from '../src/core/model-binary.ts';
import { neighboursInMemory } from '../src/core/neighbour-lists.ts';
import { buildPeopleIndex } from '../src/core/recommend/people-index.ts';
import { createApp } from '../src/server/app.ts';
import { prepareModel } from '../src/server/loaded-model.ts';
import { syntheticModel } from './recommend-model.ts';
import { machine, numberArg, rng, table, timeCalls, writeRows, type ResultRow } from './_run.ts';

const args = process.argv.slice(2);
const SIZE = numberArg(args, 'size', 700_000);
const QUERIES = numberArg(args, 'queries', 500);
const N = 50;

const t0 = performance.now();
const model = syntheticModel(SIZE);
const people = model.people!;
// the synthetic ids are "nm123": give them the real shape, in the same (numeric) order
const persons = people.id.length;
people.id = StringColumn.from(
  Array.from({ length: persons }, (_, p) => `nm${String(p + 1).padStart(7, '0')}`),
);
const encodeStart = performance.now();
const bytes = encodePeople(people, buildPeopleIndex(people, SIZE), model.catalog);
const encodeMs = performance.now() - encodeStart;
const decoded = decodePeopleFile(bytes, SIZE);
model.people = decoded.people;
model.peopleIndex = decoded.index;
model.neighbours = syntheticNeighbours(model.catalog.cluster, SIZE, 11);
const served = prepareModel(model);
const app = createApp({
  getModel: () => served,
  log: memoryLogger(),
  config: { accessLog: false, responseCacheBytes: 0, rateLimit: { max: 0, windowMs: 60_000 } },
});
const readyS = (performance.now() - t0) / 1000;

// people with films, drawn with a bias to the prolific (popular pages are visited more)
const films = decoded.people.filmography!;
const withFilms: number[] = [];
for (let p = 0; p < persons; p++) if (films.offsets[p + 1]! > films.offsets[p]!) withFilms.push(p);
withFilms.sort(
  (a, b) => films.offsets[b + 1]! - films.offsets[b]! - (films.offsets[a + 1]! - films.offsets[a]!),
);
const rand = rng(5);
const picks = Array.from({ length: QUERIES }, () => withFilms[Math.floor(rand() ** 2 * withFilms.length)]!);
const idOf = (p: number) => decoded.people.id.get(p);
const longest = films.offsets[withFilms[0]! + 1]! - films.offsets[withFilms[0]!]!;

async function timeRoute(path: (p: number) => string, accept: string) {
  for (const p of picks.slice(0, 50)) await (await app.request(path(p), { headers: { accept } })).text();
  const ms: number[] = [];
  for (const p of picks) {
    const t = performance.now();
    const res = await app.request(path(p), { headers: { accept } });
    await res.text();
    if (res.status !== 200) throw new Error(`${path(p)}: ${res.status}`);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(ms.length / 2)]!, p99: ms[Math.floor(ms.length * 0.99)]!, max: ms.at(-1)! };
}

const load = loadavg()
  .map((x) => x.toFixed(1))
  .join(' ');
const page = await timeRoute((p) => `/person/${idOf(p)}`, 'text/html');
const api = await timeRoute((p) => `/api/people/${idOf(p)}`, 'application/json');
const search = (() => {
  const names = picks.slice(0, QUERIES).map((p) => decoded.people.name.get(p).split(' ').at(-1)!);
  return timeCalls(names.length, (q) => {
    served.search.search(names[q]!, 10);
  });
})();

const f = (x: number) => x.toFixed(3);
console.log(
  [
    `${machine()}; load average at start ${load}`,
    `synthetic model: ${SIZE.toLocaleString('en-US')} movies, ${persons.toLocaleString('en-US')} people (the most prolific in ${longest} films), ready in ${readyS.toFixed(1)} s; people.bin ${(bytes.length / 2 ** 20).toFixed(0)} MB, encoded in ${(encodeMs / 1000).toFixed(1)} s`,
    '',
    table(
      ['route (in process, response cache off)', 'p50 ms', 'p99 ms', 'max ms', 'budget'],
      [
        [`GET /person/:id (HTML), ${QUERIES} people`, f(page.p50), f(page.p99), f(page.max), 'p99 ≤ 5 ms'],
        [`GET /api/people/:id, ${QUERIES} people`, f(api.p50), f(api.p99), f(api.max), '—'],
        [`title search of a surname (search() alone)`, f(search.p50), f(search.p99), '—', '—'],
      ],
    ),
  ].join('\n'),
);
const rows: ResultRow[] = [
  {
    bench: 'person page',
    case: `GET /person/:id, ${SIZE} synthetic movies`,
    metric: 'p99 ms',
    kinema: page.p99,
    anchor: '',
    runs: QUERIES,
  },
  {
    bench: 'person page',
    case: `GET /api/people/:id, ${SIZE} synthetic movies`,
    metric: 'p99 ms',
    kinema: api.p99,
    anchor: '',
    runs: QUERIES,
  },
];
writeRows(args, rows);

/** n rows of the movie's own cluster per movie, best "score" first: SYNTHETIC lists of the real shape. */
function syntheticNeighbours(cluster: Int32Array, size: number, seed: number) {
  const r = rng(seed);
  const members = new Map<number, number[]>();
  for (let i = 0; i < size; i++) {
    const c = cluster[i]!;
    if (!members.has(c)) members.set(c, []);
    members.get(c)!.push(i);
  }
  const index = new Int32Array(size * N);
  const score = new Float32Array(size * N);
  for (let i = 0; i < size; i++) {
    const list = members.get(cluster[i]!)!;
    for (let j = 0; j < N; j++) {
      index[i * N + j] = list[Math.floor(r() * list.length)]!;
      score[i * N + j] = 1 - j / N;
    }
  }
  return neighboursInMemory(N, index, score);
}
