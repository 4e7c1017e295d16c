/**
 * Feeds a TSV.gz file to DuckDB through a named pipe. A thread of its own (gzip-feed.worker.ts) inflates
 * the file once, which checks the
 * gzip CRC and length trailer (DuckDB reads a truncated file without a word), hashes the compressed
 * bytes for the ingest cache and counts lines on the way; DuckDB only parses plain text. Letting
 * DuckDB inflate as well would decompress every file twice, on a machine that may have two cores.
 */
import { execFileSync } from 'node:child_process';
import { constants, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnWorker, workerScript } from '../parallel/worker-source.ts';
import { hasGzipMagic, type GzipStats } from './_gzip.ts';
import { inputLineOf, type LineRule } from './id-line-filter.ts';
import type { FeedJob, FeedMessage } from './gzip-feed.worker.ts';

export interface FeedStats extends GzipStats {
  /** SHA-256 of the compressed bytes (hex, 16 characters), as `contentHash` gives it. */
  hash: string;
}

export interface GzipFeed {
  /** The named pipe for DuckDB to read as a plain (uncompressed) file. */
  path: string;
  /** Settles when the whole file went through; rejects on a damaged gzip stream. */
  done: Promise<FeedStats>;
  /** The file's line number of a line DuckDB numbered in the (maybe filtered) pipe (once `done`). */
  inputLine(line: number): number;
  /**
   * Call once the reader is finished, whatever happened: unblocks a writer still waiting for a reader
   * that never opened the pipe (a statement that failed first), then removes the pipe.
   */
  release(): Promise<void>;
}

export interface FeedOptions {
  /** Only the lines this rule keeps (and lines that name no id) reach DuckDB. */
  rule?: LineRule;
}

/**
 * Starts feeding `source` into a new named pipe in `dir`; null where named pipes cannot be made (no
 * `mkfifo`), so the caller reads the file the plain way. Rejects at once when `source` is not gzip.
 */
export async function openGzipFeed(
  source: string,
  dir: string,
  name: string,
  { rule }: FeedOptions = {},
): Promise<GzipFeed | null> {
  if (!(await hasGzipMagic(source))) throw new Error('not a gzip file (missing the 1f 8b magic bytes)');
  const path = join(dir, `${name}.${process.pid}.fifo`);
  rmSync(path, { force: true });
  try {
    execFileSync('mkfifo', ['-m', '600', path], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const job: FeedJob = { source, path, ...(rule ? { rule } : {}) };
  const script = await workerScript(new URL('./gzip-feed.worker.ts', import.meta.url));
  const worker = spawnWorker(script, { workerData: job, execArgv: [] });
  let lineMap: number[] = [];
  const done = new Promise<FeedStats>((resolve, reject) => {
    // the thread is left to end by itself: stopped while its open() of the pipe still waits for a
    // reader, it would leave that write end open once a reader comes, and the reader would wait forever
    worker.once('message', (m: FeedMessage) => {
      if ('error' in m) reject(Object.assign(new Error(m.error.message), { code: m.error.code }));
      else {
        lineMap = m.lineMap;
        resolve(m.stats);
      }
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the feed's thread exited (code ${code})`)));
  });
  // the caller learns of a failure through `done`; this keeps an early one from going unhandled
  done.catch(() => {});
  return {
    path,
    done,
    inputLine: (line) => inputLineOf(lineMap, line),
    async release() {
      // a writer blocked in open() waits for any reader: open and close one so it fails with EPIPE;
      // again until the feed ends, as the thread may reach its open() only after one such reader
      const settled = done.then(
        () => true,
        () => true,
      );
      for (;;) {
        const unblock = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => null);
        await unblock?.close();
        const ended = await Promise.race([settled, new Promise<false>((r) => setTimeout(r, 50, false))]);
        if (ended) break;
      }
      rmSync(path, { force: true });
    },
  };
}
