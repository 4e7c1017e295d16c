/**
 * The one error type deep code throws on purpose. Edges (CLI main, HTTP onError) catch it once:
 * the CLI prints message + hint and exits with `exitCode`; HTTP maps `code` to a status.
 */
export type ErrorCode =
  | 'bad-input' // a file, row, flag or parameter is wrong
  | 'not-found' // a movie, file or model is missing
  | 'network' // a download failed
  | 'model' // a model folder is missing or unreadable
  | 'io'; // a write failed

export class KinemaError extends Error {
  override readonly name = 'KinemaError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** What the user can try next, one line. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  get exitCode(): number {
    return this.code === 'bad-input' ? 2 : 1;
  }
}

export function assertUnreachable(x: never): never {
  throw new Error(`unreachable: ${String(x)}`);
}
