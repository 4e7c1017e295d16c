/**
 * Sample generator throughput: `node --import tsx bench/sample.ts [scale...] [--threads N] [--out DIR]`
 * (default scale 0.1, threads = cores).
 * Prints, per scale, the time, peak RSS, and per-table rows and sizes beside the real IMDb row counts.
 * Files go to a temporary folder that is removed afterwards unless --out is given.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger } from '../src/core/log.ts';
import { generateSample } from '../src/pipeline/sample/generate.ts';

// rows of the real files (2025), the anchor for scale 1.0
const REAL_ROWS: Record<string, number> = {
  'title.basics': 11_500_000,
  'title.akas': 53_000_000,
  'title.ratings': 1_600_000,
  'title.crew': 11_500_000,
  'title.principals': 90_000_000,
  'name.basics': 14_000_000,
};

const args = process.argv.slice(2);
const outAt = args.indexOf('--out');
const keep = outAt >= 0 ? args.splice(outAt, 2)[1] : undefined;
const threadsAt = args.indexOf('--threads');
const threads = threadsAt >= 0 ? Number(args.splice(threadsAt, 2)[1]) : availableParallelism();
const scales = args.length ? args.map(Number) : [0.1];
const mb = (n: number) => (n / 1e6).toFixed(1).padStart(8);

for (const scale of scales) {
  const out = keep ?? mkdtempSync(join(tmpdir(), `kinema-bench-sample-${scale}-`));
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const files = await generateSample({ scale, out, seed: 42, threads }, { log: memoryLogger() });
  const seconds = (performance.now() - started) / 1000;
  // user + system time of every thread (workers, zlib's pool): what an idle machine would need at most
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const rows = files.reduce((s, f) => s + f.rows, 0);
  const gz = files.reduce((s, f) => s + f.bytes, 0);
  const text = files.reduce((s, f) => s + f.textBytes, 0);
  console.log(
    `scale ${scale}, ${threads} thread(s): ${seconds.toFixed(1)} s, ${(rows / seconds / 1e6).toFixed(2)} M rows/s, ` +
      `${(text / seconds / 1e6).toFixed(0)} MB/s of TSV, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB, CPU ${cpuSeconds.toFixed(1)} s (all threads)`,
  );
  console.log(
    `  ${'table'.padEnd(18)} ${'rows'.padStart(12)} ${'real×scale'.padStart(12)} ${'ratio'.padStart(6)} ${'gz MB'.padStart(8)} ${'TSV MB'.padStart(8)}`,
  );
  for (const f of files) {
    const want = REAL_ROWS[f.table]! * scale;
    console.log(
      `  ${f.table.padEnd(18)} ${f.rows.toLocaleString('en-US').padStart(12)} ${Math.round(want).toLocaleString('en-US').padStart(12)} ` +
        `${(f.rows / want).toFixed(2).padStart(6)} ${mb(f.bytes)} ${mb(f.textBytes)}`,
    );
  }
  console.log(
    `  ${'total'.padEnd(18)} ${rows.toLocaleString('en-US').padStart(12)} ${''.padStart(12)} ${''.padStart(6)} ${mb(gz)} ${mb(text)}`,
  );
  if (!keep) rmSync(out, { recursive: true, force: true });
}
