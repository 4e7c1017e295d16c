import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_BUILD_SETTINGS, describeSettings, pickSettings } from '../../src/core/build-settings.ts';

test('settings are described as the flags that differ from the defaults', () => {
  assert.equal(describeSettings(DEFAULT_BUILD_SETTINGS), '');
  const settings = pickSettings({
    ...DEFAULT_BUILD_SETTINGS,
    k: 12,
    weights: { genre: 1, year: 2 },
    minVotes: 50,
    collab: { method: 'cosine', onProgress: () => {} },
  });
  assert.equal(describeSettings(settings), '--weights genre=1,year=2 --k 12 --min-votes 50 --collab cosine');
  assert.deepEqual(JSON.parse(JSON.stringify(settings)).collab, { method: 'cosine' }, 'no callback recorded');
});
