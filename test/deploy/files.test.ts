import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheControl, contentType } from '../../src/deploy/files.ts';

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
