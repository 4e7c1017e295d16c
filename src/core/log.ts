/** The logging effect every step receives. Only src/cli implements it with real output. */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** Progress of a long task; `total` may be unknown. Implementations throttle. */
  progress?(label: string, done: number, total?: number, options?: ProgressOptions): void;
}

export interface ProgressOptions {
  /** What `done`/`total` count; 'bytes' shows sizes, a rate and an ETA. Default 'items'. */
  unit?: 'items' | 'bytes';
}

/** A logger that records lines, for tests and for quiet runs. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    info: (m) => lines.push(m),
    warn: (m) => lines.push(`warn: ${m}`),
  };
}
