/**
 * Lambda cold start, measured locally: a fresh `node` process imports the esbuild bundle
 * (dist-like, no tsx) and answers its first API Gateway v2 event, which loads the model from a folder
 * (KINEMA_MODEL_SOURCE=bundle) and builds the recommender and title search. Models: the 16-film
 * fixture (fixed runtime overhead) and a SYNTHETIC full-scale folder (700k movies, same files and
 * layout as `kinema build`, see bench/lambda-model.ts), next to a bare `node -e ''` start, in one run.
 * Also reports the bundle size and, in-process, how the model load splits between reading/decoding
 * the files (loadModel) and preparing it (prepareModel). S3 transfer time is NOT included.
 *
 *   node --import tsx bench/lambda.ts [--runs 5] [--movies 700000] [--json FILE] (rows for bench/run.ts)
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bundleLambda } from '../src/deploy/bundle.ts';
import { formatBytes } from '../src/core/format-bytes.ts';
import { writeFixtureModel } from '../test/helpers/fixture-model.ts';
import { machine, median, table, timed, writeRows, numberArg } from './_run.ts';
import { FULL_SCALE, syntheticModel } from './lambda-model.ts';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => numberArg(args, name, fallback);
const RUNS = arg('runs', 5);
const MOVIES = arg('movies', FULL_SCALE.movies);
const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, 'bench/data/lambda');

mkdirSync(DATA, { recursive: true });
const bundle = await bundleLambda({ root: ROOT, outDir: join(DATA, 'bundle') });
process.stderr.write(
  `bundle: ${formatBytes(bundle.codeBytes)} (${formatBytes(bundle.codeGzipBytes)} gzip)\n`,
);

const fixtureDir = join(DATA, 'fixture-model');
writeFixtureModel(fixtureDir);
process.stderr.write(`synthesizing ${MOVIES} movies (cached after the first run)...\n`);
const started = performance.now();
const people = Math.round((FULL_SCALE.people * MOVIES) / FULL_SCALE.movies);
const fullDir = syntheticModel(join(DATA, `synthetic-${MOVIES}`), { ...FULL_SCALE, movies: MOVIES, people });
process.stderr.write(`  ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
const folderMb = (dir: string) =>
  readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0) / 2 ** 20;

/** One cold start in a fresh process: import, first request (model load), one warm search. */
const INSTANCE = join(ROOT, 'bench/_lambda-instance.mjs');

interface Cold {
  importMs: number;
  firstMs: number;
  warmMs: number;
  wallMs: number;
  rssMb: number;
}

function coldStart(modelDir: string, movie: string, query: string): Cold {
  const run = timed(process.execPath, [INSTANCE], {
    BUNDLE: join(DATA, 'bundle', 'lambda.mjs'),
    LAMBDA_TASK_ROOT: join(DATA, 'bundle'),
    KINEMA_MODEL_SOURCE: 'bundle',
    KINEMA_MODEL_DIR: modelDir,
    MOVIE: movie,
    QUERY: query,
  });
  const result = JSON.parse(/^RESULT (.*)$/m.exec(run.stdout)![1]!) as {
    importMs: number;
    firstMs: number;
    searchMs: number;
  };
  return { ...result, warmMs: result.searchMs, wallMs: run.seconds * 1000, rssMb: run.rssMb };
}

/** In-process split of the first request's model work (tsx; one run per model, after the cold runs). */
const SPLIT = `
  const { loadModel } = await import(${JSON.stringify(join(ROOT, 'src/core/model-load.ts'))});
  const { fileModelReader, fileRangeOpener } = await import(${JSON.stringify(join(ROOT, 'src/runtime/files.ts'))});
  const { prepareModel } = await import(${JSON.stringify(join(ROOT, 'src/server/app.ts'))});
  const t0 = performance.now();
  // as the handler does from its bundle: neighbour rows read on demand, search built lazily
  const dir = process.env.MODEL_DIR;
  const model = await loadModel(fileModelReader(dir), { open: fileRangeOpener(dir) });
  const t1 = performance.now();
  prepareModel(model, { lazy: true });
  const t2 = performance.now();
  process.stdout.write('\\nRESULT ' + JSON.stringify({ loadMs: t1 - t0, prepareMs: t2 - t1 }) + '\\n');`;

