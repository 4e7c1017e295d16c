/**
 * The terminal logger: plain lines on stderr, progress bars on a TTY, periodic progress lines
 * otherwise (CI logs, pipes). Data output (exports, JSON) goes to stdout only.
 */
import type { Logger } from '../core/log.ts';

export interface TerminalLoggerOptions {
  quiet?: boolean;
  stream?: NodeJS.WriteStream;
  /** Milliseconds between progress lines when not on a TTY. */
  plainInterval?: number;
  now?: () => number;
}

export function terminalLogger(options: TerminalLoggerOptions = {}): Logger {
  const stream = options.stream ?? process.stderr;
  const now = options.now ?? Date.now;
  const interval = options.plainInterval ?? 5000;
  const tty = Boolean(stream.isTTY);
  const lastPlain = new Map<string, number>();
  let barOpen = false;
  const endBar = () => {
    if (barOpen) stream.write('\n');
    barOpen = false;
  };
  return {
    info(message) {
      if (options.quiet) return;
      endBar();
      stream.write(`${message}\n`);
    },
    warn(message) {
      endBar();
      stream.write(`warning: ${message}\n`);
    },
    progress(label, done, total) {
      if (options.quiet) return;
      const text = formatProgress(label, done, total);
      if (tty) {
        stream.write(`\r\x1b[2K${text}`);
        barOpen = total === undefined || done < total;
        if (!barOpen) stream.write('\n');
        return;
      }
      const last = lastPlain.get(label) ?? 0;
      const finished = total !== undefined && done >= total;
      if (finished || now() - last >= interval) {
        lastPlain.set(label, now());
        stream.write(`${text}\n`);
      }
    },
  };
}

export function formatProgress(label: string, done: number, total?: number): string {
  if (total === undefined || total <= 0) return `${label} ${done.toLocaleString('en-US')}`;
  const pct = Math.min(100, (done / total) * 100);
  const width = 24;
  const filled = Math.round((pct / 100) * width);
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct.toFixed(0).padStart(3)}%`;
}
