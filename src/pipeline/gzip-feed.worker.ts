/**
 * The thread of one gzip feed (gzip-feed.ts): reads the file, hashes the compressed bytes, inflates,
 * counts lines, drops the lines the rule drops and writes the rest into the named pipe; then posts the
 * stats and where lines were dropped, or the error (with its code). Off the main thread, so two tables
 * read side by side do not queue behind one thread's line filter.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { createGunzip } from 'node:zlib';
import { countText, type GzipStats } from './_gzip.ts';
import { IdLineFilter, IdSet, type LineRule } from './id-line-filter.ts';

export interface FeedJob {
  source: string;
  /** The named pipe. */
  path: string;
  /** Cloned on its way to the thread: an IdSet arrives as its fields, and is rebuilt here. */
  rule?: LineRule;
}

export type FeedMessage =
  { stats: GzipStats & { hash: string }; lineMap: number[] } | { error: { message: string; code?: string } };

const job = workerData as FeedJob;
const filter = job.rule ? new IdLineFilter(received(job.rule)) : null;
const hash = createHash('sha256');
const stats: GzipStats = { size: 0, lines: 0 };
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
pipeline(
  createReadStream(job.source, { highWaterMark: 1 << 20 }),
  hashing,
  createGunzip({ chunkSize: 1 << 20 }),
  countAndFilter,
  createWriteStream(job.path),
).then(
  () =>
    post({
      stats: { ...stats, hash: hash.digest('hex').slice(0, 16) },
      lineMap: filter?.lineMap() ?? [],
    }),
  (error: unknown) => {
    const { message, code } = error as { message?: string; code?: string };
    post({ error: { message: message ?? String(error), ...(code ? { code } : {}) } });
  },
);

function post(message: FeedMessage): void {
  parentPort?.postMessage(message);
}

function received(rule: LineRule): LineRule {
  if (!('prefix' in rule)) return rule;
  const { listed } = rule;
  return {
    prefix: rule.prefix,
    ids: new IdSet(rule.ids.bits),
    ...(listed ? { listed: { column: listed.column, titles: new IdSet(listed.titles.bits) } } : {}),
  };
}
