/**
 * The ingest cache and the build's environment (issue 16, items 4-6): the cache is keyed on content, so
 * a file changed behind an unchanged size and timestamp is read again, and `--force` reads everything;
 * two builds never share a cache folder at once; too little memory says what to try.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CRASH, ROOT, kinema, sampleData, tally, tempDir } from './_cli.ts';
import { figures, reportFigures } from '../helpers/figures.ts';
import { loadModel } from '../../src/core/model-load.ts';
import { fileModelReader } from '../../src/runtime/files.ts';

const counted = figures();
after(() => reportFigures('build: cache, lock, memory', counted));

const base = tempDir('faults-cache');
const data = join(base, 'imdb');
sampleData(data);
const cache = join(base, 'cache');
const buildArgs = (model: string, extra: string[] = []) => [
  'build',
  '--data',
  data,
  '--model',
  model,
  '--cache',
  cache,
  '--min-votes',
  '0',
  '--threads',
  '1',
  ...extra,
];

/** Rewrites one rating in title.ratings so the .gz keeps its size, and restores the timestamp. */
function changeRatingKeepingSizeAndTime(ids: { get(id: string): number | undefined }): {
  id: string;
  rating: number;
} {
  const file = join(data, 'title.ratings.tsv.gz');
  const before = statSync(file);
  const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const [id, rating, votes] = lines[i]!.split('\t');
    if (ids.get(id!) === undefined) continue;
    for (const next of ['1.1', '9.9', '2.2', '8.8', '3.3', '7.7', '4.4', '6.6']) {
      if (next === rating) continue;
      const edited = [...lines];
      edited[i] = `${id}\t${next}\t${votes}`;
      const bytes = gzipSync(edited.join('\n'));
      if (bytes.length === before.size) {
        writeFileSync(file, bytes);
        utimesSync(file, before.atime, before.mtime);
        return { id: id!, rating: Number(next) };
      }
    }
  }
  throw new Error('no same-size edit found');
}

test('a file changed behind the same size and mtime is re-read, by the same command too; --force reads every file again', async () => {
  const model = join(base, 'model-content');
  // compressed here once, so an edit compressed the same way can keep the size
  const file = join(data, 'title.ratings.tsv.gz');
  writeFileSync(file, gzipSync(gunzipSync(readFileSync(file))));
  assert.equal(kinema(buildArgs(model)).status, 0);
  const { id, rating } = changeRatingKeepingSizeAndTime((await loadModel(fileModelReader(model))).byId);
  // the same command again: not taken for fresh (size and mtime are the old ones), and title.ratings
  // is not taken from the cache either, nor the tables its rated-movie filter keeps rows of
  const again = kinema(buildArgs(model));
  tally(counted, again, false);
  assert.equal(again.status, 0, again.stderr);
  assert.doesNotMatch(again.stderr, /is fresh/, 'a changed input was taken for unchanged');
  assert.match(again.stderr, /6 tables, 1 from cache/, again.stderr);
  const m = await loadModel(fileModelReader(model));
  assert.ok(Math.abs(m.catalog.rating[m.byId.get(id)!]! - rating) < 1e-6, 'the old rating is served');
  const forced = kinema(buildArgs(model, ['--seed', '5', '--force']));
  assert.equal(forced.status, 0, forced.stderr);
  assert.doesNotMatch(forced.stderr, /from cache/, '--force still used the cache');
});

test('a build on a cache folder another build holds refuses at once with a clear message', async () => {
  assert.equal(kinema(buildArgs(join(base, 'm1'), ['--force'])).status, 0);
  const lock = join(cache, '.lock');
  assert.equal(existsSync(lock), false, 'the lock was left behind');
  // the lock of a build still running: a live process's pid
  const other = spawn('sleep', ['30'], { stdio: 'ignore' });
  try {
    writeFileSync(lock, String(other.pid));
    const second = kinema(buildArgs(join(base, 'm2'), ['--force']));
    tally(counted, second, second.status === 0);
    assert.notEqual(second.status, 0, 'built on a cache another build holds');
    assert.notEqual(second.status, CRASH, second.stderr);
    assert.match(second.stderr, new RegExp(`in use by another build \\(pid ${other.pid}\\)`));
    assert.match(second.stderr, /--cache DIR/);
  } finally {
    other.kill();
  }
  await new Promise((r) => other.on('exit', r));
  // the same lock once its process is gone (a killed build): taken over
  assert.equal(kinema(buildArgs(join(base, 'm3'), ['--force'])).status, 0);
  assert.equal(existsSync(lock), false);
});

test('two real builds started at once on one cache folder: one builds, the other refuses clearly or waits its turn', async () => {
  const shared = join(base, 'cache-shared');
  const run = (model: string) =>
    new Promise<{ code: number | null; stderr: string }>((done) => {
      const args = buildArgs(model, ['--force']).map((a) => (a === cache ? shared : a));
      const child = spawn(process.execPath, [join(ROOT, 'bin/kinema.js'), ...args], { cwd: ROOT });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('exit', (code) => done({ code, stderr }));
    });
  const models = [join(base, 'twin-1'), join(base, 'twin-2')];
  const results = await Promise.all(models.map(run));
  for (const r of results) tally(counted, { status: r.code }, false);
  const built = results.filter((r) => r.code === 0).length;
  assert.ok(built >= 1, results.map((r) => r.stderr.slice(-400)).join('\n---\n'));
  for (const r of results) {
    assert.notEqual(r.code, CRASH, r.stderr.slice(-800));
    if (r.code !== 0) assert.match(r.stderr, /in use by another build \(pid \d+\)/);
  }
  for (const [i, r] of results.entries())
    if (r.code === 0) assert.ok((await loadModel(fileModelReader(models[i]!))).catalog.size > 0);
  assert.equal(existsSync(join(shared, '.lock')), false, 'the lock was left behind');
});

test('too little memory for DuckDB: one error saying what to try, not a crash', () => {
  const r = kinema(buildArgs(join(base, 'model-oom'), ['--memory', '8MB', '--force']));
  tally(counted, r, r.status === 0);
  assert.notEqual(r.status, 0);
  assert.notEqual(r.status, CRASH, `crashed:\n${r.stderr.slice(-800)}`);
  assert.match(r.stderr, /ran out of memory/);
  assert.match(r.stderr, /--memory/);
  assert.doesNotMatch(r.stderr, /unexpected error|at .*\.ts:\d+/);
});
