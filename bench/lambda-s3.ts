/**
 * Lambda with its model on S3 (issue 18), against moto_server on 127.0.0.1: a fresh plain `node`
 * process imports the Lambda bundle and answers a first /api/movies/<id>/similar event, which reads
 * the model from the bucket (the cold start), then WARM similar events for other movies, picked at
 * random (each reads an uncached neighbour row, and for the movies with co-likes their row of
 * collab.bin, from the part objects the deploy uploads), then one search (which reads the rest of
 * people.bin and search.bin). The upload is `kinema deploy`'s (listUploadFiles + syncToS3: whole
 * objects and part objects). Beside it in the same run, interleaved: the same code reading the model
 * from a folder (KINEMA_MODEL_SOURCE=bundle) and from the S3 API served off the folder
 * (bench/_s3-file-server.ts: moto reads a whole object to answer a range of it, this does not), and
 * with `--before REF` all three again for the code
 * at REF (exported with git archive and built here): the anchor. The model is the SYNTHETIC 700k
 * folder of bench/lambda-model.ts. Peak RSS is the whole process's (GNU time). Loopback has neither
 * S3's per-request latency (tens of ms) nor its per-connection bandwidth.
 *
 *   node --import tsx bench/lambda-s3.ts [--runs 3] [--movies 700000] [--warm 200] [--before REF] [--hashed] [--json FILE]
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { describeArtifact } from '../src/core/model-id.ts';
import type { ModelManifest } from '../src/core/model-manifest.ts';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { listUploadFiles } from '../src/deploy/files.ts';
import { syncToS3 } from '../src/deploy/s3-sync.ts';
import { buildLambdaCode } from '../scripts/lambda-code.ts';
import { MOTO_MISSING, startMoto } from '../test/deploy/moto-server.ts';
import { machine, median, numberArg, rng, table, writeRows, type ResultRow } from './_run.ts';
import { timed } from './_run.ts';
import { FULL_SCALE, syntheticModel } from './lambda-model.ts';

const args = process.argv.slice(2);
const RUNS = numberArg(args, 'runs', 3);
const MOVIES = numberArg(args, 'movies', FULL_SCALE.movies);
const WARM = numberArg(args, 'warm', 200);
const BEFORE = args.includes('--before') ? args[args.indexOf('--before') + 1] : undefined;
const ROOT = resolve(import.meta.dirname, '..');
const DATA = join(ROOT, 'bench/data/lambda');
const INSTANCE = join(ROOT, 'bench/_lambda-instance.mjs');
const BUCKET = 'kinema-bench';
const PREFIX = 'model/';
const GOALS = { coldMs: 1000, rssMb: 512, warmP99Ms: 20 };

if (MOTO_MISSING) throw new Error('moto_server is not installed (pip install "moto[server]")');
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
const loadAtStart = load();
const people = Math.round((FULL_SCALE.people * MOVIES) / FULL_SCALE.movies);
const synthetic = syntheticModel(join(DATA, `synthetic-${MOVIES}`), {
  ...FULL_SCALE,
  movies: MOVIES,
  people,
});
// --hashed: the same files under a manifest that records their hashes, as a build's does, so the load
// also checks them (small files hashed whole, big ones by 64 sampled blocks)
const modelDir = args.includes('--hashed') ? await withHashes(synthetic) : synthetic;

type Source = 'moto' | 'files' | 'bundle';
interface Variant {
  name: string;
  code: string;
  source: Source;
}
const SOURCES: Record<Source, string> = {
  moto: 'from S3 (moto)',
  files: 'from S3 (file server)',
  bundle: 'from a folder',
};
const after = join(DATA, 'code-after');
await buildLambdaCode(ROOT, after);
const codes: [string, string][] = [['this tree', after]];
if (BEFORE) codes.unshift([`before (${BEFORE})`, await codeAt(BEFORE)]);
const variants: Variant[] = codes.flatMap(([name, code]) =>
  (Object.keys(SOURCES) as Source[]).map((source) => ({ name: `${name}, ${SOURCES[source]}`, code, source })),
);

const moto = await startMoto();
const fileS3 = spawn(
  process.execPath,
  ['--import', 'tsx', join(ROOT, 'bench/_s3-file-server.ts'), modelDir, BUCKET],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
interface Instance {
  coldMs: number;
  importMs: number;
  warmP50: number;
  warmP99: number;
  searchMs: number;
  rssMb: number;
  firstHash: string;
}
const results = new Map<Variant, Instance[]>(variants.map((v) => [v, []]));
try {
  const endpoints = { moto: moto.endpoint, files: await firstLine(fileS3.stdout!) };
  await moto.client.send(new CreateBucketCommand({ Bucket: BUCKET }));
  const t = performance.now();
  await syncToS3(moto.client, listUploadFiles(modelDir, PREFIX, 'model'), { bucket: BUCKET, prefix: PREFIX });
  process.stderr.write(`uploaded the model to moto in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  const random = rng(18);
  const id = (row: number) => `tt${String(row + 1).padStart(7, '0')}`;
  for (let r = 0; r < RUNS; r++) {
    // other movies every run, so no run finds its rows in moto's or the page cache's warm set alone
    const warm = Array.from({ length: WARM }, () => id(1 + Math.floor(random() * (MOVIES - 1))));
    for (const v of variants) {
      results.get(v)!.push(instance(v, warm, endpoints));
      const last = results.get(v)!.at(-1)!;
      process.stderr.write(
        `run ${r + 1}/${RUNS} ${v.name}: cold ${last.coldMs.toFixed(0)} ms (import ${last.importMs.toFixed(0)}), warm p99 ${last.warmP99.toFixed(1)} ms, ${last.rssMb.toFixed(0)} MB\n`,
      );
    }
  }
} finally {
  moto.stop();
  fileS3.kill();
}

const med = (v: Variant, key: Exclude<keyof Instance, 'firstHash'>) =>
  median(results.get(v)!.map((x) => x[key]));
const hashes = new Set([...results.values()].flat().map((x) => x.firstHash));
process.stdout.write(
  `${machine()}; ${RUNS} runs, medians; ${WARM} warm similar requests a run; load average ${loadAtStart} at start, ${load()} at the end\n\n` +
    table(
      [
        'variant',
        'cold start ms',
        'warm similar p50 ms',
        'warm similar p99 ms',
        'first search ms',
        'peak RSS MB',
      ],
      variants.map((v) => [
        v.name,
        med(v, 'coldMs').toFixed(0),
        med(v, 'warmP50').toFixed(2),
        med(v, 'warmP99').toFixed(2),
        med(v, 'searchMs').toFixed(0),
        med(v, 'rssMb').toFixed(0),
      ]),
    ) +
    `\n\nfirst answers identical across variants: ${hashes.size === 1 ? 'yes' : `NO (${hashes.size} different)`}\n` +
    `goals (from S3): cold start ≤ ${GOALS.coldMs} ms, peak RSS ≤ ${GOALS.rssMb} MB, warm p99 ≤ ${GOALS.warmP99Ms} ms\n`,
);
if (hashes.size !== 1) process.exitCode = 1;

const s3 = variants.find((v) => v.code === after && v.source === 'moto')!;
const anchor = BEFORE ? variants.find((v) => v.code !== after && v.source === 'moto') : undefined;
const row = (metric: string, key: Exclude<keyof Instance, 'firstHash'>, goal: number): ResultRow => ({
  bench: 'lambda-s3',
  case: `synthetic ${MOVIES.toLocaleString('en-US')} movies from S3 (moto, loopback)`,
  metric,
  kinema: med(s3, key),
  anchor: anchor ? anchor.name : `goal ≤ ${goal} (issue 18)`,
  anchorValue: anchor ? med(anchor, key) : goal,
  kinemaRssMb: med(s3, 'rssMb'),
  anchorRssMb: anchor ? med(anchor, 'rssMb') : undefined,
  runs: RUNS,
});
writeRows(args, [
  row('cold start ms (import + 1st similar)', 'coldMs', GOALS.coldMs),
  row('peak RSS MB', 'rssMb', GOALS.rssMb),
  row(`warm similar p99 ms (${WARM} uncached rows)`, 'warmP99', GOALS.warmP99Ms),
]);

// --- internal ---

function instance(v: Variant, warm: string[], endpoints: Record<'moto' | 'files', string>): Instance {
  const source =
    v.source !== 'bundle'
      ? {
          KINEMA_MODEL_SOURCE: 's3',
          KINEMA_MODEL_BUCKET: BUCKET,
          // the file server serves the folder itself
          KINEMA_MODEL_PREFIX: v.source === 'moto' ? PREFIX : '',
          AWS_ENDPOINT_URL: endpoints[v.source],
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'test',
          AWS_SECRET_ACCESS_KEY: 'test',
          NODE_NO_WARNINGS: '1',
        }
      : { KINEMA_MODEL_SOURCE: 'bundle', KINEMA_MODEL_DIR: modelDir };
  const run = timed(process.execPath, [INSTANCE], {
    ...source,
    BUNDLE: join(v.code, 'lambda.mjs'),
    LAMBDA_TASK_ROOT: v.code,
    KINEMA_TMDB_CACHE: 'off',
    MOVIE: 'tt0000001',
    WARM: warm.join(','),
    QUERY: 'Ka',
  });
  const r = JSON.parse(/^RESULT (.*)$/m.exec(run.stdout)![1]!) as {
    importMs: number;
    firstMs: number;
    warmMs: number[];
    searchMs: number;
    firstHash: string;
  };
  const sorted = [...r.warmMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return {
    coldMs: r.importMs + r.firstMs,
    importMs: r.importMs,
    warmP50: at(0.5),
    warmP99: at(0.99),
    searchMs: r.searchMs,
    rssMb: run.rssMb,
    firstHash: r.firstHash,
  };
}

/** The Lambda code of commit `ref`: its tree exported once to the temp folder (outside the project's type check), built with esbuild. */
async function codeAt(ref: string): Promise<string> {
  const sha = execFileSync('git', ['-C', ROOT, 'rev-parse', ref], { encoding: 'utf8' }).trim().slice(0, 12);
  const tree = join(tmpdir(), `kinema-tree-${sha}`);
  if (!existsSync(join(tree, 'package.json'))) {
    mkdirSync(tree, { recursive: true });
    const archive = spawnSync('sh', ['-c', `git -C "${ROOT}" archive ${sha} | tar -x -C "${tree}"`]);
    if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr}`);
    symlinkSync(join(ROOT, 'node_modules'), join(tree, 'node_modules'));
  }
  const out = join(DATA, `code-${sha}`);
  await buildLambdaCode(tree, out);
  return out;
}

function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) resolve(text.split('\n')[0]!);
    });
    stream.on('end', () => reject(new Error('the file server exited before it printed its endpoint')));
  });
}

/** A folder of hard links to `dir`'s files and a manifest with their sizes and hashes. */
async function withHashes(dir: string): Promise<string> {
  const out = `${dir}-hashed`;
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ModelManifest;
  const files: NonNullable<ModelManifest['files']> = {};
  for (const name of manifest.artifacts) {
    linkSync(join(dir, name), join(out, name));
    files[name] = await describeArtifact(readFileSync(join(dir, name)));
  }
  writeFileSync(join(out, 'manifest.json'), JSON.stringify({ ...manifest, files }));
  return out;
}
