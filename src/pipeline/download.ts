/**
 * Downloads one file (gzip unless `verify` says otherwise) over HTTP into place, politely and safely:
 *  - conditional: with the ETag / Last-Modified of the copy we have, a 304 keeps it;
 *  - resumable: bytes arrive in `<dest>.part`; after an interruption the next run asks for the rest with
 *    `Range` + `If-Range`, and starts again from 0 when the server answers 200 (it ignored the range or the
 *    file changed);
 *  - verified: the whole gzip stream is decompressed (or `verify` run) before the `.part` is renamed over
 *    `<dest>`, so `<dest>` is always a complete file. A corrupt download is deleted; an interrupted one stays as
 *    `.part` (with its validators in `<dest>.part.json`) for the next run to resume, and a `.part` that
 *    is already complete (a run killed during the check) is checked and kept without a request;
 *  - bounded: at most MAX_REQUESTS requests and `totalTimeoutMs` per file, whatever the server answers;
 *  - tolerant of mirrors that label the .gz `Content-Encoding: gzip` (fetch then decodes it): the
 *    decoded text is compressed again, and such a download starts over instead of resuming.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { KinemaError } from '../core/errors.ts';
import type { Logger } from '../core/log.ts';
import { hasGzipMagic, verifyGzip } from './_gzip.ts';
import { FETCH_HINT, interruptedError, requestError, statusError } from './_net-error.ts';
import {
  completeSidecar,
  partSidecar,
  readValidators,
  removeFile,
  writeValidators,
  type Validators,
} from './_sidecar.ts';

export interface DownloadOptions {
  url: string;
  dest: string;
  /** Download even when the server says our copy is current. */
  force?: boolean;
  /** Name shown in progress lines; defaults to the URL. */
  label?: string;
  /** Give up when no byte arrives for this long (default 60 s); the .part stays for a resume. */
  idleTimeoutMs?: number;
  /**
   * Checks the complete `.part` before it replaces `dest`; throws when it is damaged (the `.part` is then
   * deleted). Default: the whole gzip stream decompresses.
   */
  verify?: { what: string; check(part: string): Promise<unknown> };
  /** Give up on the file after this long in all (default 3 h); the .part stays for a resume. */
  totalTimeoutMs?: number;
}

export interface DownloadEffects {
  fetch: typeof fetch;
  log: Logger;
}

/** 'unchanged': 304, our copy is current; 'resumed': a .part was completed with a range request. */
export type DownloadStatus = 'downloaded' | 'resumed' | 'unchanged';

export interface DownloadResult {
  status: DownloadStatus;
  /** Bytes received in this run. */
  received: number;
  /** Size of the file now in place. */
  size: number;
}

/** Requests per file: a resume, a restart from byte 0 and one spare; a server that needs more is broken. */
export const MAX_REQUESTS = 4;

export async function downloadFile(
  options: DownloadOptions,
  effects: DownloadEffects,
): Promise<DownloadResult> {
  const budget = { requests: 0, deadline: Date.now() + (options.totalTimeoutMs ?? 3 * 3_600_000) };
  return attempt(options, effects, true, budget);
}

// --- internal ---

interface Budget {
  requests: number;
  deadline: number;
}

async function attempt(
  options: DownloadOptions,
  effects: DownloadEffects,
  mayResume: boolean,
  budget: Budget,
  why = '',
): Promise<DownloadResult> {
  const { url, dest } = options;
  const part = `${dest}.part`;
  if (++budget.requests > MAX_REQUESTS || Date.now() > budget.deadline) {
    throw new KinemaError(
      'network',
      `could not download ${url}: gave up after ${budget.requests - 1} requests (${why || 'out of time'})`,
      FETCH_HINT,
    );
  }
  const current = options.force ? undefined : await knownCopy(dest, url);
  const partSize = mayResume ? ((await sizeOf(part)) ?? 0) : 0;
  const partMeta = partSize > 0 ? await readValidators(partSidecar(dest)) : undefined;
  const ifRange = partMeta?.url === url ? rangeValidator(partMeta) : undefined;
  if (ifRange && partMeta?.size === partSize) {
    const kept = await completePart(dest, partMeta, options.verify);
    if (kept) return kept;
    return attempt(options, effects, false, budget, why);
  }

  // identity: a mirror serving .gz with Content-Encoding: gzip would otherwise be un-gzipped by fetch
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (current?.etag) headers['if-none-match'] = current.etag;
  else if (current?.lastModified) headers['if-modified-since'] = current.lastModified;
  if (ifRange) {
    headers.range = `bytes=${partSize}-`;
    headers['if-range'] = ifRange;
  }

  const idle = idleTimer(options.idleTimeoutMs ?? 60_000, budget.deadline);
  try {
    return await exchange(options, effects, { headers, current, partSize, partMeta, ifRange, idle, budget });
  } finally {
    idle.stop();
  }
}

