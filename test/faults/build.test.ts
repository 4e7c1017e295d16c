/**
 * Build faults (issue 8), driving the real CLI: kill -9 mid-build, broken input files, and a failing write.
 * In every case the previous model folder must stay byte-identical and no run may crash (exit 70).
 */
import { after, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import assert from 'node:assert/strict';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  CRASH,
  kinema,
  kinemaKilledWhen,
  kinemaWithFileLimit,
  sampleData,
  snapshot,
  tally,
  tempDir,
  type CliResult,
} from './_cli.ts';
import { figures, reportFigures } from '../helpers/figures.ts';
import { memoryLogger } from '../../src/core/log.ts';
import { startServer } from '../../src/runtime/node.ts';

const counted = figures();
after(() => reportFigures('build: broken files, kills, failing writes', counted));
const changed = (model: string, before: Map<string, string>) => !isDeepStrictEqual(snapshot(model), before);

const base = tempDir('faults-build');
const clean = join(base, 'imdb');
sampleData(clean);

/** A fresh work folder: a copy of the clean data and a model built from it. */
function workspace(name: string) {
  const dir = join(base, name);
  const data = join(dir, 'imdb');
  mkdirSync(data, { recursive: true });
  for (const f of readdirSync(clean)) copyFileSync(join(clean, f), join(data, f));
  const model = join(dir, 'model');
  const r = build(data, model, join(dir, 'cache'));
  assert.equal(r.status, 0, r.stderr);
  return { dir, data, model };
}

function build(data: string, model: string, cache: string, extra: string[] = []) {
  return kinema(buildArgs(data, model, cache, extra));
}

/** `kinema build` on small data: every movie (min votes 0), one thread, always rebuilt. */
function buildArgs(data: string, model: string, cache: string, extra: string[] = []): string[] {
  return [
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
    '--force',
    ...extra,
  ];
}

function editTsv(file: string, edit: (text: string) => string): void {
  writeFileSync(
    file,
    gzipSync(Buffer.from(edit(gunzipSync(readFileSync(file)).toString('latin1')), 'latin1')),
  );
}

test('kill -9 during build leaves the previous model byte-identical and served, and the next build succeeds', async () => {
  const { dir, data, model } = workspace('kill');
  const before = snapshot(model);
  const server = await startServer({
    modelDir: model,
    port: 0,
    log: memoryLogger(),
    handleSignals: false,
    watchIntervalMs: 60_000,
  });
  const health = async () => (await (await fetch(`${server.url}/healthz`)).json()) as unknown;
  const served = await health();
  try {
    const tempAppeared = () => readdirSync(dir).some((n) => n.startsWith('.model.tmp-'));
    const run = await kinemaKilledWhen(
      buildArgs(data, model, join(dir, 'cache2'), ['--seed', '7']),
      tempAppeared,
    );
    assert.ok(run.killed, 'the build finished before its temp folder was seen; nothing was tested');
    tally(counted, { status: run.code }, changed(model, before));
    assert.deepEqual(snapshot(model), before, 'the previous model changed');
    assert.equal(await server.reload(), false, 'the killed build swapped something in');
    assert.deepEqual(await health(), served, 'the server no longer serves the previous model');
    const again = build(data, model, join(dir, 'cache'), ['--k', '8']);
    assert.equal(again.status, 0, again.stderr);
    assert.ok(existsSync(join(model, 'manifest.json')));
    const leftovers = readdirSync(dir).filter((n) => n.startsWith('.model.'));
    assert.deepEqual(leftovers, [], 'stale temp folders were not cleaned up');
    assert.equal(await server.reload(), true, 'the next build was not picked up by the running server');
    assert.notDeepEqual(await health(), served);
  } finally {
    await server.close();
  }
});

interface Breakage {
  name: string;
  file: string;
  breakIt: (path: string) => void;
  /** Legal if odd data (e.g. a 1 MB title): a build that accepts it need not report skipped rows. */
  legal?: boolean;
}

