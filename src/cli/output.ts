/**
 * The terminal logger: plain lines on stderr, progress bars on a TTY, periodic progress lines
 * otherwise (CI logs, pipes). Data output (exports, JSON) goes to stdout only.
 */
import { formatBytes } from '../core/format-bytes.ts';
import type { Logger, ProgressOptions } from '../core/log.ts';

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
  // when each label started, for rates and ETAs (a label that restarts from 0 starts again)
  const started = new Map<string, { at: number; done: number }>();
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
    progress(label, done, total, progressOptions) {
      if (options.quiet) return;
      const t = now();
      const start = !started.has(label) || done === 0 ? { at: t, done } : started.get(label)!;
      started.set(label, start);
      const text = formatProgress(label, done, total, {
        unit: progressOptions?.unit,
        elapsedMs: t - start.at,
        startDone: start.done,
      });
      const finished = total !== undefined && done >= total;
      if (tty) {
        // downloads report every chunk; a redraw every 100 ms is plenty
        const lastDraw = lastPlain.get(label);
        if (!finished && lastDraw !== undefined && t - lastDraw < 100 && done !== 0) return;
        lastPlain.set(label, t);
        stream.write(`\r\x1b[2K${text}`);
        barOpen = total === undefined || done < total;
        if (!barOpen) stream.write('\n');
        return;
      }
      const last = lastPlain.get(label);
      if (finished || last === undefined || t - last >= interval) {
        lastPlain.set(label, t);
        stream.write(`${text}\n`);
      }
    },
  };
}

export interface FormatProgressOptions extends ProgressOptions {
  /** Time since the task started; with unit 'bytes' it adds a rate and an ETA. */
  elapsedMs?: number;
  /** `done` when the task started (a resumed download), left out of the rate. */
  startDone?: number;
}

export function formatProgress(
  label: string,
  done: number,
  total?: number,
  options: FormatProgressOptions = {},
): string {
  const bytes = options.unit === 'bytes';
  const amount = (n: number) => (bytes ? formatBytes(n) : n.toLocaleString('en-US'));
  const elapsed = (options.elapsedMs ?? 0) / 1000;
  // a rate over less than half a second is mostly noise
  const rate = bytes && elapsed >= 0.5 ? (done - (options.startDone ?? 0)) / elapsed : undefined;
  const rateText = rate === undefined ? '' : `  ${formatBytes(rate)}/s`;
  if (total === undefined || total <= 0) return `${label} ${amount(done)}${rateText}`;
  const pct = Math.min(100, (done / total) * 100);
  const width = 24;
  const filled = Math.round((pct / 100) * width);
  const bar = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct.toFixed(0).padStart(3)}%`;
  if (!bytes) return bar;
  const eta = rate && done < total ? `  ETA ${formatDuration((total - done) / rate)}` : '';
  return `${bar}  ${amount(done)} / ${amount(total)}${rateText}${eta}`;
}

/** Seconds → "42s", "3m05s", "1h02m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
