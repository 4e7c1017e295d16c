import { test } from 'node:test';
import assert from 'node:assert/strict';
import { murmur3 } from '../../src/numeric/hash.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

test('murmur3 matches the reference MurmurHash3_x86_32 vectors', () => {
  // published test vectors (seed 0 unless given), covering every tail length
  assert.equal(murmur3(bytes('')), 0);
  assert.equal(murmur3(bytes(''), 1), 0x514e28b7);
  assert.equal(murmur3(bytes('a')), 0x3c2569b2);
  assert.equal(murmur3(bytes('ab')), 0x9bbfd75f);
  assert.equal(murmur3(bytes('abc')), 0xb3dd93fa);
  assert.equal(murmur3(bytes('abcd')), 0x43ed676a);
  assert.equal(murmur3(bytes('Hello, world!'), 1234), 0xfaf6cdb3);
  assert.equal(murmur3(bytes('The quick brown fox jumps over the lazy dog')), 0x2e4ff723);
});

test('murmur3 reads a view at any offset the same as a copy', () => {
  const data = bytes('xx{"movie":"tt0068646","items":[1,2,3]}');
  const view = data.subarray(2);
  assert.equal(murmur3(view), murmur3(view.slice()));
  assert.notEqual(murmur3(view), murmur3(data.subarray(3)));
});
