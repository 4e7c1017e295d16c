/**
 * Every benchmark in one command (issue 8), each beside its anchor in the same run:
 *
 *   npm run bench [-- --quick] [-- --only build,kmeans]
 *
 * Generates the IMDb-shaped data with `kinema sample` if missing (scale 1, or 0.01 with --quick), then
 * runs bench/build.ts, kmeans.ts, recommend.ts, http.ts, search.ts, explore.ts, lambda.ts, lambda-s3.ts,
 * server-rss.ts, served-lookup.ts and person.ts one after
 * another, each in its own process with `--json FILE`, and joins their rows into one table (medians,
 * ratios, peak RSS) with the machine's description: bench/results/summary.md and stdout. Each bench's
 * own table and progress go to stderr. A bench that fails is reported and the others still run.
 * `--quick` runs small sizes with one repeat (a few minutes); the full run takes hours (k-means at 2M
 * rows with three repeats of every library, the 700k-movie neighbour precomputation, scale-1 builds).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureSample, machine, table, type ResultRow } from './_run.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS = join(ROOT, 'bench/results');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? args[onlyAt + 1]!.split(',') : undefined;

/** The data scale of the build benchmark; the http bench serves the model it builds. */
const SCALE = quick ? 0.01 : 1;

interface Step {
  name: string;
  file: string;
  args: string[];
}

const STEPS: Step[] = [
  {
    name: 'build',
    file: 'build.ts',
    args: quick ? ['--scales', String(SCALE), '--runs', '1'] : ['--scales', `0.1,${SCALE}`, '--runs', '3'],
  },
  {
    name: 'kmeans',
    file: 'kmeans.ts',
    args: quick ? ['--only', 'n=100000,d=16,k=9'] : ['--repeats', '3'],
  },
  {
    name: 'recommend',
    file: 'recommend.ts',
    args: quick
      ? ['--size', '20000', '--queries', '200', '--exact', '5', '--threads', '2']
      : ['--size', '700000', '--queries', '2000', '--exact', '20', '--threads', '2'],
  },
  { name: 'http', file: 'http.ts', args: quick ? ['--seconds', '1', '--repeats', '1'] : ['--repeats', '3'] },
  { name: 'search', file: 'search.ts', args: quick ? ['--size', '20000', '--queries', '50'] : [] },
  { name: 'explore', file: 'explore.ts', args: quick ? ['--n', '20000', '--runs', '1'] : ['--runs', '3'] },
  { name: 'lambda', file: 'lambda.ts', args: quick ? ['--runs', '1', '--movies', '20000'] : ['--runs', '3'] },
  {
    name: 'lambda-s3',
    file: 'lambda-s3.ts',
    args: quick ? ['--runs', '1', '--movies', '20000', '--warm', '50'] : ['--runs', '3'],
  },
  {
    name: 'server-rss',
    file: 'server-rss.ts',
    args: quick ? ['--runs', '1', '--movies', '20000'] : ['--runs', '3'],
  },
  {
    name: 'served-lookup',
    file: 'served-lookup.ts',
    args: quick
      ? ['--runs', '1', '--movies', '20000', '--lookups', '2000', '--tastes', '50']
      : ['--runs', '3'],
  },
  { name: 'person', file: 'person.ts', args: quick ? ['--size', '20000', '--queries', '200'] : [] },
];

interface Done {
  name: string;
  seconds: number;
  load: string;
  error?: string;
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const started = performance.now();
const startLoad = load();
mkdirSync(RESULTS, { recursive: true });
const data = ensureSample(ROOT, SCALE);
const rows: ResultRow[] = [];
const done: Done[] = [];
for (const step of STEPS) {
  if (only && !only.includes(step.name)) continue;
  const json = join(RESULTS, `${step.name}.json`);
  rmSync(json, { force: true });
  const extra = step.name === 'http' ? httpModel() : [];
  console.error(`\n=== ${step.name}: bench/${step.file} ${[...step.args, ...extra].join(' ')}`);
  const t = performance.now();
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'bench', step.file), ...step.args, ...extra, '--json', json],
    { cwd: ROOT, stdio: ['ignore', 2, 2] },
  );
  const seconds = (performance.now() - t) / 1000;
  const error =
    run.status !== 0 ? `exit ${run.status ?? run.signal}` : existsSync(json) ? undefined : 'wrote no results';
  if (!error) rows.push(...(JSON.parse(readFileSync(json, 'utf8')) as ResultRow[]));
  done.push({ name: step.name, seconds, load: load(), error });
  console.error(`=== ${step.name}: ${error ?? 'done'} in ${seconds.toFixed(0)} s (load average ${load()})`);
}

const summary = render();
writeFileSync(join(RESULTS, 'summary.md'), summary);
console.log(summary);
if (done.some((d) => d.error)) process.exitCode = 1;

/** The model the build bench left at the largest scale: a real `kinema build` for the http bench. */
function httpModel(): string[] {
  const model = join(ROOT, 'bench/data', `model-${SCALE}`);
  return existsSync(join(model, 'manifest.json')) ? ['--model', model] : [];
}

function render(): string {
  const minutes = (performance.now() - started) / 60_000;
  const cells = rows.map((r) => [
    r.bench,
    r.case,
    r.metric,
    num(r.kinema),
    r.anchor || '—',
    num(r.anchorValue),
    r.anchorValue ? (r.kinema / r.anchorValue).toFixed(2) : '—',
    num(r.kinemaRssMb),
    num(r.anchorRssMb),
    String(r.runs),
  ]);
  return [
    `# kinema benchmarks (${quick ? 'quick' : 'full'} run)`,
    '',
    `Machine: ${machine()}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM. ${new Date().toISOString()}, ` +
      `commit ${spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim()}.`,
    `Data: \`kinema sample --scale ${SCALE} --seed 1\` in ${data}. Total ${minutes.toFixed(1)} min; ` +
      `load average (1, 5, 15 min) at start ${startLoad}, at end ${load()}.`,
    'Ratio = kinema ÷ anchor: below 1 is better for times, above 1 for req/s. "runs" = runs behind a',
    'median, or queries behind a percentile. RSS in MB (peak, or the server with its model loaded).',
    '',
    table(
      [
        'bench',
        'case',
        'metric',
        'kinema',
        'anchor',
        'anchor value',
        'ratio',
        'kinema RSS MB',
        'anchor RSS MB',
        'runs',
      ],
      cells,
    ),
    '',
    table(
      ['bench', 'wall s', 'load average after', 'status'],
      done.map((d) => [d.name, d.seconds.toFixed(0), d.load, d.error ?? 'ok']),
    ),
    '',
  ].join('\n');
}

/** Three significant digits, thousands grouped; blank when missing. */
function num(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return Number(v.toPrecision(3)).toString();
}
