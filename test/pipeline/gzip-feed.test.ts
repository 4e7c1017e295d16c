import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { gzipSync } from 'node:zlib';
import { openGzipFeed } from '../../src/pipeline/gzip-feed.ts';
import { contentHash } from '../../src/pipeline/_gzip.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'kinema-feed-'));

test('a reader of the pipe gets the inflated text; the stats count its lines and hash the gzip bytes', async () => {
  const d = dir();
  const source = join(d, 'a.tsv.gz');
  const text = 'h\tx\n1\ta\n2\tb\n';
  writeFileSync(source, gzipSync(text));
  const feed = await openGzipFeed(source, d, 'a');
  assert.ok(feed, 'named pipes are available here');
  const read = await readFile(feed.path, 'utf8');
  const stats = await feed.done;
  await feed.release();
  assert.equal(read, text);
  assert.deepEqual(stats, { size: text.length, lines: 3, hash: await contentHash(source) });
});

test('a truncated file rejects `done` after the reader saw what was there', async () => {
  const d = dir();
  const source = join(d, 'b.tsv.gz');
  const whole = gzipSync('h\n' + 'row\n'.repeat(10_000));
  writeFileSync(source, whole.subarray(0, whole.length - 20));
  const feed = (await openGzipFeed(source, d, 'b'))!;
  await readFile(feed.path);
  await assert.rejects(feed.done, /unexpected end of file/);
  await feed.release();
});

test('a feed that fails before any reader opened the pipe still gives a reader that comes later its end', async () => {
  const d = dir();
  const source = join(d, 'e.tsv.gz');
  const whole = gzipSync('h\n' + 'row\n'.repeat(1000));
  writeFileSync(source, whole.subarray(0, whole.length >> 1));
  const feed = (await openGzipFeed(source, d, 'e'))!;
  // DuckDB may open the pipe only after the inflate failed: it must see an end, not wait for a writer
  // that is gone (Node 20 settles `done` before a reader comes, Node 22 once one has)
  await new Promise((r) => setTimeout(r, 300));
  let timer: NodeJS.Timeout | undefined;
  const late = await Promise.race([
    readFile(feed.path).then(() => 'read'),
    new Promise<string>((r) => (timer = setTimeout(r, 5000, 'stuck'))),
  ]);
  clearTimeout(timer);
  assert.equal(late, 'read');
  await assert.rejects(feed.done, /unexpected end of file/);
  await feed.release();
});

test('release() frees a feed whose reader never opened the pipe', async () => {
  const d = dir();
  const source = join(d, 'c.tsv.gz');
  writeFileSync(source, gzipSync('h\n' + 'x\n'.repeat(100_000)));
  const feed = (await openGzipFeed(source, d, 'c'))!;
  await feed.release();
  await assert.rejects(feed.done);
});

test('a file that is not gzip is refused before any pipe is made', async () => {
  const d = dir();
  const source = join(d, 'd.tsv.gz');
  writeFileSync(source, 'plain text\n');
  await assert.rejects(openGzipFeed(source, d, 'd'), /not a gzip file/);
});
