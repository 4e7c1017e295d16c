import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offlineHint } from '../../../src/cli/commands/start-run.ts';

test('the offline hint gives commands to paste, in the form the user ran (npm start or npx)', () => {
  const npm = offlineHint('./data/imdb', { npm_lifecycle_event: 'start' });
  assert.match(npm, /`npm start -- --from DIR`/);
  assert.match(npm, /`npx kinema sample --scale 0\.01 --out \.\/data\/imdb && npm start`/);
  const npx = offlineHint('/tmp/imdb', {});
  assert.match(npx, /`npx kinema start --from DIR --data \/tmp\/imdb`/);
  assert.match(
    npx,
    /--out \/tmp\/imdb && npx kinema start --data \/tmp\/imdb`/,
    'sample writes where start reads',
  );
});