interface Request {
  headers: Record<string, string>;
  current: Validators | undefined;
  partSize: number;
  partMeta: Validators | undefined;
  ifRange: string | undefined;
  idle: IdleTimer;
  budget: Budget;
}

async function exchange(
  options: DownloadOptions,
  effects: DownloadEffects,
  { headers, current, partSize, partMeta, ifRange, idle, budget }: Request,
): Promise<DownloadResult> {
  const { url, dest } = options;
  const part = `${dest}.part`;
  let response: Response;
  try {
    response = await effects.fetch(url, { headers, redirect: 'follow', signal: idle.signal });
  } catch (error) {
    throw requestError(url, error);
  }
  if (response.status === 304 && current) {
    await response.body?.cancel();
    return { status: 'unchanged', received: 0, size: (await sizeOf(dest)) ?? 0 };
  }
  if (response.status === 416 && ifRange) {
    await response.body?.cancel();
    // "bytes */N" with N our size: the .part is the whole file (the last run stopped during its check)
    const size = /^bytes \*\/(\d+)$/.exec(response.headers.get('content-range')?.trim() ?? '');
    if (partMeta && Number(size?.[1]) === partSize) {
      const kept = await completePart(dest, { ...partMeta, size: partSize }, options.verify);
      if (kept) return kept;
    }
    // our .part no longer fits the file on the server: start over
    return attempt(options, effects, false, budget, 'the server refused the range of the .part');
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw statusError(url, response.status, response.statusText);
  }

  // fetch has decoded the body: its length is not the header's, and ranges of it cannot be asked for
  const encoded = /gzip/i.test(response.headers.get('content-encoding') ?? '');
  let offset = 0;
  let total = encoded ? undefined : numberHeader(response, 'content-length');
  if (response.status === 206) {
    const range = parseContentRange(response.headers.get('content-range'));
    // a 206 to a request without Range is fine when it holds the whole file
    const whole = !ifRange && range?.start === 0 && !encoded;
    if (!whole && (!ifRange || !range || range.start !== partSize || encoded)) {
      await response.body?.cancel();
      return attempt(
        options,
        effects,
        false,
        budget,
        `unexpected 206 Partial Content (${range ? `from byte ${range.start}` : 'no Content-Range'})`,
      );
    }
    offset = whole ? 0 : partSize;
    total = range?.total;
  }
  const validators: Validators = {
    url,
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
    size: total,
  };
  if (offset === 0) {
    // recorded before the body, so an interruption leaves a .part that knows what it belongs to
    await removeFile(part);
    if (encoded) await removeFile(partSidecar(dest));
    else await writeValidators(partSidecar(dest), validators);
  }

  const received = await receive(response, part, offset, total, options.label ?? url, effects.log, idle);
  const size = offset + received;
  if (total !== undefined && size !== total) {
    throw interruptedError(url, size, new Error(`expected ${total} bytes, got ${size}`));
  }
  const verify = options.verify ?? GZIP;
  if (encoded && !options.verify && !(await hasGzipMagic(part))) {
    effects.log.info(
      `${options.label ?? url}: the server sent it with Content-Encoding: gzip; compressing it again`,
    );
    await gzipInPlace(part);
  }
  try {
    await verify.check(part);
  } catch (error) {
    await removeFile(part);
    await removeFile(partSidecar(dest));
    // a check that explains itself (e.g. a checksum mismatch) keeps its own message and code
    if (error instanceof KinemaError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new KinemaError(
      'network',
      `${url} is not a valid ${verify.what} (${reason}); nothing was saved`,
      FETCH_HINT,
      {
        cause: error,
      },
    );
  }
  await rename(part, dest);
  await writeValidators(completeSidecar(dest), { ...validators, size });
  await removeFile(partSidecar(dest));
  return { status: offset > 0 ? 'resumed' : 'downloaded', received, size };
}

/** A `.part` as long as the whole file: verified and moved into place, or deleted (null) when damaged. */
async function completePart(
  dest: string,
  meta: Validators,
  verify: { check(part: string): Promise<unknown> } = GZIP,
): Promise<DownloadResult | null> {
  const part = `${dest}.part`;
  try {
    await verify.check(part);
  } catch {
    await removeFile(part);
    return null;
  }
  await rename(part, dest);
  await writeValidators(completeSidecar(dest), meta);
  await removeFile(partSidecar(dest));
  return { status: 'resumed', received: 0, size: meta.size ?? 0 };
}

async function gzipInPlace(path: string): Promise<void> {
  const temp = `${path}.gz-tmp`;
  await pipeline(createReadStream(path), createGzip(), createWriteStream(temp));
  await rename(temp, path);
}

/**
 * Appends the body to the .part file. A failed body read still closes the file gracefully, so every
 * byte received is on disk for the next run to resume from (destroying the stream would drop buffers).
 */
async function receive(
  response: Response,
  part: string,
  offset: number,
  total: number | undefined,
  label: string,
  log: Logger,
  idle: IdleTimer,
): Promise<number> {
  let received = 0;
  let readError: unknown;
  const out = createWriteStream(part, { flags: offset > 0 ? 'a' : 'w' });
  log.progress?.(label, offset, total, { unit: 'bytes' });
  try {
    const reader = (response.body ?? new Blob([]).stream()).getReader();
    for (;;) {
      const chunk = await reader.read().catch((error: unknown) => {
        readError = error;
        return undefined;
      });
      if (!chunk || chunk.done) break;
      received += chunk.value.length;
      idle.touch();
      log.progress?.(label, offset + received, total, { unit: 'bytes' });
      if (!out.write(chunk.value)) await once(out, 'drain');
    }
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    throw new KinemaError('io', `could not write ${part}: ${String(error)}`, 'check free disk space', {
      cause: error,
    });
  }
  if (readError) throw interruptedError(response.url || label, offset + received, readError);
  return received;
}

const GZIP = { what: 'gzip file', check: verifyGzip };

interface IdleTimer {
  signal: AbortSignal;
  touch(): void;
  stop(): void;
}

/**
 * Aborts the request when nothing happens for `ms` (a stalled connection otherwise hangs forever) or at
 * the deadline (a connection that trickles a byte a minute).
 */
function idleTimer(ms: number, deadline: number): IdleTimer {
  const controller = new AbortController();
  const fire = () =>
    controller.abort(new Error(`no data for ${Math.round(ms / 1000)} s (stalled connection)`));
  let timer = setTimeout(fire, ms);
  const end = setTimeout(
    () => controller.abort(new Error('the download took longer than its time limit')),
    Math.max(0, deadline - Date.now()),
  );
  return {
    signal: controller.signal,
    touch() {
      clearTimeout(timer);
      timer = setTimeout(fire, ms);
    },
    stop: () => {
      clearTimeout(timer);
      clearTimeout(end);
    },
  };
}

/** The copy in place and its validators, when both exist and belong to this URL. */
async function knownCopy(dest: string, url: string): Promise<Validators | undefined> {
  if ((await sizeOf(dest)) === undefined) return undefined;
  const meta = await readValidators(completeSidecar(dest));
  return meta && meta.url === url && (meta.etag || meta.lastModified) ? meta : undefined;
}

/** If-Range needs a strong ETag; a weak one can't promise byte-identical ranges. */
function rangeValidator(meta: Validators): string | undefined {
  if (meta.etag && !meta.etag.startsWith('W/')) return meta.etag;
  return meta.lastModified;
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? s.size : undefined;
  } catch {
    return undefined;
  }
}

function numberHeader(response: Response, name: string): number | undefined {
  const value = response.headers.get(name);
  const n = value === null ? NaN : Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function parseContentRange(value: string | null): { start: number; total?: number } | undefined {
  const m = value ? /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(value.trim()) : null;
  if (!m) return undefined;
  return { start: Number(m[1]), total: m[3] === '*' ? undefined : Number(m[3]) };
}
