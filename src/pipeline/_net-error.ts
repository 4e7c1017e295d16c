/** Turns what `fetch` throws or answers into one KinemaError that names the URL and what to try next. */
import { KinemaError } from '../core/errors.ts';

export const FETCH_HINT =
  "check the connection and the URL, use --mirror URL for another copy of the files, --from DIR for files you already have, or 'kinema sample' for generated data";

/** A failed request (no HTTP answer): DNS, refused connection, reset, TLS, abort. */
export function requestError(url: string, error: unknown): KinemaError {
  return new KinemaError('network', `could not download ${url}: ${describe(error)}`, FETCH_HINT, {
    cause: error,
  });
}

/** An HTTP answer that is not a success. */
export function statusError(url: string, status: number, statusText: string): KinemaError {
  const what = status === 404 ? 'not found on the server' : status >= 500 ? 'server error' : 'refused';
  const text = statusText ? ` ${statusText}` : '';
  return new KinemaError('network', `could not download ${url}: HTTP ${status}${text} (${what})`, FETCH_HINT);
}

/** The body stopped before its end; the partial file stays for the next run to resume. */
export function interruptedError(url: string, received: number, error: unknown): KinemaError {
  return new KinemaError(
    'network',
    `download of ${url} was interrupted after ${received} bytes: ${describe(error)}`,
    `run the same command again to resume from the .part file; ${FETCH_HINT}`,
    { cause: error },
  );
}

const CODES: Record<string, string> = {
  ENOTFOUND: 'host not found (DNS lookup failed; offline?)',
  EAI_AGAIN: 'DNS lookup timed out (offline?)',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset by the server',
  ETIMEDOUT: 'connection timed out',
  ENETUNREACH: 'network unreachable (offline?)',
  EHOSTUNREACH: 'host unreachable',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
};

function describe(error: unknown): string {
  // undici wraps the system error: TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CODES[code]) return CODES[code];
  }
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const inner = cause instanceof Error && cause.message !== error.message ? ` (${cause.message})` : '';
    return `${error.message}${inner}`;
  }
  return String(error);
}
