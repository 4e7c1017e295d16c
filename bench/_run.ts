/** Small helpers shared by benchmarks: timed child processes with peak RSS, medians, tables. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { IMDB_TABLE_NAMES } from '../src/core/tables.ts';

export interface Timed {
  seconds: number;
  /** Peak resident set size of the child, in MB (from GNU time). */
  rssMb: number;
  stdout: string;
  stderr: string;
}

/** Runs a command under /usr/bin/time and returns wall time and peak RSS; throws on failure. */
export function timed(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Timed {
  const start = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '__RSS_KB__ %M', command, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 28,
  });
  const seconds = (performance.now() - start) / 1000;
  if (r.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stderr.slice(-2000)}`);
  const match = /__RSS_KB__ (\d+)/.exec(r.stderr);
  return { seconds, rssMb: match ? Number(match[1]) / 1024 : Number.NaN, stdout: r.stdout, stderr: r.stderr };
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function machine(): string {
  const os = process.platform;
  const cpus = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim();
  const model = /model name\s*:\s*(.*)/.exec(
    spawnSync('cat', ['/proc/cpuinfo'], { encoding: 'utf8' }).stdout,
  )?.[1];
  return `${os}, ${cpus} cores (${model ?? 'unknown CPU'}), Node ${process.version}`;
}

/** One figure of a benchmark beside its anchor, as bench/run.ts collects them (`--json FILE`). */
export interface ResultRow {
  bench: string;
  /** What was measured, e.g. "scale 0.1, first build" or "n=100000 d=16 k=9". */
  case: string;
  /** Unit and direction, e.g. "wall s" or "req/s (higher is better)". */
  metric: string;
  kinema: number;
  /** The anchor's name: a library, a bare server, or a budget from the issue ("goal ≤ 20 ms"). */
  anchor: string;
  anchorValue?: number;
  kinemaRssMb?: number;
  anchorRssMb?: number;
  /** Runs behind a median, or queries behind a percentile. */
  runs: number;
}

/** Writes the rows to the file named by `--json FILE` on the command line, if there is one. */
export function writeRows(argv: string[], rows: ResultRow[]): void {
  const i = argv.indexOf('--json');
  if (i < 0 || !argv[i + 1]) return;
  mkdirSync(dirname(argv[i + 1]!), { recursive: true });
  writeFileSync(argv[i + 1]!, `${JSON.stringify(rows, null, 2)}\n`);
}

/** Where the benchmarks keep generated IMDb data of a scale (`kinema sample`, seed 1). */
export function sampleDir(root: string, scale: number): string {
  return join(root, 'bench/data', `sample-${scale}`);
}

/**
 * Where its MovieLens-format ratings go: one folder a scale (the default `<out>/../movielens` would be
 * shared by every scale), so a build uses them only when given `--movielens` this folder.
 */
export function movielensSampleDir(root: string, scale: number): string {
  return join(root, 'bench/data', `movielens-${scale}`);
}

/** Generates the scale's sample with `kinema sample` unless it is already complete; returns its folder. */
export function ensureSample(root: string, scale: number): string {
  const data = sampleDir(root, scale);
  if (IMDB_TABLE_NAMES.every((f) => existsSync(join(data, `${f}.tsv.gz`)))) return data;
  console.error(`generating scale ${scale} data in ${data} ...`);
  const t = timed(process.execPath, [
    join(root, 'bin/kinema.js'),
    'sample',
    '--scale',
    String(scale),
    '--out',
    data,
    '--seed',
    '1',
    '--movielens-out',
    movielensSampleDir(root, scale),
  ]);
  console.error(`  ${t.seconds.toFixed(1)} s`);
  return data;
}

/**
 * The Python of the anchor venv (scikit-learn, FAISS, DuckDB), made by ../shared/tools/anchor-venv.sh
 * in .venv-anchors on first use; null when it cannot be made.
 */
export function anchorPython(root: string): string | null {
  const script = join(root, '../shared/tools/anchor-venv.sh');
  if (!existsSync(script)) return null;
  const r = spawnSync('bash', [script, join(root, '.venv-anchors')], { encoding: 'utf8' });
  const last = r.stdout.trim().split('\n').pop();
  return r.status === 0 && last ? last : null;
}

/** `--name N` from the command line as a number, or the fallback. */
export function numberArg(argv: string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

/** A seeded mulberry32 generator in [0, 1), for bench data that must be the same every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Times `fn(0) … fn(count − 1)` one call at a time: median and 99th percentile in ms. */
export function timeCalls(count: number, fn: (q: number) => void): { p50: number; p99: number } {
  const ms: number[] = [];
  for (let q = 0; q < count; q++) {
    const t = performance.now();
    fn(q);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return { p50: median(ms), p99: ms[Math.min(ms.length - 1, Math.floor(ms.length * 0.99))]! };
}
