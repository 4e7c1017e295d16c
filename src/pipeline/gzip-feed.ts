/**
 * Feeds a TSV.gz file to DuckDB through a named pipe. Node inflates the file once, which checks the
 * gzip CRC and length trailer (DuckDB reads a truncated file without a word), hashes the compressed
 * bytes for the ingest cache and counts lines on the way; DuckDB only parses plain text. Letting
 * DuckDB inflate as well would decompress every file twice, on a machine that may have two cores.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { constants, createReadStream, createWriteStream, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { countText, hasGzipMagic, type GzipStats } from './_gzip.ts';
import { IdLineFilter, type LineRule } from './id-line-filter.ts';

export interface FeedStats extends GzipStats {
  /** SHA-256 of the compressed bytes (hex, 16 characters), as `contentHash` gives it. */
  hash: string;
}

export interface GzipFeed {
  /** The named pipe for DuckDB to read as a plain (uncompressed) file. */
  path: string;
  /** Settles when the whole file went through; rejects on a damaged gzip stream. */
  done: Promise<FeedStats>;
  /** The file's line number of a line DuckDB numbered in the (maybe filtered) pipe. */
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
  const hash = createHash('sha256');
  const stats: GzipStats = { size: 0, lines: 0 };
  const filter = rule ? new IdLineFilter(rule) : null;
  const hashing = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  // counts every line of the file, before the filter drops any
  const countAndFilter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (!filter) {
        countText(stats, chunk);
        return callback(null, chunk);
      }
      // the filter finds every newline anyway: it counts them
      stats.size += chunk.length;
      for (const part of filter.push(chunk)) this.push(part);
      callback();
    },
    flush(callback) {
      for (const part of filter?.end() ?? []) this.push(part);
      if (filter) stats.lines = filter.newlines;
      callback();
    },
  });
  const done = pipeline(
    createReadStream(source, { highWaterMark: 1 << 20 }),
    hashing,
    createGunzip({ chunkSize: 1 << 20 }),
    countAndFilter,
    createWriteStream(path),
  ).then(() => ({ ...stats, hash: hash.digest('hex').slice(0, 16) }));
  // the caller learns of a failure through `done`; this keeps an early one from going unhandled
  done.catch(() => {});
  return {
    path,
    done,
    inputLine: (line) => filter?.inputLine(line) ?? line,
    async release() {
      // a writer blocked in open() waits for any reader: open and close one so it fails with EPIPE
      const unblock = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch(() => null);
      await unblock?.close();
      await done.catch(() => {});
      rmSync(path, { force: true });
    },
  };
}
