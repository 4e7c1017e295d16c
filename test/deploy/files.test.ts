import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collabRowsOf } from '../../src/core/collab/rows-file.ts';
import { trainCollab } from '../../src/core/collab/train.ts';
import { encodeCollab } from '../../src/core/model-binary.ts';
import { cacheControl, contentType, listUploadFiles } from '../../src/deploy/files.ts';
import { world } from '../helpers/ratings-world.ts';

test('cacheControl: hashed assets for good, pages for minutes, the model private', () => {
  assert.equal(cacheControl('site/assets/app.0a1b2c3d.js', 'site'), 'public, max-age=31536000, immutable');
  assert.equal(cacheControl('site/assets/app.js', 'site'), 'public, max-age=86400');
  assert.equal(cacheControl('site/movie/tt0068646/index.html', 'site'), 'public, max-age=300');
  assert.equal(cacheControl('site/api/movies/tt0068646.json', 'site'), 'public, max-age=300');
  assert.equal(cacheControl('site/movie/tt0068646', 'site'), 'public, max-age=300');
  assert.equal(cacheControl('model/v1/catalog.bin', 'model'), 'private, no-cache');
});

test('contentType by extension', () => {
  assert.match(contentType('app.0a1b2c3d.css'), /^text\/css/);
  assert.match(contentType('index.html'), /^text\/html/);
});

test('a big collab.bin also gets its rows file, as part objects only', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-files-'));
  try {
    const collab = encodeCollab(trainCollab(world().ratings));
    writeFileSync(join(dir, 'collab.bin'), collab);
    writeFileSync(join(dir, 'manifest.json'), '{}');
    const files = listUploadFiles(dir, 'm/', 'model', { partSize: 4096, over: 1000 });
    const rows = files.filter((f) => f.key.startsWith('m/collab.bin.rows'));
    assert.equal(rows.at(-1)!.key, 'm/collab.bin.rows.parts/index.json');
    assert.ok(!files.some((f) => f.key === 'm/collab.bin.rows'), 'no whole object of it');
    const joined = Buffer.concat(rows.slice(0, -1).map((f) => f.body!));
    assert.ok(joined.equals(Buffer.from(collabRowsOf(collab))), 'the parts joined are the rows file');
    assert.ok(
      files.some((f) => f.key === 'm/collab.bin.parts/00000'),
      'collab.bin has its own parts',
    );
    assert.ok(!files.some((f) => f.key.startsWith('m/manifest.json.parts')), 'small files have none');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
