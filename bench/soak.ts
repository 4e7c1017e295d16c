/**
 * Soak (issue 8): the real Node server (startServer, as `kinema serve` runs it) on 127.0.0.1 under steady
 * load for --seconds (default 300), with model hot swaps in between, reporting total and failed requests
 * (connection errors, timeouts, any status but 2xx/304), swaps written and swaps the server picked up,
 * and the server's RSS at start, during and at the end.
 *
 *   node --import tsx bench/soak.ts [--seconds 300] [--rate 400] [--connections 10] [--swap-every 10]
 *     [--scale 0.01]
 *
 * Two models are built once with the real `kinema build` from a small `kinema sample` (different seeds
 * and k, so every swap changes clusters and version). A swap writes the other model the way the build
 * does (src/pipeline/model-write.ts: a temp folder, manifest last, two renames); the server's watcher
 * polls every 500 ms. The server runs in a child process, so its RSS is its own; autocannon drives it at
 * a fixed overall rate over a mix of API and page routes. The rate limiter is lifted (one client IP
 * would otherwise get 429s, which are correct but not what this measures). Exit 1 if any request failed.
 */
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Logger } from '../src/core/log.ts';
import { createModelWriter } from '../src/pipeline/model-write.ts';
import { startServer } from '../src/runtime/node.ts';
import { machine, median, numberArg } from './_run.ts';

interface Stats {
  rssMb: number;
  swaps: number;
  rejected: number;
  /** How long each swap took to load and prepare the new model, ms (from the server's log). */
  swapMs: number[];
}

