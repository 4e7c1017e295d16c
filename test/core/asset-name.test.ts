import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashedName, isHashedName } from '../../src/core/asset-name.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

test('hashedName puts an 8-hex content hash before the extension', () => {
  const name = hashedName('app.css', bytes('body { margin: 0 }'));
  assert.match(name, /^app\.[0-9a-f]{8}\.css$/);
  assert.equal(hashedName('app.css', bytes('body { margin: 0 }')), name, 'same bytes, same name');
  assert.notEqual(hashedName('app.css', bytes('body { margin: 1px }')), name, 'new bytes, new name');
  assert.match(hashedName('LICENSE', bytes('x')), /^LICENSE\.[0-9a-f]{8}$/);
});

test('isHashedName tells hashed names from plain ones', () => {
  assert.ok(isHashedName(hashedName('icon.svg', bytes('<svg/>'))));
  assert.ok(isHashedName('site/assets/app.0a1b2c3d.js'));
  assert.ok(!isHashedName('app.js'));
  assert.ok(!isHashedName('movie/tt0068646/index.html'));
  assert.ok(!isHashedName('app.0A1B2C3D.js'), 'hashes are lower-case hex');
});
