/**
 * MovieLens-format sample throughput: `node --import tsx bench/sample-movielens.ts [scale...] [--threads N]
 * [--runs R]` (default scale 0.1, threads = cores, 3 runs). Per scale: median wall time, CPU (all threads),
 * peak RSS, and rows beside the anchor ml-32m × scale; and, in the same run, the time to copy the
 * generated ratings.csv (the disk's share: what writing those bytes costs without generating them).
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger } from '../src/core/log.ts';
import { ML_FULL } from '../src/pipeline/sample/movielens-catalog.ts';
import { generateMovielensSample } from '../src/pipeline/sample/movielens-sample.ts';
import { median } from './_run.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(name);
  return at >= 0 ? Number(args.splice(at, 2)[1]) : fallback;
};
const threads = option('--threads', availableParallelism());
const runs = option('--runs', 3);
const scales = args.length ? args.map(Number) : [0.1];
const load = () => loadavg()[0]!.toFixed(1);

for (const scale of scales) {
  const walls: number[] = [];
  const cpus: number[] = [];
  const copies: number[] = [];
  let peak = 0;
  let rows: number[] = [];
  let bytes = 0;
  const loads = [load()];
  for (let run = 0; run < runs; run++) {
    const dir = mkdtempSync(join(tmpdir(), `kinema-bench-ml-${scale}-`));
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    const files = await generateMovielensSample(
      { scale, seed: 42, year: 2026, dir: join(dir, 'movielens'), threads },
      memoryLogger(),
    );
    walls.push((performance.now() - started) / 1000);
    const cpu = process.cpuUsage(cpuStart);
    cpus.push((cpu.user + cpu.system) / 1e6);
    clearInterval(timer);
    rows = files.map((f) => f.rows);
    bytes = files.reduce((s, f) => s + f.bytes, 0);
    const copyStarted = performance.now();
    copyFileSync(files[0]!.path, join(dir, 'ratings-copy.csv'));
    copies.push((performance.now() - copyStarted) / 1000);
    rmSync(dir, { recursive: true, force: true });
  }
  loads.push(load());
  console.log(
    `scale ${scale}, ${threads} thread(s), ${runs} run(s), load ${loads.join(' → ')}: ` +
      `median ${median(walls).toFixed(1)} s (runs ${walls.map((w) => w.toFixed(1)).join(', ')}), ` +
      `CPU ${median(cpus).toFixed(1)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB, ` +
      `${(bytes / 1e6).toFixed(0)} MB; copying ratings.csv: ${median(copies).toFixed(1)} s`,
  );
  const anchor = [ML_FULL.ratings, ML_FULL.movies, ML_FULL.movies].map((n) => n * scale);
  ['ratings.csv', 'links.csv', 'movies.csv'].forEach((file, k) =>
    console.log(
      `  ${file.padEnd(12)} ${rows[k]!.toLocaleString('en-US').padStart(12)} rows, ml-32m × scale ` +
        `${Math.round(anchor[k]!).toLocaleString('en-US').padStart(12)} (${(rows[k]! / anchor[k]!).toFixed(2)})`,
    ),
  );
  console.log(`  users: ${Math.round(ML_FULL.users * scale).toLocaleString('en-US')}`);
}
