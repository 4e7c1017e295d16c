/** Small helpers shared by benchmarks: timed child processes with peak RSS, medians, tables. */
import { spawnSync } from 'node:child_process';

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
