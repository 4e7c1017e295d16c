import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GENRES, genreMask, genreNames } from '../../src/core/genres.ts';

test('there are 28 IMDb genres and masks round-trip', () => {
  assert.equal(GENRES.length, 28);
  const mask = genreMask(['Drama', 'sci-fi', 'Western', 'Nope']);
  assert.deepEqual(genreNames(mask), ['Drama', 'Sci-Fi', 'Western']);
});
