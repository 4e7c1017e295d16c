/** Helpers for fault tests: run the real CLI as a child process, snapshot folders byte for byte. */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Figures } from '../helpers/figures.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/kinema.js');
/** Exit code the CLI uses for an unexpected (non-KinemaError) failure: a crash. */
export const CRASH = 70;

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function kinema(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  return run(process.execPath, [BIN, ...args], env);
}

/**
 * The CLI with a file size limit (`ulimit -f`, in KiB): a write past it fails with EFBIG, as a full disk
 * fails with ENOSPC, part-way through a file. Node ignores SIGXFSZ, so the write returns the error.
 */
export function kinemaWithFileLimit(kib: number, args: string[]): CliResult {
  return run('bash', ['-c', `ulimit -f ${kib} && exec "$0" "$@"`, process.execPath, BIN, ...args]);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 120_000,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the CLI and kills it with SIGKILL once `when()` is true (polled every 5 ms); resolves on exit. */
export function kinemaKilledWhen(
  args: string[],
  when: () => boolean,
): Promise<{ killed: boolean; code: number | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: 'ignore' });
    let killed = false;
    const timer = setInterval(() => {
      if (!killed && when()) {
        killed = child.kill('SIGKILL');
      }
    }, 5);
    child.on('exit', (code) => {
      clearInterval(timer);
      done({ killed, code });
    });
  });
}

/** Counts one damaged run: a crash is exit 70 or a signal; `replaced` when it put a damaged model in place. */
export function tally(
  f: Figures,
  r: { status: number | null; signal?: NodeJS.Signals | null },
  replaced: boolean,
) {
  f.tried++;
  if (r.status === CRASH || (r.signal ?? null) !== null) f.crashes++;
  if (replaced) f.replaced++;
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `kinema-${prefix}-`));
}

/** Every file under dir (relative path → bytes as base64), for byte-identical comparisons. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const walk = (sub: string) => {
    for (const name of readdirSync(join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      if (statSync(join(dir, rel)).isDirectory()) walk(rel);
      else out.set(rel, readFileSync(join(dir, rel)).toString('base64'));
    }
  };
  walk('');
  return out;
}

/** A tiny generated IMDb data folder (kinema sample at scale 0.0005, ~1 MB of .gz), IMDb files only. */
export function sampleData(dir: string): void {
  const r = kinema(['sample', '--scale', '0.0005', '--out', dir, '--threads', '1', '--no-movielens']);
  if (r.status !== 0) throw new Error(`kinema sample failed: ${r.stderr}`);
}
