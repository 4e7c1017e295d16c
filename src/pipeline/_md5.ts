/**
 * The checks of a downloaded release: the MD5 GroupLens publishes beside each zip, and the error for a
 * damaged download (code bad-input, so the "offline, go on without MovieLens" path never hides it).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { KinemaError } from '../core/errors.ts';
import { requestError, statusError } from './_net-error.ts';

/** The MD5 from `<zip>.md5` (any text holding 32 hex digits), or undefined when the server has none. */
export async function publishedMd5(url: string, fetchFn: typeof fetch): Promise<string | undefined> {
  let response: Response;
  try {
    response = await fetchFn(url, { redirect: 'follow', signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    throw requestError(url, error);
  }
  if (response.status === 404 || response.status === 410) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw statusError(url, response.status, response.statusText);
  }
  const text = await response.text();
  const hash = /\b[0-9a-f]{32}\b/i.exec(text)?.[0];
  if (!hash) throw damaged(url, `no MD5 in "${text.slice(0, 80).trim()}"`);
  return hash.toLowerCase();
}

export async function checkMd5(path: string, expected: string | undefined, url: string): Promise<void> {
  if (!expected) return;
  const hash = createHash('md5');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  const actual = hash.digest('hex');
  if (actual !== expected) throw damaged(url, `its MD5 is ${actual}, the published .md5 says ${expected}`);
}

export function damaged(url: string, reason: string, cause?: unknown): KinemaError {
  return new KinemaError(
    'bad-input',
    `${url} is damaged: ${reason}; nothing was saved`,
    'run the same command again; if it keeps failing, use --movielens-mirror URL or --movielens-from DIR',
    { cause },
  );
}
