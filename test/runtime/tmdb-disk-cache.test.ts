/** The TMDB cache folder: one JSON a movie, atomic writes, bounded by bytes, damaged files not trusted. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diskTmdbStore, tmdbCacheDirFor } from '../../src/runtime/tmdb-disk-cache.ts';
import type { CacheEntry } from '../../src/server/tmdb/details.ts';

const found = (id: string, fetchedAt: number, overview = 'x'): CacheEntry => ({
  v: 1,
  id,
  fetchedAt,
  status: 'found',
  details: { tmdbId: 238, region: 'US', poster: '/p.jpg', overview },
});

test('the cache folder sits beside the model folder, outside what a build swaps', () => {
  assert.equal(tmdbCacheDirFor('/srv/kinema/model'), '/srv/kinema/model-tmdb');
  assert.equal(tmdbCacheDirFor('/srv/kinema/model/'), '/srv/kinema/model-tmdb');
});

test('entries round-trip through one file each, with no temporary file left', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'kinema-tmdb-')), 'model-tmdb');
  const store = diskTmdbStore(dir);
  assert.equal(await store.get('tt0068646'), undefined, 'a missing folder is an empty cache');
  await store.put(found('tt0068646', 5));
  await store.put({ v: 1, id: 'tt0000001', fetchedAt: 6, status: 'absent' });
  assert.deepEqual(await store.get('tt0068646'), found('tt0068646', 5));
  assert.deepEqual(await store.get('tt0000001'), { v: 1, id: 'tt0000001', fetchedAt: 6, status: 'absent' });
  assert.deepEqual(readdirSync(dir).sort(), ['tt0000001.json', 'tt0068646.json']);
  const all = [];
  for await (const e of store.entries()) all.push(e.id);
  assert.deepEqual(all.sort(), ['tt0000001', 'tt0068646']);
});

test('a damaged or foreign file reads as missing (it will be refetched), never as data', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-tmdb-'));
  const store = diskTmdbStore(dir);
  writeFileSync(join(dir, 'tt0000002.json'), '{"v":1,"id":"tt0000002","fetchedAt":1,"status":"fo');
  writeFileSync(join(dir, 'tt0000003.json'), JSON.stringify(found('tt0000004', 1)));
  writeFileSync(join(dir, 'tt0000005.json'), JSON.stringify({ ...found('tt0000005', 1), v: 2 }));
  for (const id of ['tt0000002', 'tt0000003', 'tt0000005', '../etc/passwd'])
    assert.equal(await store.get(id), undefined, id);
});

test('the folder stays under its byte bound: the oldest fetches go first', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-tmdb-'));
  const one = Buffer.byteLength(`${JSON.stringify(found('tt0000010', 1, 'y'.repeat(500)))}\n`);
  const store = diskTmdbStore(dir, one * 5);
  for (let i = 10; i < 20; i++) await store.put(found(`tt00000${i}`, i, 'y'.repeat(500)));
  const kept = readdirSync(dir).sort();
  assert.ok(kept.length <= 5 && kept.length >= 3, kept.join());
  assert.equal(kept.at(-1), 'tt0000019.json', 'the newest is kept');
  assert.ok(!kept.includes('tt0000010.json'), 'the oldest is gone');
  assert.ok((await store.bytes()) <= one * 5);
});