const BREAKAGES: Breakage[] = [
  {
    name: 'truncated gzip',
    file: 'title.basics.tsv.gz',
    breakIt: (p) => writeFileSync(p, readFileSync(p).subarray(0, Math.floor(readFileSync(p).length / 2))),
  },
  {
    name: 'corrupt gzip',
    file: 'title.ratings.tsv.gz',
    breakIt: (p) => {
      const bytes = readFileSync(p);
      for (let i = 200; i < bytes.length - 20; i += 97) bytes[i] = bytes[i]! ^ 0x5a;
      writeFileSync(p, bytes);
    },
  },
  {
    name: 'a changed TSV header',
    file: 'title.basics.tsv.gz',
    breakIt: (p) => editTsv(p, (t) => t.replace('primaryTitle', 'mainTitle')),
  },
  {
    name: 'rows with wrong field counts',
    file: 'title.ratings.tsv.gz',
    breakIt: (p) =>
      editTsv(p, (t) =>
        t.replace(/\n(tt\d+)\t/, '\n$1\textra\t').replace(/\n(tt\d+\t[\d.]+)\t\d+\n/, '\n$1\n'),
      ),
  },
  {
    name: 'non-numeric numbers',
    file: 'title.ratings.tsv.gz',
    breakIt: (p) => editTsv(p, (t) => t.replace(/\n(tt\d+)\t[\d.]+\t/, '\n$1\tseven\t')),
  },
  {
    name: 'invalid UTF-8 bytes',
    file: 'title.basics.tsv.gz',
    breakIt: (p) => editTsv(p, (t) => t.replace(/\n(tt\d+\tmovie\t)/, '\n$1\xff\xfe\xc0')),
  },
  {
    name: 'a 1 MB field',
    file: 'title.basics.tsv.gz',
    breakIt: (p) => editTsv(p, (t) => t.replace(/\n(tt\d+\tmovie\t)/, `\n$1${'x'.repeat(1 << 20)}`)),
    legal: true,
  },
];

for (const b of BREAKAGES) {
  test(`build on ${b.name}: a clear error naming the file or counted skipped rows, never a crash; model intact`, () => {
    const { dir, data, model } = workspace(b.name.replace(/\W+/g, '-'));
    const before = snapshot(model);
    b.breakIt(join(data, b.file));
    const r = build(data, model, join(dir, 'cache-broken'));
    const unmentioned = r.status === 0 && !b.legal && !/skip|invalid|bad/i.test(r.stdout + r.stderr);
    tally(counted, r, (r.status !== 0 && changed(model, before)) || unmentioned);
    assert.notEqual(r.status, CRASH, `crashed (exit 70):\n${r.stderr.slice(-1500)}`);
    assert.equal(r.signal, null, 'killed by a signal');
    if (r.status === 0) {
      // Accepted: the bad rows must have been counted, and the model must be a complete one.
      if (!b.legal)
        assert.match(
          r.stdout + r.stderr,
          /skip|invalid|bad/i,
          'build succeeded without mentioning the bad rows',
        );
      assert.ok(existsSync(join(model, 'manifest.json')));
    } else {
      assert.ok(
        r.stderr.includes(b.file.replace('.tsv.gz', '')),
        `the error does not name ${b.file}:\n${r.stderr.slice(-800)}`,
      );
      assert.deepEqual(snapshot(model), before, 'the previous model changed after a failed build');
    }
  });
}

test('build whose model folder cannot be written (parent is a file: ENOTDIR): clear error, no crash', () => {
  // Tests run as root, where chmod 0555 does not stop writes; a path under a regular file always fails.
  const { dir, data } = workspace('enotdir');
  const blocker = join(dir, 'blocker');
  writeFileSync(blocker, 'not a folder');
  const r = build(data, join(blocker, 'model'), join(dir, 'cache'));
  tally(counted, r, false);
  assert.notEqual(r.status, 0);
  assert.notEqual(r.status, CRASH, `crashed (exit 70):\n${r.stderr.slice(-1500)}`);
  assert.match(r.stderr, /blocker/, `the error does not name the path:\n${r.stderr}`);
  assert.equal(readFileSync(blocker, 'utf8'), 'not a folder');
});

