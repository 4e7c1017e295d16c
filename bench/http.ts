/**
 * HTTP benchmark of the site's API on 127.0.0.1: /api similar and search, requests/s and p99 at 10 and
 * 100 connections, side by side with a bare node:http server answering a fixed JSON body of the same
 * size (the anchor), in the same run. Also: server RSS with the model loaded, home page weight, and
 * autocomplete server time over the whole catalog.
 *
 *   node --import tsx bench/http.ts [--model DIR] [--seconds 3] [--repeats 3] [--json FILE] (rows for bench/run.ts)
 *
 * Servers run in a child process (kinema and the bare servers together); autocannon drives them from
 * this process. "cached" is the default app (repeated URLs come from its per-model response cache);
 * "computed" is the same app with the cache off, so every request runs the recommender or search. The machine has 2 shared cores, so the load generator competes with the server: read
 * the ratios, not the absolute numbers. About 2.5 minutes in total.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { memoryLogger } from '../src/core/log.ts';
import { loadServedModel } from '../src/runtime/model-watch.ts';
import { startServer } from '../src/runtime/node.ts';
import { createApp } from '../src/server/app.ts';
import { machine, median, table, writeRows, type ResultRow } from './_run.ts';

interface Endpoints {
  kinema: string;
  /** The same app with its response cache off: every request computes. */
  uncached: string;
  bare: Record<string, string>;
  paths: Record<string, string>;
  bytes: Record<string, number>;
  rssMb: number;
  movies: number;
}

type Autocannon = (opts: { url: string; connections: number; duration: number }) => Promise<{
  requests: { average: number };
  latency: { p99: number; p50: number };
  non2xx: number;
  errors: number;
}>;

const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

const json: ResultRow[] = [];

if (args[0] === '--child') await child(args[1]!);
else await parent();

async function parent(): Promise<void> {
  const seconds = Number(arg('seconds') ?? 3);
  const repeats = Number(arg('repeats') ?? 3);
  const modelDir = await pickModel();
  const proc = fork(import.meta.filename, ['--child', modelDir], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const ep = await new Promise<Endpoints>((ok, fail) => {
    proc.once('message', (m) => ok(m as Endpoints));
    proc.once('exit', (code) => fail(new Error(`server child exited with ${code}`)));
  });
  try {
    const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
    console.log(
      `# http bench: ${machine()}\nmodel: ${modelDir} (${ep.movies} movies); medians of ${repeats} interleaved ${seconds} s runs\n`,
    );
    const rows: (string | number)[][] = [];
    for (const route of ['similar', 'search']) {
      for (const connections of [10, 100]) {
        const targets = {
          bare: ep.bare[route]!,
          cached: ep.kinema + ep.paths[route]!,
          computed: ep.uncached + ep.paths[route]!,
        };
        const rps: Record<string, number[]> = { bare: [], cached: [], computed: [] };
        const p99: Record<string, number[]> = { bare: [], cached: [], computed: [] };
        for (const url of Object.values(targets)) await autocannon({ url, connections, duration: 1 }); // warm-up
        // interleaved repeats, so a burst of load from other jobs hits every target alike
        for (let r = 0; r < repeats; r++) {
          for (const [name, url] of Object.entries(targets)) {
            const res = await autocannon({ url, connections, duration: seconds });
            if (res.non2xx || res.errors)
              throw new Error(`${url}: ${res.non2xx} non-2xx, ${res.errors} errors`);
            rps[name]!.push(res.requests.average);
            p99[name]!.push(res.latency.p99);
          }
        }
        const bare = median(rps['bare']!);
        for (const name of ['cached', 'computed']) {
          rows.push([
            `${route} (${ep.bytes[route]} B)`,
            name,
            connections,
            Math.round(median(rps[name]!)),
            median(p99[name]!),
            Math.round(bare),
            median(p99['bare']!),
            (median(rps[name]!) / bare).toFixed(2),
          ]);
          json.push({
            bench: 'http',
            case: `${route} (${ep.bytes[route]} B), ${name}, ${connections} connections; p99 ${median(p99[name]!)} ms vs ${median(p99['bare']!)} ms`,
            metric: 'req/s (higher is better)',
            kinema: median(rps[name]!),
            anchor: 'bare node:http, same body size',
            anchorValue: bare,
            kinemaRssMb: ep.rssMb,
            runs: repeats,
          });
        }
      }
    }
    console.log(
      table(
        ['route', 'kinema', 'conns', 'kinema req/s', 'kinema p99 ms', 'bare req/s', 'bare p99 ms', 'ratio'],
        rows,
      ),
    );
    console.log(`\nserver RSS with the model loaded: ${ep.rssMb.toFixed(0)} MB`);
    const weight = await pageWeight(ep.kinema);
    console.log(
      `home page weight before images: ${(weight.total / 1024).toFixed(1)} KB (html ${(weight.html / 1024).toFixed(1)} KB, css+js ${((weight.total - weight.html) / 1024).toFixed(1)} KB, uncompressed)`,
    );
  } finally {
    proc.kill('SIGTERM');
  }
  await autocompleteTime(modelDir);
  writeRows(args, json);
}

/** Server-side time of /api/search as autocomplete calls it: every prefix of popular titles. */
async function autocompleteTime(modelDir: string): Promise<void> {
  const served = await loadServedModel(modelDir);
  const app = createApp({
    getModel: () => served,
    log: memoryLogger(),
    config: { accessLog: false, rateLimit: { max: 0, windowMs: 1 } },
  });
  const titles = served.recommender.popular({ limit: 200 }).map((i) => served.model.catalog.title.get(i));
  const queries = titles.flatMap((t) =>
    Array.from({ length: Math.min(t.length, 12) - 1 }, (_, n) => t.slice(0, n + 2)),
  );
  const searchOnly: number[] = [];
  const route: number[] = [];
  for (const q of queries.slice(0, 200)) {
    // warm-up: JIT both paths, so the figures describe a running server
    served.search.search(q, 8);
    await (await app.request(`/api/search?q=${encodeURIComponent(q)}&limit=8&w`)).arrayBuffer();
  }
  for (const q of queries) {
    let t = performance.now();
    served.search.search(q, 8);
    searchOnly.push(performance.now() - t);
    t = performance.now();
    await (await app.request(`/api/search?q=${encodeURIComponent(q)}&limit=8`)).arrayBuffer();
    route.push(performance.now() - t);
  }
  const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]!;
  json.push({
    bench: 'http',
    case: `/api/search in-process, ${queries.length} typed prefixes over ${served.model.catalog.size} movies`,
    metric: 'p99 ms',
    kinema: p99(route),
    anchor: '',
    runs: queries.length,
  });
  console.log(
    `autocomplete over ${served.model.catalog.size} movies, ${queries.length} prefixes: search() p50 ${median(searchOnly).toFixed(2)} ms, p99 ${p99(searchOnly).toFixed(2)} ms; ` +
      `whole route in-process p50 ${median(route).toFixed(2)} ms, p99 ${p99(route).toFixed(2)} ms`,
  );
}

