/**
 * The three TMDB figures of issue 19, against a mock TMDB on 127.0.0.1 (test/server/tmdb/_mock-tmdb.ts):
 *
 *   node --import tsx bench/tmdb.ts [--model DIR] [--pages 300] [--runs 5] [--cold 40] [--prefetch 1000]
 *       [--rate 50] [--json FILE]
 *
 * 1. Movie pages, in-process (app.request), with every movie's details cached vs the app without TMDB
 *    ("today"), with the response cache on (default) and off (every page rendered): p50 and p99 of
 *    `--pages` popular movie pages, medians of `--runs` interleaved runs. Goal: p99 within 10 %.
 * 2. Cold pages with TMDB answering in 2 s: each of `--cold` movie pages is a first view with nothing
 *    cached. Goal: ≤ 50 ms, generated posters (the fetches finish in the background).
 * 3. `kinema tmdb prefetch` of `--prefetch` movies (prefetchTmdb, the command's loop) against a mock
 *    that allows `--rate` requests a second and answers 429 beyond: wall time against the least the
 *    limit allows, and the requests it refused. Movies get their real TMDB ids from MovieLens links.csv
 *    when /work/shared/data has it, made-up ones otherwise (TMDB has nearly every IMDb film).
 * Without --model it serves the real IMDb sample's model if bench/results/tmdb-model exists, else the
 * 16-movie test fixture.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { memoryLogger } from '../src/core/log.ts';
import { loadServedModel } from '../src/runtime/model-watch.ts';
import { popularIds } from '../src/runtime/static-export.ts';
import { diskTmdbStore } from '../src/runtime/tmdb-disk-cache.ts';
import { prefetchTmdb } from '../src/runtime/tmdb-prefetch.ts';
import { createApp } from '../src/server/app.ts';
import type { LoadedModel } from '../src/server/loaded-model.ts';
import { createTmdbClient } from '../src/server/tmdb/client.ts';
import { parseMovie, type CacheEntry } from '../src/server/tmdb/details.ts';
import { createTmdbProvider, type TmdbStore } from '../src/server/tmdb/provider.ts';
import { movieJson, startMockTmdb } from '../test/server/tmdb/_mock-tmdb.ts';
import { writeFixtureModel } from '../test/helpers/fixture-model.ts';
import { machine, median, numberArg, table, writeRows, type ResultRow } from './_run.ts';

const argv = process.argv.slice(2);
const modelArg = argv.includes('--model') ? argv[argv.indexOf('--model') + 1] : undefined;
const PAGES = numberArg(argv, 'pages', 300);
const RUNS = numberArg(argv, 'runs', 5);
const COLD = numberArg(argv, 'cold', 40);
const PREFETCH = numberArg(argv, 'prefetch', 1000);
const RATE = numberArg(argv, 'rate', 50);
const LINKS = '/work/shared/data/movielens/links.csv';
const rows: ResultRow[] = [];
const log = memoryLogger();

const modelDir = modelArg ?? pickModel();
const served = await loadServedModel(modelDir);
console.error(`# tmdb bench: ${machine()}\nmodel: ${modelDir} (${served.model.catalog.size} movies)\n`);
await pageLatency(served);
await coldPages(served);
await prefetchRate(served);
writeRows(argv, rows);

// --- 1. cached details: p99 against today's -------------------------------------------------------

async function pageLatency(served: LoadedModel): Promise<void> {
  const ids = popularIds(served, PAGES);
  // every movie of the catalog cached, as TMDB would answer it (what a prefetch leaves on disk)
  const files = new Map<string, CacheEntry>();
  for (let i = 0; i < served.model.catalog.size; i++) {
    const id = served.model.catalog.id.get(i);
    const details = parseMovie(movieJson({ imdb: id, tmdb: i + 1, poster: `/p${i + 1}.jpg` }), 'US');
    files.set(id, { v: 1, id, fetchedAt: Date.now(), status: 'found', details });
  }
  const store: TmdbStore = {
    get: async (id) => files.get(id),
    put: async (e) => void files.set(e.id, e),
    entries: async function* () {
      yield* files.values();
    },
  };
  const tmdb = createTmdbProvider({ store, log, memoryEntries: files.size });
  await tmdb.warm();
  // two copies of the model: each app has its own response cache, so both can run interleaved
  const twin = await loadServedModel(modelDir);
  const out: (string | number)[][] = [];
  for (const [cacheName, cache] of [
    ['response cache on', 32 * 1024 * 1024],
    ['off (rendered)', 0],
  ] as const) {
    const p99: Record<string, number[]> = { today: [], 'tmdb cached': [] };
    const p50: Record<string, number[]> = { today: [], 'tmdb cached': [] };
    for (let run = 0; run < RUNS; run++) {
      served.responses.clear();
      twin.responses.clear();
      const apps = { today: app(served, undefined, cache), 'tmdb cached': app(twin, tmdb, cache) };
      const ms: Record<string, number[]> = { today: [], 'tmdb cached': [] };
      // request by request, alternating which goes first, so both meet the same machine noise
      for (let k = 0; k < 4; k++)
        for (const [n, id] of ids.entries()) {
          const names =
            (n + k) % 2 ? (['today', 'tmdb cached'] as const) : (['tmdb cached', 'today'] as const);
          for (const name of names) {
            const t = performance.now();
            const res = await apps[name].request(`/movie/${id}`, { headers: { accept: 'text/html' } });
            await res.arrayBuffer();
            if (k > 0) ms[name]!.push(performance.now() - t); // pass 0 warms up (and fills the caches)
          }
        }
      for (const name of ['today', 'tmdb cached'] as const) {
        const sorted = ms[name]!.sort((x, y) => x - y);
        p50[name]!.push(median(sorted));
        p99[name]!.push(sorted[Math.floor(sorted.length * 0.99)]!);
      }
    }
    const [t99, c99] = [median(p99['today']!), median(p99['tmdb cached']!)];
    out.push([
      cacheName,
      fmt(median(p50['today']!)),
      fmt(t99),
      fmt(median(p50['tmdb cached']!)),
      fmt(c99),
      (c99 / t99).toFixed(2),
    ]);
    rows.push({
      bench: 'tmdb',
      case: `movie page, details cached, ${cacheName}`,
      metric: 'p99 ms (lower is better)',
      kinema: c99,
      anchor: 'no TMDB (goal: within 10 %)',
      anchorValue: t99,
      runs: RUNS,
    });
  }
  console.error(
    `movie pages, ${ids.length} popular × 3 per run (interleaved request by request), medians of ${RUNS} runs (ms)\n` +
      table(['responses', 'today p50', 'today p99', 'tmdb p50', 'tmdb p99', 'p99 ratio'], out),
  );
}

// --- 2. cold pages with TMDB at 2 s ---------------------------------------------------------------

async function coldPages(served: LoadedModel): Promise<void> {
  const ids = popularIds(served, COLD + 100).slice(100);
  const mock = await startMockTmdb({ movies: [], latencyMs: 2000 });
  const tmdb = createTmdbProvider({
    store: diskTmdbStore(mkdtempSync(join(tmpdir(), 'kinema-bench-tmdb-'))),
    client: createTmdbClient({ key: mock.key, api: mock.url, fetch, timeoutMs: 3000 }),
    log,
  });
  served.responses.clear();
  const a = app(served, tmdb, 32 * 1024 * 1024);
  await a.request(`/movie/${popularIds(served, 1)[0]}`); // JIT warm-up (not counted)
  const ms: number[] = [];
  let generated = 0;
  for (const id of ids) {
    const t = performance.now();
    const html = await (await a.request(`/movie/${id}`, { headers: { accept: 'text/html' } })).text();
    ms.push(performance.now() - t);
    if (html.includes(`<img class="poster" src="/poster/${id}.svg"`)) generated++;
  }
  ms.sort((x, y) => x - y);
  const max = ms.at(-1)!;
  console.error(
    `\ncold movie pages, TMDB answering in 2 s: ${ids.length} first views, ${generated} with generated posters\n` +
      table(
        ['p50 ms', 'p99 ms', 'max ms', 'TMDB requests sent meanwhile'],
        [[fmt(median(ms)), fmt(ms[Math.floor(ms.length * 0.99)]!), fmt(max), mock.requests.length]],
      ),
  );
  rows.push({
    bench: 'tmdb',
    case: 'cold movie page, TMDB answering in 2 s',
    metric: 'max ms (lower is better)',
    kinema: max,
    anchor: 'goal ≤ 50 ms',
    anchorValue: 50,
    runs: ids.length,
  });
  // the queued fetches (2 s each) are abandoned with the mock, not waited for
  await mock.close();
}

// --- 3. prefetch at the mock's rate limit ---------------------------------------------------------

async function prefetchRate(served: LoadedModel): Promise<void> {
  const ids = popularIds(served, PREFETCH);
  const known = tmdbIds();
  // TMDB has nearly every IMDb film: its real id where MovieLens links one, a made-up one otherwise
  const movies = ids.map((id, i) => {
    const tmdb = known?.get(id) ?? 10_000_000 + i;
    return { imdb: id, tmdb, poster: `/p${tmdb}.jpg` };
  });
  const mock = await startMockTmdb({ movies, limit: { budget: RATE, windowMs: 1000 } });
  const tmdb = createTmdbProvider({
    store: diskTmdbStore(mkdtempSync(join(tmpdir(), 'kinema-bench-prefetch-'))),
    client: createTmdbClient({ key: mock.key, api: mock.url, fetch }),
    log,
    limits: { budget: RATE, windowMs: 1000, concurrency: 8 },
  });
  const report = await prefetchTmdb(tmdb, ids, { workers: 16 });
  const requests = mock.requests.length;
  // the first RATE requests go at once; each later RATE need one more window
  const least = Math.max(0, Math.ceil(requests / RATE) - 1) * 1000;
  console.error(
    `\nprefetch of ${ids.length} movies against a mock allowing ${RATE} requests/s (429 beyond)\n` +
      table(
        [
          'movies',
          'fetched',
          'not on TMDB',
          'failed',
          'requests',
          'wall s',
          'least the limit allows s',
          'ratio',
          'over the limit',
        ],
        [
          [
            ids.length,
            report.fetched,
            report.absent,
            report.failed,
            requests,
            (report.ms / 1000).toFixed(2),
            (least / 1000).toFixed(2),
            (report.ms / least).toFixed(3),
            mock.over,
          ],
        ],
      ),
  );
  rows.push({
    bench: 'tmdb',
    case: `prefetch ${ids.length} movies at ${RATE} requests/s`,
    metric: 'wall s (lower is better)',
    kinema: report.ms / 1000,
    anchor: `least the limit allows (${mock.over} over it)`,
    anchorValue: least / 1000,
    runs: 1,
  });
  await mock.close();
}

// --- helpers ---------------------------------------------------------------------------------------

function app(served: LoadedModel, tmdb: ReturnType<typeof createTmdbProvider> | undefined, cache: number) {
  return createApp({
    getModel: () => served,
    log,
    tmdb,
    config: { accessLog: false, rateLimit: { max: 0, windowMs: 60_000 }, responseCacheBytes: cache },
  });
}

function pickModel(): string {
  const real = resolve(import.meta.dirname, 'results/tmdb-model');
  if (existsSync(join(real, 'manifest.json'))) return real;
  const dir = join(mkdtempSync(join(tmpdir(), 'kinema-bench-fixture-')), 'model');
  writeFixtureModel(dir);
  return dir;
}

/** tt id → TMDB id from MovieLens links.csv (movieId,imdbId,tmdbId), when the shared data is here. */
function tmdbIds(): Map<string, number> | undefined {
  if (!existsSync(LINKS)) return undefined;
  const out = new Map<string, number>();
  for (const line of readFileSync(LINKS, 'utf8').split('\n').slice(1)) {
    const [, imdb, tmdb] = line.trim().split(',');
    if (imdb && tmdb && /^\d+$/.test(tmdb)) out.set(`tt${imdb.padStart(7, '0')}`, Number(tmdb));
  }
  return out;
}

function fmt(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(1);
}
