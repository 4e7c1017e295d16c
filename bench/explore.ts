/**
 * `kinema explore` on a full-scale model: the issue's budget is ≤ 10 s. The model is SYNTHETIC
 * (test/charts/synthetic-model.ts): 700,000 movies × 32 features with the kinema preset's layout,
 * 12 named clusters and a k curve, written as a real model folder. Each run is the real CLI in a
 * child process (`node bin/kinema.js explore`), timed wall-clock, so module loading, JSON parsing,
 * PCA, hexbin, resvg and writes all count. Runs: 3 with PNGs, 3 with --no-png; medians reported.
 * The machine is shared (2 cores, other engineers' benches), so CPU time (user + sys, from
 * /usr/bin/time) is reported next to wall-clock: it is the steadier figure under load.
 *
 *   node --import tsx bench/explore.ts [--n 700000] [--runs 3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeSyntheticModel } from '../test/charts/synthetic-model.ts';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const n = arg('n', 700_000);
const runs = arg('runs', 3);
const BUDGET_S = 10;
const bin = resolve(import.meta.dirname, '../bin/kinema.js');
const dir = mkdtempSync(join(tmpdir(), 'kinema-bench-explore-'));

try {
  let t = performance.now();
  const model = writeSyntheticModel(join(dir, 'model'), { n, curveSample: 600, named: true });
  const mb = (f: string) => (statSync(join(dir, 'model', f)).size / 1e6).toFixed(0);
  console.log(
    `synthetic model: ${n.toLocaleString('en-US')} movies × ${model.d} features, k = ${model.k}, ` +
      `catalog.bin ${mb('catalog.bin')} MB, features.f32 ${mb('features.f32')} MB ` +
      `(generated in ${((performance.now() - t) / 1000).toFixed(1)} s)`,
  );
  const variants: [string, string[]][] = [
    ['explore (SVG + PNG)', []],
    ['explore --no-png', ['--no-png']],
  ];
  const rows: string[] = [];
  for (const [label, extra] of variants) {
    const times: number[] = [];
    const cpu: number[] = [];
    let stages = '';
    for (let r = 0; r < runs; r++) {
      t = performance.now();
      const out = join(dir, `report-${r}`);
      const args = [bin, 'explore', '--model', join(dir, 'model'), '--out', out, ...extra];
      const run = spawnSync('/usr/bin/time', ['-f', 'cpu %U %S', process.execPath, ...args], {
        encoding: 'utf8',
      });
      if (run.status !== 0) throw new Error(`${label} failed:\n${run.stderr}`);
      times.push((performance.now() - t) / 1000);
      const [user, sys] = (/cpu ([\d.]+) ([\d.]+)/.exec(run.stderr) ?? []).slice(1).map(Number);
      cpu.push((user ?? NaN) + (sys ?? NaN));
      stages = /\((load .*)\)/.exec(run.stderr)?.[1] ?? '';
    }
    const median = middle(times);
    rows.push(
      `| ${label} | ${median.toFixed(2)} s | ${Math.min(...times).toFixed(2)} s | ${times.map((x) => x.toFixed(2)).join(', ')} | ` +
        `${middle(cpu).toFixed(2)} s | ${(median / BUDGET_S).toFixed(2)}× | ${stages} |`,
    );
  }
  console.log(
    `\nload average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} on ${cpus().length} cores`,
  );
  console.log(
    `| run | median wall | best wall | all runs | median CPU | wall vs ${BUDGET_S} s budget | last run's stages (wall) |`,
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(row);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

function middle(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
