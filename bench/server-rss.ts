/**
 * Server memory with a model loaded: a fresh child process runs `startServer` (what `kinema serve`
 * runs) on a model folder, answers one /api similar and one /api search request, and reports its RSS
 * then, the peak RSS (VmHWM) and the V8 heap. Models: the 16-film fixture (the runtime's own footprint,
 * the anchor) and the SYNTHETIC full-scale folder of bench/lambda-model.ts, in one run, interleaved.
 *
 *   node --import tsx bench/server-rss.ts [--runs 3] [--movies 700000]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { writeFixtureModel } from '../test/helpers/fixture-model.ts';
import { machine, median, table } from './_run.ts';
import { FULL_SCALE, syntheticModel } from './lambda-model.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};

interface Memory {
  loadMs: number;
  rssMb: number;
  peakMb: number;
  heapMb: number;
  buffersMb: number;
}

if (args[0] === '--child') await child(args[1]!, args[2]!, args[3]!);
else parent();

function parent(): void {
  const runs = Number(arg('runs', '3'));
  const movies = Number(arg('movies', String(FULL_SCALE.movies)));
  const data = resolve(import.meta.dirname, 'data/lambda');
  const fixture = join(data, 'fixture-model');
  writeFixtureModel(fixture);
  const people = Math.round((FULL_SCALE.people * movies) / FULL_SCALE.movies);
  const full = syntheticModel(join(data, `synthetic-${movies}`), { ...FULL_SCALE, movies, people });
  const results: Record<string, Memory[]> = { fixture: [], full: [] };
  for (let r = 0; r < runs; r++) {
    results.fixture!.push(measure(fixture, 'tt0075148', 'rocky'));
    results.full!.push(measure(full, 'tt0000001', 'Ka'));
    process.stderr.write(`run ${r + 1}/${runs}: full RSS ${results.full!.at(-1)!.rssMb.toFixed(0)} MB\n`);
  }
  const row = (name: string, xs: Memory[]) => [
    name,
    median(xs.map((x) => x.loadMs)).toFixed(0),
    median(xs.map((x) => x.rssMb)).toFixed(0),
    median(xs.map((x) => x.peakMb)).toFixed(0),
    median(xs.map((x) => x.heapMb)).toFixed(0),
    median(xs.map((x) => x.buffersMb)).toFixed(0),
  ];
  process.stdout.write(
    `${machine()}; ${runs} runs, medians; load average ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}\n\n` +
      table(
        [
          'model',
          'startServer ms',
          'RSS after similar + search MB',
          'peak RSS MB',
          'V8 heap MB',
          'array buffers MB',
        ],
        [
          row('fixture (16 films)', results.fixture!),
          row(`synthetic ${movies.toLocaleString('en-US')}`, results.full!),
        ],
      ) +
      '\n',
  );
}

function measure(modelDir: string, movie: string, query: string): Memory {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', import.meta.filename, '--child', modelDir, movie, query],
    { encoding: 'utf8', maxBuffer: 1 << 24 },
  );
  if (run.status !== 0) throw new Error(run.stderr.slice(-2000));
  return JSON.parse(/^RESULT (.*)$/m.exec(run.stdout)![1]!) as Memory;
}

async function child(modelDir: string, movie: string, query: string): Promise<void> {
  const { startServer } = await import('../src/runtime/node.ts');
  const { memoryLogger } = await import('../src/core/log.ts');
  const started = performance.now();
  const server = await startServer({ modelDir, port: 0, log: memoryLogger(), handleSignals: false });
  const loadMs = performance.now() - started;
  for (const path of [`/api/movies/${movie}/similar?limit=10`, `/api/search?q=${query}`]) {
    const res = await fetch(server.url + path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  }
  const mem = process.memoryUsage();
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);
  const result: Memory = {
    loadMs,
    rssMb: mem.rss / 2 ** 20,
    peakMb: peakKb / 1024,
    heapMb: mem.heapUsed / 2 ** 20,
    buffersMb: mem.arrayBuffers / 2 ** 20,
  };
  await server.close();
  process.stdout.write(`\nRESULT ${JSON.stringify(result)}\n`);
}
