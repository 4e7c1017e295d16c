/**
 * `kinema refresh` with nothing changed (issue 18): time and bytes transferred.
 *   node --import tsx bench/refresh.ts [--repeat 7] [--data DIR]
 * Serves the six IMDb files of --data (default the real sample in ../shared/data) from a static file
 * server on 127.0.0.1 (strong ETags, 304s), refreshes once (download + first build), then --repeat
 * more times with nothing changed: median wall time, bytes received, requests made and whether the
 * model was rebuilt. MovieLens is off (its zip is asked the same conditional way).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { memoryLogger } from '../src/core/log.ts';
import { IMDB_TABLES } from '../src/core/tables.ts';
import { build, type BuildOptions } from '../src/pipeline/build.ts';
import { refreshModel } from '../src/pipeline/refresh.ts';
import { startFileServer } from '../test/pipeline/_file-server.ts';
import { machine, median, table } from './_run.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1]! : fallback;
};
const repeat = Number(flag('--repeat', '7'));
const data = resolve(flag('--data', join(import.meta.dirname, '../../shared/data/imdb-sample')));

const server = await startFileServer();
for (const t of IMDB_TABLES) server.put(`/imdb/${t.file}`, readFileSync(join(data, t.file)));
const root = mkdtempSync(join(tmpdir(), 'kinema-bench-refresh-'));
const log = memoryLogger();
const run = () =>
  refreshModel(
    {
      dataDir: join(root, 'imdb'),
      modelDir: join(root, 'model'),
      mirror: `${server.url}imdb`,
      movielens: { dir: join(root, 'movielens'), release: 'none' },
    },
    {
      fetch,
      log,
      build: (options: BuildOptions) =>
        build(
          { ...options, cacheDir: join(root, 'cache') },
          { log, now: () => new Date(), version: 'bench' },
        ),
      now: () => performance.now(),
    },
  );
try {
  const first = await run();
  const rows: (string | number)[][] = [
    [
      'first (download + build)',
      first.ms.toFixed(0),
      first.received.toLocaleString('en-US'),
      6,
      String(first.rebuilt),
    ],
  ];
  const times: number[] = [];
  let bytes = 0;
  let rebuilt = 0;
  server.requests.length = 0;
  for (let r = 0; r < repeat; r++) {
    const report = await run();
    times.push(report.ms);
    bytes += report.received;
    if (report.rebuilt) rebuilt++;
  }
  rows.push([
    `nothing changed (median of ${repeat})`,
    median(times).toFixed(1),
    String(bytes / repeat),
    (server.requests.length / repeat).toFixed(0),
    `${rebuilt} of ${repeat}`,
  ]);
  console.log(machine());
  console.log(`load ${loadavg()[0]!.toFixed(2)}; data ${data}\n`);
  console.log(table(['refresh', 'ms', 'bytes received', 'requests', 'rebuilt'], rows));
} finally {
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
