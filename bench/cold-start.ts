/**
 * Cold start of the CLI, the TypeScript sources through tsx (how bin/kinema.js ran before the
 * compiled build; started inside the repository, the only place its pages worked) against the
 * compiled dist/ (bin/kinema.js today; started from a temporary folder), in one run, alternating:
 * `kinema --help` to exit, and `kinema serve` from spawn to the first answer of `/` (an HTML page)
 * on the 16-film fixture model (runtime overhead, not model size).
 *
 *   npm run build && node --import tsx bench/cold-start.ts [--runs 5] [--json FILE]
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { writeFixtureModel } from '../test/helpers/fixture-model.ts';
import { compiledDist } from '../test/helpers/dist.ts';
import { machine, median, numberArg, table, writeRows, type ResultRow } from './_run.ts';

const args = process.argv.slice(2);
const RUNS = numberArg(args, 'runs', 5);
const ROOT = resolve(import.meta.dirname, '..');
compiledDist();
const dir = mkdtempSync(join(tmpdir(), 'kinema-cold-'));
writeFixtureModel(join(dir, 'model'));
// the former bin/kinema.js, verbatim
const sourceBin = join(dir, 'kinema-tsx.mjs');
writeFileSync(
  sourceBin,
  `import { register } from ${JSON.stringify(join(ROOT, 'node_modules/tsx/dist/esm/api/index.mjs'))};\n` +
    `register();\nawait import(${JSON.stringify(join(ROOT, 'src/cli/main.ts'))});\n`,
);

interface Variant {
  name: string;
  bin: string;
  cwd: string;
}
const VARIANTS: Variant[] = [
  { name: 'tsx (sources)', bin: sourceBin, cwd: ROOT },
  { name: 'compiled (dist/)', bin: join(ROOT, 'bin/kinema.js'), cwd: dir },
];

function help(v: Variant): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, [v.bin, '--help'], { cwd: v.cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${v.name} --help failed: ${r.stderr}`);
  return performance.now() - start;
}

async function serve(v: Variant): Promise<number> {
  const start = performance.now();
  const child = spawn(process.execPath, [v.bin, 'serve', '--model', join(dir, 'model'), '--port', '0'], {
    cwd: v.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await new Promise<string>((ok, fail) => {
      let out = '';
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const line = /^(http:\/\/127\.0\.0\.1:\d+)\n/m.exec(out);
        if (line) ok(line[1]!);
      });
      child.on('exit', (code) => fail(new Error(`${v.name} serve exited early (${code})`)));
    });
    const res = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
    await res.text();
    if (res.status !== 200) throw new Error(`${v.name}: / answered ${res.status}`);
    return performance.now() - start;
  } finally {
    child.kill('SIGTERM');
    await new Promise((ok) => child.once('close', ok));
  }
}

const times = new Map<string, { help: number[]; serve: number[] }>(
  VARIANTS.map((v) => [v.name, { help: [], serve: [] }]),
);
for (let run = 0; run < RUNS; run++) {
  for (const v of VARIANTS) {
    times.get(v.name)!.help.push(help(v));
    times.get(v.name)!.serve.push(await serve(v));
  }
}
rmSync(dir, { recursive: true, force: true });

const rows: ResultRow[] = [];
const [source, compiled] = VARIANTS.map((v) => times.get(v.name)!);
for (const what of ['help', 'serve'] as const) {
  rows.push({
    bench: 'cold-start',
    case: what === 'help' ? 'kinema --help' : 'kinema serve → first answer of /',
    metric: 'wall ms (median)',
    kinema: Math.round(median(compiled![what])),
    anchor: 'tsx from the sources',
    anchorValue: Math.round(median(source![what])),
    runs: RUNS,
  });
}
process.stdout.write(
  `${machine()}, ${RUNS} runs each, alternating\n\n` +
    table(
      ['case', 'tsx (sources), ms', 'compiled (dist/), ms', 'ratio'],
      rows.map((r) => [r.case, r.anchorValue!, r.kinema, (r.anchorValue! / r.kinema).toFixed(2)]),
    ) +
    '\n',
);
writeRows(args, rows);