function split(modelDir: string): { loadMs: number; prepareMs: number } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SPLIT], {
    encoding: 'utf8',
    cwd: ROOT,
    env: { ...process.env, MODEL_DIR: modelDir },
  });
  if (run.status !== 0) throw new Error(run.stderr.slice(-2000));
  return JSON.parse(/^RESULT (.*)$/m.exec(run.stdout)![1]!) as { loadMs: number; prepareMs: number };
}

const bare: number[] = [];
const fixture: Cold[] = [];
const full: Cold[] = [];
for (let r = 0; r < RUNS; r++) {
  // interleaved, so machine noise hits every variant alike
  bare.push(timed(process.execPath, ['-e', '']).seconds * 1000);
  fixture.push(coldStart(fixtureDir, 'tt0075148', 'rocky'));
  full.push(coldStart(fullDir, 'tt0000001', 'Ka'));
  process.stderr.write(
    `run ${r + 1}/${RUNS}: full cold start ${(full.at(-1)!.importMs + full.at(-1)!.firstMs).toFixed(0)} ms\n`,
  );
}
const splitFixture = split(fixtureDir);
const splitFull = split(fullDir);

const med = (xs: Cold[], key: keyof Cold) => median(xs.map((x) => x[key]));
const ms = (v: number) => v.toFixed(0);
const row = (name: string, xs: Cold[], s: { loadMs: number; prepareMs: number }, mb: number) => [
  name,
  mb.toFixed(1),
  ms(med(xs, 'importMs')),
  ms(med(xs, 'firstMs')),
  `${ms(s.loadMs)} + ${ms(s.prepareMs)}`,
  ms(median(xs.map((x) => x.importMs + x.firstMs))),
  ms(med(xs, 'warmMs')),
  ms(med(xs, 'wallMs')),
  med(xs, 'rssMb').toFixed(0),
];
process.stdout.write(
  `${machine()}; ${RUNS} runs, medians; bundle lambda.mjs ${formatBytes(bundle.codeBytes)} ` +
    `(${formatBytes(bundle.codeGzipBytes)} gzip) + lazy chunks ${formatBytes(bundle.lazyBytes)}\n\n` +
    table(
      [
        'model',
        'folder MB',
        'import ms',
        '1st request ms',
        'load + prepare ms (split)',
        'cold start ms',
        'warm search ms',
        'process wall ms',
        'peak RSS MB',
      ],
      [
        ['bare `node -e ""`', '-', '-', '-', '-', '-', '-', ms(median(bare)), '-'],
        row('fixture (16 films)', fixture, splitFixture, folderMb(fixtureDir)),
        row(`synthetic ${MOVIES.toLocaleString('en-US')}`, full, splitFull, folderMb(fullDir)),
      ],
    ) +
    `\n\nratio synthetic/fixture cold start: ${(median(full.map((x) => x.importMs + x.firstMs)) / median(fixture.map((x) => x.importMs + x.firstMs))).toFixed(1)}×\n`,
);

const cold = (xs: Cold[]) => median(xs.map((x) => x.importMs + x.firstMs));
const lambdaRow = (what: string, xs: Cold[], anchor: string, anchorValue: number, whole = false) => ({
  bench: 'lambda',
  case: what,
  metric: whole ? 'process wall ms' : 'cold start ms (import + 1st request)',
  kinema: whole ? med(xs, 'wallMs') : cold(xs),
  anchor,
  anchorValue,
  kinemaRssMb: med(xs, 'rssMb'),
  runs: RUNS,
});
writeRows(args, [
  lambdaRow('fixture model (16 films), whole process', fixture, 'bare `node -e ""`', median(bare), true),
  lambdaRow('fixture model (16 films)', fixture, 'goal ≤ 1000 ms (issue)', 1000),
  lambdaRow(`synthetic ${MOVIES.toLocaleString('en-US')} movies`, full, 'goal ≤ 1000 ms (issue)', 1000),
]);