test('export whose output folder cannot be written (under a file): clear error, no crash, model intact', () => {
  const { dir, model } = workspace('export-enotdir');
  const before = snapshot(model);
  const blocker = join(dir, 'blocker');
  writeFileSync(blocker, 'not a folder');
  const help = kinema(['export', '--help']);
  if (help.status !== 0) return; // no export command: nothing to test
  const r = kinema(['export', '--model', model, '--out', join(blocker, 'movies.csv')]);
  tally(counted, r, changed(model, before));
  assert.notEqual(r.status, 0);
  assert.notEqual(r.status, CRASH, `crashed (exit 70):\n${r.stderr.slice(-1500)}`);
  assert.match(r.stderr, /blocker/, `the error does not name the path:\n${r.stderr}`);
  assert.deepEqual(snapshot(model), before);
});

test('build whose cache folder cannot be created (under a file): clear error, no crash, model intact', () => {
  const { dir, data, model } = workspace('cache-enotdir');
  const before = snapshot(model);
  const blocker = join(dir, 'blocker');
  writeFileSync(blocker, 'not a folder');
  const r = build(data, model, join(blocker, 'cache'));
  tally(counted, r, changed(model, before));
  assert.notEqual(r.status, 0);
  assert.notEqual(r.status, CRASH, `crashed (exit 70):\n${r.stderr.slice(-1500)}`);
  assert.match(r.stderr, /blocker/, `the error does not name the path:\n${r.stderr}`);
  assert.deepEqual(snapshot(model), before);
});

/** A clean failure: non-zero exit, no crash or signal, one error naming `path` and the cause. */
function assertCleanWriteFailure(r: CliResult, path: string): void {
  assert.notEqual(r.status, 0, 'the command succeeded despite the write limit');
  assert.notEqual(r.status, CRASH, `crashed (exit 70):\n${r.stderr.slice(-1500)}`);
  assert.equal(r.signal, null, 'killed by a signal (SIGXFSZ?)');
  assert.match(r.stderr, /too large|EFBIG/i, `the error does not say why:\n${r.stderr.slice(-800)}`);
  assert.ok(
    r.stderr.includes(path),
    `the error does not name a file under ${path}:\n${r.stderr.slice(-800)}`,
  );
}

test('a write that fails part-way through a build (file size limit, like a full disk): clear error, previous model intact', () => {
  const { dir, data, model } = workspace('efbig-build');
  const before = snapshot(model);
  const largest = Math.max(...readdirSync(model).map((f) => statSync(join(model, f)).size));
  // 1: the Parquet cache (DuckDB writes it) fails on its first table; 2: with a warm cache, the model's
  // largest file fails while the smaller ones before it were written
  const cases = [
    { limit: 4, cache: join(dir, 'cache-fresh') },
    { limit: Math.floor(largest / 1024) - 1, cache: join(dir, 'cache') },
  ];
  for (const { limit, cache } of cases) {
    const r = kinemaWithFileLimit(limit, buildArgs(data, model, cache, ['--seed', '9']));
    tally(counted, r, changed(model, before));
    assertCleanWriteFailure(r, dir);
    assert.deepEqual(snapshot(model), before, `the previous model changed (limit ${limit} KiB)`);
    const leftovers = readdirSync(dir).filter((n) => n.startsWith('.model.'));
    assert.deepEqual(leftovers, [], `temp folders left behind (limit ${limit} KiB)`);
    if (existsSync(cache)) {
      assert.deepEqual(
        readdirSync(cache).filter((n) => n.endsWith('.tmp')),
        [],
        'a partial cache file kept',
      );
    }
  }
  const again = build(data, model, join(dir, 'cache'), ['--seed', '9']);
  assert.equal(again.status, 0, again.stderr);
});

test('a write that fails part-way through an export (file size limit): clear error, no partial file', () => {
  const { dir, model } = workspace('efbig-export');
  const before = snapshot(model);
  for (const format of ['csv', 'json', 'parquet']) {
    const out = join(dir, `movies.${format}`);
    const r = kinemaWithFileLimit(4, ['export', '--model', model, '--format', format, '--out', out]);
    tally(counted, r, changed(model, before));
    assertCleanWriteFailure(r, dir);
    assert.equal(existsSync(out), false, `a partial ${format} export took the final name`);
    assert.deepEqual(
      readdirSync(dir).filter((n) => n.includes('tmp')),
      [],
      `${format}: temp file left`,
    );
  }
  assert.deepEqual(snapshot(model), before);
});
