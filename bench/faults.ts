/**
 * The issue-16 figures: runs the fault and fuzz corpus (test/faults, test/fuzz and the model-id and
 * cache-lock unit tests), one file at a time at low priority, collects each file's `figures {json}` line
 * (test/helpers/figures.ts) and prints, per area, the inputs tried, crashes (exit 70, a throw, a signal,
 * a hang), 5xx answers and models replaced by a damaged build (or mixed models served), then the totals.
 * Exit 1 when a test failed or any of the last three is not 0.
 *
 *   node --import tsx bench/faults.ts [--json FILE]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { machine, table } from './_run.ts';
import type { Figures } from '../test/helpers/figures.ts';

const ROOT = resolve(import.meta.dirname, '..');
const files = [
  ...['test/faults', 'test/fuzz'].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((n) => n.endsWith('.test.ts'))
      .sort()
      .map((n) => `${dir}/${n}`),
  ),
  'test/core/model-id.test.ts',
  'test/pipeline/cache-lock.test.ts',
];

const areas = new Map<string, Figures>();
const failed: string[] = [];
let tests = 0;
const started = Date.now();
for (const file of files) {
  const t0 = Date.now();
  const r = spawnSync(
    'nice',
    [
      '-n',
      '10',
      process.execPath,
      '--import',
      'tsx',
      '--test',
      '--test-force-exit',
      '--test-reporter=tap',
      file,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, TZ: 'UTC' }, maxBuffer: 64 << 20 },
  );
  const out = r.stdout;
  const pass = Number(/^# pass (\d+)/m.exec(out)?.[1] ?? 0);
  const fail = Number(/^# fail (\d+)/m.exec(out)?.[1] ?? 0);
  tests += pass + fail;
  if (r.status !== 0 || fail > 0) failed.push(`${file} (exit ${r.status}, ${fail} failed)`);
  for (const m of out.matchAll(/figures (\{.*\})/g)) {
    const f = JSON.parse(m[1]!) as Figures & { area: string };
    const sum = areas.get(f.area) ?? { tried: 0, crashes: 0, fivexx: 0, replaced: 0 };
    sum.tried += f.tried;
    sum.crashes += f.crashes;
    sum.fivexx += f.fivexx;
    sum.replaced += f.replaced;
    areas.set(f.area, sum);
  }
  console.error(`${file}: ${pass} passed, ${fail} failed (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

const rows = [...areas].sort(([a], [b]) => a.localeCompare(b));
const total = rows.reduce(
  (s, [, f]) => ({
    tried: s.tried + f.tried,
    crashes: s.crashes + f.crashes,
    fivexx: s.fivexx + f.fivexx,
    replaced: s.replaced + f.replaced,
  }),
  { tried: 0, crashes: 0, fivexx: 0, replaced: 0 },
);
const n = (x: number) => x.toLocaleString('en-US');
console.log(machine());
console.log(
  `${files.length} test files, ${tests} tests, ${failed.length} files failing, ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
);
console.log(
  table(
    ['area', 'inputs tried', 'crashes', '5xx', 'damaged models in place'],
    [
      ...rows.map(([area, f]) => [area, n(f.tried), f.crashes, f.fivexx, f.replaced]),
      [
        '**total**',
        `**${n(total.tried)}**`,
        `**${total.crashes}**`,
        `**${total.fivexx}**`,
        `**${total.replaced}**`,
      ],
    ],
  ),
);
for (const f of failed) console.log(`FAILED: ${f}`);
const at = process.argv.indexOf('--json');
if (at >= 0)
  writeFileSync(process.argv[at + 1]!, JSON.stringify({ areas: Object.fromEntries(rows), total, failed }));
process.exitCode = failed.length || total.crashes || total.fivexx || total.replaced ? 1 : 0;
