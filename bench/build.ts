/**
 * Build benchmark (issue 2): generated IMDb-shaped data at each scale, then
 *   - first build (no Parquet cache), rebuild from the cache (model removed), no-op rebuild (fresh);
 *   - the ingest + original-catalog stage of `kinema build --catalog original` against the same SQL run by
 *     DuckDB alone (Python duckdb from the anchor venv) on the same files, in the same run.
 * Wall time and peak RSS of the whole process.
 * Usage: node --import tsx bench/build.ts [--scales 0.1,1] [--runs 3] [--json FILE] (rows for bench/run.ts)
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  anchorPython,
  ensureSample,
  machine,
  median,
  table,
  timed,
  writeRows,
  type ResultRow,
} from './_run.ts';
import { TABLES } from '../src/db/tables.ts';
import { loadSql, sqlString } from '../src/db/database.ts';
import { ingestSql } from '../src/db/ingest.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const scales = arg('scales', '0.1,1').split(',').map(Number);
const runs = Number(arg('runs', '3'));
const root = resolve(import.meta.dirname, '..');
const kinema = join(root, 'bin/kinema.js');
const work = join(root, 'bench/data');

/** The exact statements our ingest + original catalog run, for DuckDB alone. */
function duckdbAloneSql(dataDir: string, outDir: string): string {
  const parts = [
    `SET memory_limit='1GB'; SET preserve_insertion_order=false; SET temp_directory=${sqlString(join(outDir, 'tmp'))};`,
  ];
  // a table after those its row filter reads (title.akas reads title.ratings)
  for (const spec of [...TABLES].sort((a, b) => a.dependsOn.length - b.dependsOn.length)) {
    const out = join(outDir, `${spec.table}.parquet`);
    const header = spec.columns.map(([name]) => name);
    parts.push(ingestSql(spec, join(dataDir, `${spec.name}.tsv.gz`), header, out) + ';');
    parts.push(`CREATE VIEW ${spec.table} AS SELECT * FROM read_parquet(${sqlString(out)});`);
  }
  const year = new Date().getUTCFullYear();
  parts.push(loadSql('catalog-original').replace('$year', String(year)).replace('$min_votes', '0'));
  return parts.join('\n');
}

function stageSeconds(modelDir: string, steps: string[]): number {
  const report = JSON.parse(readFileSync(join(modelDir, 'build-report.json'), 'utf8')) as {
    timings: { step: string; ms: number }[];
  };
  return report.timings.filter((t) => steps.includes(t.step)).reduce((s, t) => s + t.ms, 0) / 1000;
}