async function pageWeight(base: string): Promise<{ html: number; total: number }> {
  const size = async (path: string) => (await (await fetch(base + path)).arrayBuffer()).byteLength;
  const html = await size('/');
  return { html, total: html + (await size('/assets/app.css')) + (await size('/assets/app.js')) };
}

async function pickModel(): Promise<string> {
  const given = arg('model') ?? (existsSync('model/manifest.json') ? 'model' : undefined);
  if (given) return resolve(given);
  const { writeFixtureModel } = await import('../test/helpers/fixture-model.ts');
  const dir = join(mkdtempSync(join(tmpdir(), 'kinema-bench-')), 'model');
  writeFixtureModel(dir);
  console.log('no --model and no ./model: using the 16-movie test fixture (figures are not representative)');
  return dir;
}

/** Child: kinema on a free port plus bare servers whose bodies have the same sizes as kinema's answers. */
async function child(modelDir: string): Promise<void> {
  const server = await startServer({
    modelDir,
    port: 0,
    log: memoryLogger(),
    handleSignals: false,
    // the limiter stays on (its cost is part of the figure) with a budget the load cannot exhaust
    config: { accessLog: false, rateLimit: { max: 1e9, windowMs: 60_000 } },
  });
  const uncached = await startServer({
    modelDir,
    port: 0,
    log: memoryLogger(),
    handleSignals: false,
    config: { accessLog: false, rateLimit: { max: 1e9, windowMs: 60_000 }, responseCacheBytes: 0 },
  });
  const health = (await (await fetch(`${server.url}/healthz`)).json()) as { movies: number };
  const popular = (await (await fetch(`${server.url}/api/lists/popular?limit=1`)).json()) as {
    items: { id: string; title: string }[];
  };
  const top = popular.items[0]!;
  const paths = {
    similar: `/api/movies/${top.id}/similar?limit=12`,
    search: `/api/search?q=${encodeURIComponent(top.title.slice(0, 4).toLowerCase())}&limit=8`,
  };
  const bare: Record<string, string> = {};
  const bytes: Record<string, number> = {};
  for (const [route, path] of Object.entries(paths)) {
    const body = await (await fetch(server.url + path)).text();
    bytes[route] = Buffer.byteLength(body);
    const fixed = JSON.stringify({ pad: 'x'.repeat(Math.max(0, bytes[route] - 10)) });
    const http = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(fixed);
    });
    await new Promise<void>((ok) => http.listen(0, '127.0.0.1', ok));
    const address = http.address() as { port: number };
    bare[route] = `http://127.0.0.1:${address.port}/`;
  }
  const endpoints: Endpoints = {
    kinema: server.url,
    uncached: uncached.url,
    bare,
    paths,
    bytes,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    movies: health.movies,
  };
  (process as ChildProcess & NodeJS.Process).send?.(endpoints);
  process.on(
    'SIGTERM',
    () => void Promise.all([server.close(), uncached.close()]).then(() => process.exit(0)),
  );
}
