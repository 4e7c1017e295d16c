/**
 * `kinema refresh` against a local IMDb mirror: a first run downloads and builds; a second finds
 * every file unchanged (conditional requests, nothing transferred) and leaves the model alone; a
 * changed title.ratings is the one file downloaded, and the rebuild records what it changed.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryLogger } from '../../src/core/log.ts';
import { IMDB_TABLES } from '../../src/core/tables.ts';
import { build, type BuildOptions } from '../../src/pipeline/build.ts';
import { describeRefresh, refreshInterval, refreshModel } from '../../src/pipeline/refresh.ts';
import { defaultTables, writeImdbFixture } from '../helpers/imdb-fixture.ts';
import { startFileServer, type FileServer } from './_file-server.ts';

let server: FileServer;
let root: string;

before(async () => {
  server = await startFileServer();
  const source = writeImdbFixture();
  for (const t of IMDB_TABLES) server.put(`/imdb/${t.file}`, readFileSync(join(source, t.file)));
  root = mkdtempSync(join(tmpdir(), 'kinema-refresh-'));
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function refresh(log = memoryLogger()) {
  const effects = { log, now: () => new Date('2026-06-01T00:00:00Z'), version: 'test' };
  return refreshModel(
    {
      dataDir: join(root, 'imdb'),
      modelDir: join(root, 'model'),
      mirror: `${server.url}imdb`,
      movielens: { dir: join(root, 'movielens'), release: 'none' },
    },
    {
      fetch,
      log,
      // the fixture's catalog is tiny: two clusters, every movie with 100 votes
      build: (options: BuildOptions) =>
        build({ ...options, k: 2, minVotes: 100, cacheDir: join(root, 'cache') }, effects),
      now: () => performance.now(),
    },
  );
}

test('refresh: download and build, then nothing transferred and no rebuild, then only the changed file', async () => {
  const first = await refresh();
  assert.ok(first.rebuilt);
  assert.equal(first.changed.length, 6);
  assert.ok(first.received > 0);
  assert.equal(first.build.manifest.diff, undefined, 'a first build has nothing to compare');

  server.requests.length = 0;
  const second = await refresh();
  assert.equal(second.rebuilt, false);
  assert.deepEqual(second.changed, []);
  assert.equal(second.received, 0);
  assert.equal(server.requests.length, 6);
  assert.ok(
    server.requests.every((r) => r.ifNoneMatch),
    'every request was conditional',
  );
  assert.match(describeRefresh(second), /^refresh: nothing changed; 0 B transferred; model unchanged \(/);

  const tables = defaultTables();
  tables['title.ratings'] = tables['title.ratings']!.map((row) =>
    row[0] === 'tt0000020' ? [row[0], row[1]!, 1_200_000] : row,
  );
  const changed = writeImdbFixture(tables);
  server.put('/imdb/title.ratings.tsv.gz', readFileSync(join(changed, 'title.ratings.tsv.gz')), 'v2');
  const third = await refresh();
  assert.ok(third.rebuilt);
  assert.deepEqual(third.changed, ['title.ratings.tsv.gz']);
  assert.equal(third.received, readFileSync(join(changed, 'title.ratings.tsv.gz')).length);
  const diff = third.build.manifest.diff!;
  assert.equal(diff.from, first.build.manifest.id);
  assert.deepEqual(
    diff.votes.map((m) => [m.id, m.after - m.before]),
    [['tt0000020', 200_000]],
  );
  assert.match(
    describeRefresh(third),
    /^refresh: title\.ratings\.tsv\.gz changed; .* transferred; model rebuilt: \d+ movies/,
  );
});

test('refresh intervals: daily, hourly, hours and minutes; anything else is refused', () => {
  assert.equal(refreshInterval('daily'), 86_400_000);
  assert.equal(refreshInterval('hourly'), 3_600_000);
  assert.equal(refreshInterval('6h'), 6 * 3_600_000);
  assert.equal(refreshInterval('30m'), 30 * 60_000);
  for (const bad of ['weekly', '0m', '10s', '']) assert.throws(() => refreshInterval(bad), /--refresh/);
});