const python = anchorPython(root);
const results: (string | number)[][] = [];
const ratios: (string | number)[][] = [];
const json: ResultRow[] = [];
for (const scale of scales) {
  const data = ensureSample(root, scale);
  const cache = join(work, `cache-${scale}`);
  const model = join(work, `model-${scale}`);
  const first: number[] = [];
  const firstRss: number[] = [];
  const cached: number[] = [];
  const cachedRss: number[] = [];
  const noop: number[] = [];
  const n = scale >= 1 ? Math.min(runs, 2) : runs;
  for (let i = 0; i < n; i++) {
    rmSync(cache, { recursive: true, force: true });
    rmSync(model, { recursive: true, force: true });
    const a = timed('node', [kinema, 'build', '--data', data, '--model', model, '--cache', cache]);
    first.push(a.seconds);
    firstRss.push(a.rssMb);
    rmSync(model, { recursive: true, force: true });
    const b = timed('node', [kinema, 'build', '--data', data, '--model', model, '--cache', cache]);
    cached.push(b.seconds);
    cachedRss.push(b.rssMb);
    noop.push(timed('node', [kinema, 'build', '--data', data, '--model', model, '--cache', cache]).seconds);
    console.error(
      `scale ${scale} run ${i + 1}: first ${a.seconds.toFixed(1)} s, cached ${b.seconds.toFixed(1)} s`,
    );
  }
  const movies = (
    JSON.parse(readFileSync(join(model, 'manifest.json'), 'utf8')) as { counts: { movies: number } }
  ).counts.movies;
  const steps = JSON.parse(readFileSync(join(model, 'build-report.json'), 'utf8')) as {
    timings: { step: string; ms: number }[];
  };
  results.push([
    scale,
    movies.toLocaleString('en-US'),
    median(first).toFixed(1),
    median(firstRss).toFixed(0),
    median(cached).toFixed(1),
    median(cachedRss).toFixed(0),
    median(noop).toFixed(2),
    steps.timings.map((t) => `${t.step} ${(t.ms / 1000).toFixed(1)}`).join(', '),
  ]);
  const row = (what: string, seconds: number[], rss?: number[]): ResultRow => ({
    bench: 'build',
    case: `scale ${scale} (${movies.toLocaleString('en-US')} movies): ${what}`,
    metric: 'wall s',
    kinema: median(seconds),
    anchor: '',
    kinemaRssMb: rss && median(rss),
    runs: seconds.length,
  });
  json.push(
    row('first build, no cache', first, firstRss),
    row('rebuild from the Parquet cache', cached, cachedRss),
    row('no-op rebuild', noop),
  );

  if (python) {
    const ours: number[] = [];
    const alone: number[] = [];
    const oursRss: number[] = [];
    const aloneRss: number[] = [];
    for (let i = 0; i < n; i++) {
      const oc = join(work, `cache-orig-${scale}`);
      const om = join(work, `model-orig-${scale}`);
      rmSync(oc, { recursive: true, force: true });
      const built = timed('node', [
        kinema,
        'build',
        '--data',
        data,
        '--model',
        om,
        '--cache',
        oc,
        '--catalog',
        'original',
        '--features',
        'original',
        '--force',
      ]);
      ours.push(stageSeconds(om, ['ingest', 'catalog']));
      oursRss.push(built.rssMb);
      const dir = join(work, `duckdb-alone-${scale}`);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      const script = join(dir, 'run.py');
      writeFileSync(join(dir, 'run.sql'), duckdbAloneSql(data, dir));
      writeFileSync(
        script,
        `import duckdb, time, sys\nsql = open(sys.argv[1]).read()\ncon = duckdb.connect()\nt = time.perf_counter()\ncon.execute(sql)\nprint(time.perf_counter() - t)\n`,
      );
      const run = timed(python, [script, join(dir, 'run.sql')]);
      alone.push(Number(run.stdout.trim()));
      aloneRss.push(run.rssMb);
    }
    ratios.push([
      scale,
      median(ours).toFixed(2),
      median(alone).toFixed(2),
      (median(ours) / median(alone)).toFixed(2),
    ]);
    json.push({
      bench: 'build',
      case: `scale ${scale}: ingest + original catalog (goal ratio ≤ 1.2)`,
      metric: 'wall s',
      kinema: median(ours),
      anchor: 'DuckDB alone (Python, same SQL)',
      anchorValue: median(alone),
      kinemaRssMb: median(oursRss),
      anchorRssMb: median(aloneRss),
      runs: ours.length,
    });
  }
}

const out = [
  `Machine: ${machine()}; ${new Date().toISOString().slice(0, 10)}; medians of ${runs} runs (scale ≥ 1: ≤ 2 runs).`,
  '',
  table(
    [
      'scale',
      'movies',
      'first build s',
      'first RSS MB',
      'rebuild from cache s',
      'cache RSS MB',
      'no-op s',
      'steps (last run, s)',
    ],
    results,
  ),
  '',
  python
    ? table(['scale', 'kinema ingest+original catalog s', 'DuckDB alone s', 'ratio (goal ≤ 1.2)'], ratios)
    : 'DuckDB-alone anchor skipped: no anchor venv (../shared/tools/anchor-venv.sh).',
].join('\n');
console.log(out);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/build.md'), `${out}\n`);
writeRows(args, json);