interface AutocannonResult {
  requests: { total: number; average: number };
  latency: { p50: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  overallRate: number;
  timeout: number;
  requests: { method: 'GET'; path: string; onResponse: (status: number) => void }[];
}

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/kinema.js');
const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => numberArg(args, name, fallback);

if (args[0] === '--child') await child(args[1]!);
else await parent();

async function parent(): Promise<void> {
  const seconds = arg('seconds', 300);
  const rate = arg('rate', 400);
  const connections = arg('connections', 10);
  const swapEvery = arg('swap-every', 10);
  const work = mkdtempSync(join(tmpdir(), 'kinema-soak-'));
  try {
    const models = buildModels(work, arg('scale', 0.01));
    const live = join(work, 'model');
    swapIn(live, models[0]!);
    const server = fork(import.meta.filename, ['--child', live], {
      execArgv: ['--import', 'tsx'],
      stdio: 'inherit',
    });
    const url = await new Promise<string>((ok, fail) => {
      server.once('message', (m) => ok(m as string));
      server.once('exit', (code) => fail(new Error(`server exited with ${code}`)));
    });
    // a server that died answers nothing: NaN figures rather than a hang
    const stats = () =>
      new Promise<Stats>((ok) => {
        const timer = setTimeout(() => ok({ rssMb: NaN, swaps: NaN, rejected: NaN, swapMs: [] }), 5000);
        server.once('message', (m) => {
          clearTimeout(timer);
          ok(m as Stats);
        });
        if (server.connected) server.send('stats');
      });
    const paths = await routes(url);
    const movies = ((await (await fetch(`${url}/healthz`)).json()) as { movies: number }).movies;
    const start = await stats();
    console.error(`server ${url}, RSS ${start.rssMb.toFixed(0)} MB; ${seconds} s at ${rate} req/s…`);

    let swapsWritten = 0;
    const rss: number[] = [start.rssMb];
    const swapper = setInterval(() => {
      swapIn(live, models[++swapsWritten % models.length]!);
    }, swapEvery * 1000);
    const sampler = setInterval(() => void stats().then((s) => rss.push(s.rssMb)), 30_000);
    const failedByPath = new Map<string, number>();
    const autocannon = createRequire(import.meta.url)('autocannon') as (
      o: AutocannonOptions,
    ) => Promise<AutocannonResult>;
    const result = await autocannon({
      url,
      connections,
      duration: seconds,
      overallRate: rate,
      timeout: 10,
      requests: paths.map((path) => ({
        method: 'GET',
        path,
        onResponse: (status: number) => {
          if (!(status < 300 || status === 304))
            failedByPath.set(`${status} ${path}`, 1 + (failedByPath.get(`${status} ${path}`) ?? 0));
        },
      })),
    });
    clearInterval(swapper);
    clearInterval(sampler);
    // let the last swap land before reading the counters
    await new Promise((ok) => setTimeout(ok, 1500));
    const end = await stats();
    server.kill('SIGTERM');

    const bad = Object.entries(result.statusCodeStats)
      .filter(([code]) => !(Number(code) < 300 || Number(code) === 304))
      .reduce((s, [, v]) => s + v.count, 0);
    const total = Object.values(result.statusCodeStats).reduce((s, v) => s + v.count, 0) + result.errors;
    const failed = bad + result.errors;
    const lines = [
      `soak: ${machine()}; load average at end ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')}`,
      `${seconds} s at ${rate} req/s over ${connections} connections, ${paths.length} routes; ` +
        `models of ${movies.toLocaleString('en-US')} movies (kinema sample --scale ${arg('scale', 0.01)}), swap every ${swapEvery} s`,
      `requests: ${total.toLocaleString('en-US')} total, ${failed} failed (${result.errors} errors incl. ${result.timeouts} timeouts, ${bad} bad statuses)`,
      `status codes: ${Object.entries(result.statusCodeStats)
        .map(([code, v]) => `${code} × ${v.count.toLocaleString('en-US')}`)
        .join(', ')}`,
      `latency: p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `swaps: ${swapsWritten} written, ${end.swaps} picked up by the server, ${end.rejected} rejected; ` +
        `load + prepare per swap: median ${median(end.swapMs).toFixed(0)} ms, max ${Math.max(...end.swapMs)} ms`,
      `server RSS: start ${start.rssMb.toFixed(0)} MB, end ${end.rssMb.toFixed(0)} MB; every 30 s: ${[...rss, end.rssMb].map((x) => x.toFixed(0)).join(', ')} MB`,
      ...[...failedByPath].map(([what, count]) => `  failed: ${what} × ${count}`),
    ];
    console.log(lines.join('\n'));
    if (failed > 0) process.exitCode = 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Two real models from one small sample: seeds and k differ, so clusters and versions do. */
function buildModels(work: string, scale: number): string[] {
  const data = join(work, 'imdb');
  const run = (argv: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`kinema ${argv[0]} failed:\n${r.stderr.slice(-2000)}`);
  };
  run(['sample', '--scale', String(scale), '--out', data, '--seed', '3']);
  return [
    ['1', '9'],
    ['2', '7'],
  ].map(([seed, k]) => {
    const model = join(work, `model-${seed}`);
    run(
      ['build', '--data', data, '--model', model, '--cache', join(work, 'cache'), '--min-votes', '0'].concat([
        '--seed',
        seed!,
        '--k',
        k!,
        '--threads',
        '1',
      ]),
    );
    return model;
  });
}

/** Writes `from` into `live` as the build does: temp folder, manifest last, swapped in by rename. */
function swapIn(live: string, from: string): void {
  const writer = createModelWriter(live);
  for (const name of readdirSync(from))
    if (name !== 'manifest.json') writer.write(name, readFileSync(join(from, name)));
  writer.commit(JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')));
}

/** A mix of API and page routes on movies and clusters present in both models. */
async function routes(url: string): Promise<string[]> {
  const get = async <T>(path: string) => (await (await fetch(url + path)).json()) as T;
  const popular = await get<{ items: { id: string; title: string }[] }>('/api/lists/popular?limit=20');
  const out = ['/healthz', '/api/clusters', '/api/clusters/0', '/api/clusters/0/movies?limit=10', '/'];
  for (const { id, title } of popular.items.slice(0, 10)) {
    out.push(
      `/api/movies/${id}`,
      `/api/movies/${id}/similar?limit=12`,
      `/api/search?q=${encodeURIComponent(title.slice(0, 3))}&limit=8`,
      `/movie/${id}`,
    );
  }
  out.push('/api/lists/top?limit=20', '/api/lists/gems?limit=20', '/clusters', '/search?q=the');
  return out;
}

/** Child: the server, answering 'stats' messages with its RSS and the swaps it logged. */
async function child(modelDir: string): Promise<void> {
  const counts = { swaps: 0, rejected: 0, swapMs: [] as number[] };
  const log: Logger = {
    info: (m) => {
      if (!m.startsWith('model swapped')) return;
      counts.swaps++;
      counts.swapMs.push(Number(/\((\d+) ms\)/.exec(m)?.[1]));
    },
    warn: (m) => {
      if (m.includes('rejected')) counts.rejected++;
      console.error(`server warn: ${m}`);
    },
  };
  const server = await startServer({
    modelDir,
    port: 0,
    log,
    handleSignals: false,
    watchIntervalMs: 500,
    config: { accessLog: false, rateLimit: { max: 1e9, windowMs: 60_000 } },
  });
  process.on('message', () =>
    process.send!({ rssMb: process.memoryUsage().rss / 2 ** 20, ...counts } satisfies Stats),
  );
  process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
  process.send!(server.url);
}
